// Steps of the browser tests that make sales: pair through the link, sell a serialized
// laptop, and read what the device and the server hold afterwards.

import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TestServer } from '../../server/test-server.ts';

// A keyboard-wedge scanner types a few milliseconds per character and ends with Enter.
const WEDGE_KEY_INTERVAL_MS = 5;
/** EAN-13 of the demo catalog's serialized laptop, product 1001. */
export const LAPTOP_BARCODE = '9506000010014';

async function wedgeScan(page: Page, text: string): Promise<void> {
  await page.locator('#scan-input').focus();
  await page.keyboard.type(text, { delay: WEDGE_KEY_INTERVAL_MS });
  await page.keyboard.press('Enter');
}

/** Pairs the page with store-001 through `origin`, and waits for the catalog and the service worker. */
export async function pairThroughLink(page: Page, server: TestServer, origin: string): Promise<void> {
  const code = await server.createPairingCode('store-001');
  await page.goto(`${origin}/#/pair?code=${code}`);
  await expect.poll(() => page.locator('.status-chip').textContent(), { timeout: 20_000 }).toMatch(/· synced/);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await page.goto(`${origin}/#/checkout`);
}

/** Sells one laptop with `serial` and waits until the app says the sale is saved. */
export async function sellLaptop(page: Page, serial: string): Promise<void> {
  await wedgeScan(page, LAPTOP_BARCODE);
  await expect.poll(() => page.locator('.serial-prompt').count()).toBe(1);
  await wedgeScan(page, serial);
  await expect.poll(() => page.locator('[data-product-id="1001"] [data-serial]').textContent()).toBe(serial);
  await page.locator('#complete-sale').click();
  await expect.poll(() => page.locator('.message-bar .message span').textContent()).toContain('Sale saved');
  await expect.poll(() => page.locator('.cart-line').count()).toBe(0);
}

/** Makes `count` serials in the demo format (14 capitals or digits), each with `prefix`. */
export function serialsFor(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}${String(index + 1).padStart(14 - prefix.length, '0')}`);
}

/** Counts the device's outbox entries, read from IndexedDB in the page. */
export function outboxCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const opening = indexedDB.open('serial-capture');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const db = opening.result;
          const counting = db.transaction('outbox').objectStore('outbox').count();
          counting.onsuccess = () => {
            resolve(counting.result);
            db.close();
          };
          counting.onerror = () => reject(counting.error);
        };
      }),
  );
}

export interface SerialCapture {
  order_id: string;
  /** The order's `created_at`, on the device's clock. */
  captured_at: string;
  /** When the server stored it, on the server's clock. */
  received_at: string;
}

/** Reads where the laptop serial went, straight from the server with the admin token. */
export async function laptopCaptures(server: TestServer, serial: string): Promise<SerialCapture[]> {
  const query = new URLSearchParams({ product_id: '1001', serial_number: serial });
  const reply = await fetch(`${server.url}/api/v1/serials?${query}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
  expect(reply.status).toBe(200);
  return ((await reply.json()) as { captures: SerialCapture[] }).captures;
}

/**
 * The acceptance check of every fault test: every captured sale is on the server exactly
 * once, and the device's outbox is empty. Waits for the outbox to empty first.
 */
export async function expectEverySaleOnceAndOutboxEmpty(
  page: Page,
  server: TestServer,
  serials: string[],
  timeoutMs = 60_000,
): Promise<void> {
  await expect.poll(() => outboxCount(page), { timeout: timeoutMs, interval: 250 }).toBe(0);
  for (const serial of serials) {
    expect(await laptopCaptures(server, serial), `captures of serial ${serial}`).toHaveLength(1);
  }
  expect(await server.countOrders()).toBe(serials.length);
  await expect.poll(() => page.locator('.status-chip').getAttribute('data-pending')).toBe('0');
}
