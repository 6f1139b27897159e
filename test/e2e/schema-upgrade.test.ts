import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import type { Order } from '../../src/domain/types.ts';
import { DB_NAME, DB_VERSION } from '../../src/storage/schema.ts';
import { launchChromium } from './chromium.ts';
import { countServerCaptures, readDeviceOutbox, wedgeScan } from './page-actions.ts';
import { LAPTOP_BARCODE, pairThroughLink } from './sale-steps.ts';

interface PairedDevice {
  device_id: string;
  device_token: string;
  store_id: string;
}

function makeOrder(serial: string, minute: number): Order {
  return {
    order_id: randomUUID(),
    store_id: 'store-001',
    created_at: `2026-12-04T10:0${minute}:00.000Z`,
    fulfillment_type: 'with_shipping',
    lines: [
      { line_id: 'L1', product_id: '1001', quantity: 1, fulfillment: 'IN_STORE_HANDOVER', serial_number: serial },
      { line_id: 'L2', product_id: '1017', quantity: 2, fulfillment: 'SHIPPING' },
    ],
  };
}

async function pairThroughApi(server: TestServer): Promise<PairedDevice> {
  const code = await server.createPairingCode('store-001');
  const reply = await fetch(`${server.url}/api/v1/pairing`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, device_name: 'Schema 1 tablet' }),
  });
  expect(reply.status).toBe(201);
  return (await reply.json()) as PairedDevice;
}

/**
 * Writes a version-1 device database on the page's origin, as version 1 of the app left
 * it: paired, with sales completed offline and queued. The store layout is written out
 * here, and not taken from schema.ts, so that later schema changes cannot change what is
 * upgraded from.
 */
async function createVersion1Db(page: Page, dbName: string, device: PairedDevice, orders: Order[]): Promise<void> {
  await page.evaluate(
    ({ dbName, device, orders }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(dbName, 1);
        open.onupgradeneeded = () => {
          const v1 = open.result;
          const products = v1.createObjectStore('products', { keyPath: 'product_id' });
          products.createIndex('by-key', 'keys', { multiEntry: true });
          v1.createObjectStore('config', { keyPath: 'scope' });
          v1.createObjectStore('orders', { keyPath: 'order_id' });
          const outbox = v1.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
          outbox.createIndex('by-capture', 'capture_id', { unique: true });
          v1.createObjectStore('sync-state', { keyPath: 'name' });
          v1.createObjectStore('drafts', { keyPath: 'name' });
        };
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['products', 'orders', 'outbox', 'sync-state'], 'readwrite');
          // A product the server does not list, so only the upgrade can have kept it.
          tx.objectStore('products').put({
            product_id: 'LEGACY-1',
            title: 'Legacy kettle',
            serialized_inventory: false,
            external_identifiers: [{ type: 'sku', value: 'LEGACY-SKU-1' }],
            keys: ['LEGACY-1', 'LEGACY-SKU-1'],
          });
          tx.objectStore('sync-state').put({ name: 'device', ...device, paired_at: '2026-12-04T08:00:00.000Z' });
          for (const order of orders) {
            tx.objectStore('orders').put({ order_id: order.order_id, order, status: 'pending', saved_at: order.created_at });
            tx.objectStore('outbox').add({
              capture_id: order.order_id,
              kind: 'order',
              payload: order,
              created_at: order.created_at,
              attempts: 1,
              last_error: 'POST /api/v1/orders failed: Failed to fetch. Check the network connection.',
              last_attempt_at: order.created_at,
            });
          }
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { dbName, device, orders },
  );
}

