import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { callApi, pairDevice } from './server-fixture.ts';

// Large enough that the import goes in several calls, small enough for a quick test.
const PRODUCT_COUNT = 12_000;
const PRODUCTS_PER_CALL = 5_000;

let server: TestServer;
let deviceToken: string;

function makeProducts(from: number, to: number) {
  const items = [];
  for (let index = from; index < to; index += 1) {
    items.push({
      product_id: `P${index}`,
      title: `Product ${index}`,
      external_identifiers: [{ type: 'sku', value: `SKU-${index}` }],
    });
  }
  return items;
}

async function importProducts(items: unknown[]) {
  return callApi(server, 'POST', '/api/v1/imports/products', {
    token: server.adminToken,
    body: { head: { catalog: 'storefront-catalog-en', locale: 'en-US' }, items },
  });
}

beforeAll(async () => {
  server = await startTestServer();
  deviceToken = (await pairDevice(server, 'store-001')).token;
  for (let from = 0; from < PRODUCT_COUNT; from += PRODUCTS_PER_CALL) {
    const reply = await importProducts(makeProducts(from, Math.min(PRODUCT_COUNT, from + PRODUCTS_PER_CALL)));
    expect(reply.body).toEqual({ imported: Math.min(PRODUCTS_PER_CALL, PRODUCT_COUNT - from), rejected: [] });
  }
});

afterAll(async () => {
  await server.close();
});

async function readPage(cursor: string, limit: number) {
  const reply = await callApi(server, 'GET', `/api/v1/catalog/changes?cursor=${cursor}&limit=${limit}`, { token: deviceToken });
  expect(reply.status).toBe(200);
  return reply.body as { items: unknown[]; next_cursor: string; has_more: boolean; remaining: number };
}

describe('catalog import in several calls', () => {
  it('keeps every product of every call', async () => {
    const first = await readPage('', 1);

    expect(first.items.length + first.remaining).toBe(PRODUCT_COUNT);
  });

  it('treats a resent call as unchanged', async () => {
    const before = await readPage('', 1);
    const lastCursor = String(Number(before.next_cursor) + before.remaining);

    await importProducts(makeProducts(0, PRODUCTS_PER_CALL));

    expect((await readPage(lastCursor, 10)).items).toEqual([]);
  });
});

describe('GET /api/v1/catalog/changes remaining', () => {
  it('counts the changes after each page', async () => {
    const remaining: number[] = [];
    let cursor = '';
    for (;;) {
      const page = await readPage(cursor, 5000);
      remaining.push(page.remaining);
      cursor = page.next_cursor;
      if (!page.has_more) break;
    }

    expect(remaining).toEqual([7000, 2000, 0]);
  });

  it('counts a deletion as a change still to send', async () => {
    const tail = await readPage('', 5000);
    const cursorBefore = tail.next_cursor;
    const beforeDelete = (await readPage(cursorBefore, 1)).remaining;

    const deleted = await callApi(server, 'DELETE', '/api/v1/products/P0', { token: server.adminToken });

    expect(deleted.status).toBe(204);
    expect((await readPage(cursorBefore, 1)).remaining).toBe(beforeDelete + 1);
  });

  it('is 0 on the last page', async () => {
    const page = await readPage('', 5000);
    const last = await readPage(String(Number(page.next_cursor) + page.remaining), 10);

    expect(last.has_more).toBe(false);
    expect(last.remaining).toBe(0);
  });
});
