import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { callApi, pairDevice } from './server-fixture.ts';

interface ChangeItem {
  product?: { product_id: string };
  deleted?: string;
}

let server: TestServer;
let deviceToken: string;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: true });
  deviceToken = (await pairDevice(server, 'store-001')).token;
});

afterAll(async () => {
  await server.close();
});

async function readChanges(query: string) {
  return callApi(server, 'GET', `/api/v1/catalog/changes${query}`, { token: deviceToken });
}

/** Follows the cursor from `cursor` to the end and returns every entry. */
async function readAll(cursor: string, limit: number): Promise<{ items: ChangeItem[]; cursor: string; pages: number }> {
  const items: ChangeItem[] = [];
  let pages = 0;
  for (;;) {
    const reply = await readChanges(`?cursor=${cursor}&limit=${limit}`);
    items.push(...reply.body.items);
    cursor = reply.body.next_cursor;
    pages += 1;
    if (!reply.body.has_more) return { items, cursor, pages };
  }
}

describe('GET /api/v1/catalog/changes', () => {
  it('pages through the demo catalog', async () => {
    const all = await readAll('', 10);

    expect(all.items).toHaveLength(32);
    expect(all.pages).toBe(4);
  });

  it('sends each product once across pages', async () => {
    const all = await readAll('', 7);
    const ids = all.items.map((item) => item.product?.product_id);

    expect(new Set(ids).size).toBe(32);
  });

  it('reports has_more on a partial read', async () => {
    const reply = await readChanges('?limit=5');

    expect(reply.body.items).toHaveLength(5);
    expect(reply.body.has_more).toBe(true);
  });

  it('sends nothing new at the end', async () => {
    const end = await readAll('', 1000);
    const reply = await readChanges(`?cursor=${end.cursor}`);

    expect(reply.body.items).toEqual([]);
    expect(reply.body.next_cursor).toBe(end.cursor);
    expect(reply.body.has_more).toBe(false);
  });

  it('sends a deletion after the cursor', async () => {
    const end = await readAll('', 1000);
    await callApi(server, 'DELETE', '/api/v1/products/1030', { token: server.adminToken });
    const reply = await readChanges(`?cursor=${end.cursor}`);

    expect(reply.body.items).toEqual([{ deleted: '1030' }]);
  });

  it('sends an update after the cursor', async () => {
    const end = await readAll('', 1000);
    await callApi(server, 'POST', '/api/v1/imports/products', {
      token: server.adminToken,
      body: { head: { catalog: 'c', locale: 'en-US' }, items: [{ product_id: '1029', title: 'Renamed service', external_identifiers: [] }] },
    });
    const reply = await readChanges(`?cursor=${end.cursor}`);

    expect(reply.body.items).toHaveLength(1);
    expect(reply.body.items[0].product.title).toBe('Renamed service');
  });

  it('skips a re-import without changes', async () => {
    const end = await readAll('', 1000);
    const row = { product_id: '1028', title: 'Same', external_identifiers: [{ type: 'sku', value: 'KIT-1028' }] };
    const body = { head: { catalog: 'c', locale: 'en-US' }, items: [row] };
    await callApi(server, 'POST', '/api/v1/imports/products', { token: server.adminToken, body });
    const afterFirst = await readAll(end.cursor, 1000);
    await callApi(server, 'POST', '/api/v1/imports/products', { token: server.adminToken, body });
    const afterSecond = await readChanges(`?cursor=${afterFirst.cursor}`);

    expect(afterFirst.items).toHaveLength(1);
    expect(afterSecond.body.items).toEqual([]);
  });

  it('lists a deleted product once as deleted', async () => {
    await callApi(server, 'DELETE', '/api/v1/products/1027', { token: server.adminToken });
    const all = await readAll('', 1000);
    const entries = all.items.filter((item) => item.product?.product_id === '1027' || item.deleted === '1027');

    expect(entries).toEqual([{ deleted: '1027' }]);
  });

  it('rejects a cursor it did not issue', async () => {
    const reply = await readChanges('?cursor=abc');

    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('invalid_cursor');
    expect(reply.body.detail).toContain('"abc"');
  });

  it('rejects a limit over 5000', async () => {
    const reply = await readChanges('?limit=5001');

    expect(reply.status).toBe(400);
    expect(reply.body.detail).toContain('limit 5001');
  });

  it('rejects a limit of 0', async () => {
    const reply = await readChanges('?limit=0');

    expect(reply.status).toBe(400);
  });

  it('rejects a limit that is not a number', async () => {
    const reply = await readChanges('?limit=ten');

    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe('/limit');
  });
});
