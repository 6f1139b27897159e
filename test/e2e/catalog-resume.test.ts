import { createServer, request as forward, type IncomingMessage, type Server } from 'node:http';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { gtinCheckDigit } from '../../src/domain/gtin.ts';
import { DEFAULT_CATALOG_PAGE_SIZE } from '../../src/sync/catalog-pull.ts';
import { startTestServer } from '../../server/test-server.ts';
import { launchChromium } from './chromium.ts';
import { lastMessage, wedgeScan } from './page-actions.ts';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

// The app requests pages of its default size; the download takes 10 pages and is cut on the 6th.
const PAGE_SIZE = DEFAULT_CATALOG_PAGE_SIZE;
const PRODUCT_COUNT = 10 * PAGE_SIZE;
const PAGES_BEFORE_CUT = 5;
const STORED_BEFORE_CUT = PAGES_BEFORE_CUT * PAGE_SIZE;
const WEDGE_KEY_INTERVAL_MS = 5;

function ean13(index: number): string {
  const body = String(400_000_000_000 + index);
  return `${body}${gtinCheckDigit(body)}`;
}

/**
 * A pass-through proxy on 127.0.0.1 in front of the server, so the test decides what
 * happens to each catalog page request as the network would: pass it on, hold it, or
 * drop the connection with no reply.
 */