describe('device database made by schema version 1, in Chromium', () => {
  let server: TestServer;
  let browser: { context: BrowserContext; close(): Promise<void> };

  beforeAll(async () => {
    server = await startTestServer({ staticDir: inject('appDir'), seedDemo: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('upgrades and sends each sale once', async () => {
    const device = await pairThroughApi(server);
    const orders = ['SCHEMA1SERIAL1', 'SCHEMA1SERIAL2', 'SCHEMA1SERIAL3'].map((serial, index) => makeOrder(serial, index));

    // The first sale reached the server, but its reply was lost, so it is still queued.
    const delivered = await fetch(`${server.url}/api/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${device.device_token}` },
      body: JSON.stringify(orders[0]),
    });
    expect(delivered.status).toBe(201);

    // The version-1 database is written from a page of the app's origin that is not the app.
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/api/v1/health`);
    await createVersion1Db(page, DB_NAME, device, orders);

    await page.goto(`${server.url}/#/checkout`);
    await page.locator('#scan-input').waitFor();
    // The app has opened, so upgraded, the database before it renders the scan field.
    await expect.poll(async () => (await readDeviceOutbox(page)).outbox, { timeout: 20_000 }).toBe(0);
    // The chip shows the count at the end of the sync run, a moment after the last delivery.
    await expect.poll(() => page.locator('.status-chip').getAttribute('data-pending'), { timeout: 20_000 }).toBe('0');

    const upgraded = await readDeviceOutbox(page);
    expect(upgraded.version).toBe(DB_VERSION);
    expect(upgraded.stores).toContain('picks');
    expect(upgraded.orders).toBe(3);
    expect(upgraded.pendingOrders).toBe(0);
    expect(upgraded.outbox).toBe(0);

    expect(await server.countOrders()).toBe(3);
    for (const order of orders) {
      expect(await countServerCaptures(server, '1001', order.lines[0]!.serial_number!)).toBe(1);
      expect(await server.orderLines(order.order_id)).toEqual([
        expect.objectContaining({ product_id: '1001', fulfillment: 'IN_STORE_HANDOVER', serial_number: order.lines[0]!.serial_number }),
        expect.objectContaining({ product_id: '1017', quantity: 2, fulfillment: 'SHIPPING', serial_number: null }),
      ]);
    }

    // The product cached by version 1 is still found after the catalog moved into chunks.
    await wedgeScan(page, 'LEGACY-SKU-1');
    await page.locator('.cart-line', { hasText: 'Legacy kettle' }).waitFor();
  });

  it('asks to close a tab that blocks the upgrade', async () => {
    const other = await launchChromium();
    try {
      const device = await pairThroughApi(server);
      const oldTab = other.context.pages()[0] ?? (await other.context.newPage());
      oldTab.setDefaultTimeout(15_000);
      await oldTab.goto(`${server.url}/api/v1/health`);
      await createVersion1Db(oldTab, DB_NAME, device, []);

      // A tab still on version 1 keeps its connection open and ignores the version change.
      await oldTab.evaluate(
        (dbName) =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open(dbName, 1);
            open.onsuccess = () => {
              (window as unknown as { heldDb: IDBDatabase }).heldDb = open.result;
              resolve();
            };
            open.onerror = () => reject(open.error);
          }),
        DB_NAME,
      );

      const newTab = await other.context.newPage();
      newTab.setDefaultTimeout(15_000);
      await newTab.goto(`${server.url}/#/checkout`);
      await expect.poll(() => newTab.locator('.message-bar').textContent()).toContain('or once that tab is closed');
      expect(await newTab.locator('#scan-input').count()).toBe(0);

      await oldTab.evaluate(() => (window as unknown as { heldDb: IDBDatabase }).heldDb.close());
      await newTab.locator('#scan-input').waitFor();
      expect((await readDeviceOutbox(newTab)).version).toBe(DB_VERSION);
    } finally {
      await other.close();
    }
  });
  it('keeps a sale open in an older tab until it is completed', async () => {
    const other = await launchChromium();
    try {
      const olderTab = other.context.pages()[0] ?? (await other.context.newPage());
      olderTab.setDefaultTimeout(15_000);
      await pairThroughLink(olderTab, server, server.url);
      await wedgeScan(olderTab, LAPTOP_BARCODE);
      await olderTab.locator('.serial-prompt').waitFor();
      await wedgeScan(olderTab, 'NEWERTABSALE01');
      await olderTab.locator('[data-serial]', { hasText: 'NEWERTABSALE01' }).waitFor();

      // A tab of a later version opens the next schema version while the sale is open.
      const newerTab = await other.context.newPage();
      newerTab.setDefaultTimeout(15_000);
      await newerTab.goto(`${server.url}/api/v1/health`);
      await newerTab.evaluate(
        ({ dbName, version }) => {
          const state = { value: 'opening' };
          Reflect.set(window, 'newerOpen', state);
          const open = indexedDB.open(dbName, version);
          open.onblocked = () => (state.value = 'blocked');
          open.onsuccess = () => {
            state.value = 'open';
            open.result.close();
          };
          open.onerror = () => (state.value = `failed: ${open.error?.message}`);
        },
        { dbName: DB_NAME, version: DB_VERSION + 1 },
      );
      const newerState = () => newerTab.evaluate(() => (Reflect.get(window, 'newerOpen') as { value: string }).value);
      await expect.poll(newerState).toBe('blocked');
      await expect.poll(() => olderTab.locator('.message-bar').textContent()).toContain('is opening in another tab');

      // The older tab completes the sale on its open database, and only then lets go of it.
      await olderTab.locator('#complete-sale').click();
      await olderTab.locator('.message-bar .message', { hasText: 'Sale saved' }).waitFor();
      await expect.poll(newerState).toBe('open');
    } finally {
      await other.close();
    }
  });
});
