import type { Page } from 'playwright-core';
import type { TestServer } from '../../server/test-server.ts';

// A keyboard-wedge scanner types a few milliseconds per character and ends with Enter.
const WEDGE_KEY_INTERVAL_MS = 5;

/** Scans `text` into the scan field as a keyboard-wedge scanner would. */
export async function wedgeScan(page: Page, text: string): Promise<void> {
  await page.locator('#scan-input').focus();
  await page.keyboard.type(text, { delay: WEDGE_KEY_INTERVAL_MS });
  await page.keyboard.press('Enter');
}

/** Returns the text of the message bar, or '' when it shows none. */
export async function lastMessage(page: Page): Promise<string> {
  const message = page.locator('.message-bar .message span');
  return (await message.count()) === 0 ? '' : ((await message.textContent()) ?? '');
}

/** Scans an item and its serial, then completes the sale, and waits until the message bar confirms it is saved. */
export async function sellWithSerial(page: Page, itemCode: string, serial: string): Promise<void> {
  await wedgeScan(page, itemCode);
  await page.locator('.serial-prompt').waitFor();
  await wedgeScan(page, serial);
  await page.locator(`[data-serial]`, { hasText: serial }).waitFor();
  await page.locator('#complete-sale').click();
  await page.locator('.message-bar .message', { hasText: 'Sale saved' }).waitFor();
  await page.locator('.cart-line').first().waitFor({ state: 'detached' });
}

/** What the device database of a page's origin holds, as far as delivery goes. */
export interface DeviceOutbox {
  version: number;
  stores: string[];
  /** Entries in the outbox. */
  outbox: number;
  /** Stored sales, and those of them not acknowledged by the server. */
  orders: number;
  pendingOrders: number;
}

/**
 * Reads the device database of the page's origin. Call it only once the app has opened
 * the database: opening a database that does not exist creates an empty one.
 */
export async function readDeviceOutbox(page: Page): Promise<DeviceOutbox> {
  return page.evaluate(
    () =>
      new Promise<DeviceOutbox>((resolve, reject) => {
        const open = indexedDB.open('serial-capture');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['outbox', 'orders']);
          const outbox = tx.objectStore('outbox').count();
          const orders = tx.objectStore('orders').getAll();
          tx.oncomplete = () => {
            const pendingOrders = (orders.result as Array<{ status: string }>).filter((order) => order.status !== 'sent').length;
            resolve({
              version: db.version,
              stores: Array.from(db.objectStoreNames),
              outbox: outbox.result,
              orders: orders.result.length,
              pendingOrders,
            });
            db.close();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** Counts the captures of `serial` of `productId` on the server, through the admin API. */
export async function countServerCaptures(server: TestServer, productId: string, serial: string): Promise<number> {
  const query = new URLSearchParams({ product_id: productId, serial_number: serial });
  const reply = await fetch(`${server.url}/api/v1/serials?${query}`, {
    headers: { authorization: `Bearer ${server.adminToken}` },
  });
  if (reply.status !== 200) throw new Error(`GET /api/v1/serials for ${serial} answered ${reply.status}: ${await reply.text()}`);
  return ((await reply.json()) as { captures: unknown[] }).captures.length;
}