interface CatalogProxy {
  url: string;
  /** Cursors of the catalog page requests passed on to the server, in order. */
  cursors: string[];
  /** Holds the next catalog page request that arrives after `count` have passed. */
  holdAfter(count: number): void;
  /** Resolves when a request is held. */
  held(): Promise<void>;
  /**
   * Drops the held request's connection without a reply, and every catalog request after
   * it until `restore()`, as a lost network does. Dropping them all matters because
   * Chromium sends a GET again by itself when a reused connection closes.
   */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

async function startCatalogProxy(targetUrl: string): Promise<CatalogProxy> {
  const target = new URL(targetUrl);
  const cursors: string[] = [];
  let down = false;
  let holdAt = Number.POSITIVE_INFINITY;
  let heldRequest: IncomingMessage | undefined;
  let markHeld: () => void = () => {};
  let heldPromise = new Promise<void>((resolve) => (markHeld = resolve));

  const server: Server = createServer((incoming, outgoing) => {
    const url = new URL(incoming.url ?? '/', target);
    if (url.pathname === '/api/v1/catalog/changes') {
      if (down) {
        incoming.socket.destroy();
        return;
      }
      if (cursors.length >= holdAt) {
        holdAt = Number.POSITIVE_INFINITY;
        heldRequest = incoming;
        markHeld();
        return;
      }
      cursors.push(url.searchParams.get('cursor') ?? '');
    }
    const upstream = forward(
      { host: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers: incoming.headers },
      (reply) => {
        outgoing.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    cursors,
    holdAfter(count) {
      holdAt = count;
      heldPromise = new Promise<void>((resolve) => (markHeld = resolve));
    },
    held: () => heldPromise,
    cut() {
      down = true;
      heldRequest?.socket.destroy();
      heldRequest = undefined;
    },
    restore() {
      down = false;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Reads the stored catalog straight from IndexedDB: products in all chunks, and cursor. */
async function storedCatalog(page: Page): Promise<{ count: number; cursor: string | undefined }> {
  return page.evaluate(
    () =>
      new Promise<{ count: number; cursor: string | undefined }>((resolve, reject) => {
        const open = indexedDB.open('serial-capture');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['catalog-chunks', 'sync-state'], 'readonly');
          const chunks = tx.objectStore('catalog-chunks').getAll();
          const cursor = tx.objectStore('sync-state').get('catalog-cursor');
          tx.oncomplete = () => {
            open.result.close();
            const count = (chunks.result as { products: unknown[] }[]).reduce((sum, chunk) => sum + chunk.products.length, 0);
            resolve({ count, cursor: cursor.result?.cursor });
          };
        };
      }),
  );
}

describe('catalog download in Chromium', () => {
  let server: TestServer;
  let proxy: CatalogProxy;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer({ staticDir: inject('appDir') });
    const items = Array.from({ length: PRODUCT_COUNT }, (_, index) => ({
      product_id: `P${index}`,
      title: `Catalog item ${index}`,
      serialized_inventory: false,
      external_identifiers: [{ type: 'ean13', value: ean13(index) }],
    }));
    const imported = await fetch(`${server.url}/api/v1/imports/products`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ head: { catalog: 'bench', locale: 'en-US' }, items }),
    });
    expect(await imported.json()).toEqual({ imported: PRODUCT_COUNT, rejected: [] });
    proxy = await startCatalogProxy(server.url);
    browser = await launchChromium();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await server?.close();
  });

  it('resumes a download cut at half from its cursor, with checkout usable meanwhile', async () => {
    proxy.holdAfter(PAGES_BEFORE_CUT);
    const code = await server.createPairingCode('store-001');
    await page.goto(`${proxy.url}/#/pair?code=${code}`);
    await proxy.held();

    // The bar shows the counts of the pages stored so far.
    const bar = page.locator('.catalog-progress');
    await expect.poll(() => bar.getAttribute('data-received')).toBe(String(STORED_BEFORE_CUT));
    expect(await bar.getAttribute('data-total')).toBe(String(PRODUCT_COUNT));
    expect(await bar.textContent()).toContain(`${STORED_BEFORE_CUT.toLocaleString('en-US')} of ${PRODUCT_COUNT.toLocaleString('en-US')}`);

    // Checkout finds a product of a stored page while the download waits.
    await page.evaluate(() => {
      location.hash = '#/checkout';
    });
    await page.locator('#scan-input').focus();
    await page.keyboard.type(ean13(1234), { delay: WEDGE_KEY_INTERVAL_MS });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-product-id="P1234"]').count()).toBe(1);

    // The connection drops with no reply: the five whole pages stay, with their cursor.
    proxy.cut();
    await expect.poll(() => bar.count()).toBe(0);
    const afterCut = await storedCatalog(page);
    expect(afterCut.count).toBe(STORED_BEFORE_CUT);
    expect(afterCut.cursor).toBe(String(STORED_BEFORE_CUT));
    expect(proxy.cursors).toHaveLength(PAGES_BEFORE_CUT);

    proxy.restore();
    await page.evaluate(() => {
      location.hash = '#/settings';
    });
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(async () => (await storedCatalog(page)).count, { timeout: 30_000 }).toBe(PRODUCT_COUNT);

    // Each later page once, from the stored cursor on. A sync that starts after the end
    // (by a timer or a retry) requests from the last cursor, which brings nothing again.
    const resumed = proxy.cursors.slice(PAGES_BEFORE_CUT);
    const laterPages = Array.from({ length: 10 - PAGES_BEFORE_CUT }, (_, index) => String((PAGES_BEFORE_CUT + index) * PAGE_SIZE));
    expect(resumed[0]).toBe(String(STORED_BEFORE_CUT));
    expect(resumed.filter((cursor) => cursor !== String(PRODUCT_COUNT))).toEqual(laterPages);
    expect((await storedCatalog(page)).cursor).toBe(String(PRODUCT_COUNT));
    // The sale started during the download is still in the cart.
    await page.evaluate(() => {
      location.hash = '#/checkout';
    });
    await expect.poll(() => page.locator('[data-product-id="P1234"]').count()).toBe(1);
  });
  it('applies changed and deleted products at the next sync', async () => {
    // P10 gets the barcode of deleted P20 in the same sync: the code must find P10 only.
    const deleted = await fetch(`${server.url}/api/v1/products/P20`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    expect(deleted.status).toBe(204);
    const changed = await fetch(`${server.url}/api/v1/imports/products`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        head: { catalog: 'bench', locale: 'en-US' },
        items: [{ product_id: 'P10', title: 'Renamed item 10', serialized_inventory: false, external_identifiers: [{ type: 'ean13', value: ean13(20) }] }],
      }),
    });
    expect(await changed.json()).toEqual({ imported: 1, rejected: [] });

    await page.evaluate(() => {
      location.hash = '#/settings';
    });
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(async () => (await storedCatalog(page)).count, { timeout: 30_000 }).toBe(PRODUCT_COUNT - 1);

    await page.evaluate(() => {
      location.hash = '#/checkout';
    });
    await wedgeScan(page, ean13(20));
    await expect.poll(() => page.locator('.cart-line', { hasText: 'Renamed item 10' }).count()).toBe(1);
    await wedgeScan(page, ean13(10));
    await expect.poll(() => lastMessage(page)).toContain(ean13(10));
    expect(await page.locator('.cart-line', { hasText: 'Renamed item 10' }).count()).toBe(1);
  });
});
