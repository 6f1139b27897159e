import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../server/test-server.ts';
import { openAppUnderTest, type AppUnderTest } from './app-under-test.ts';

// A keyboard-wedge scanner types a few milliseconds per character and ends with Enter.
const WEDGE_KEY_INTERVAL_MS = 5;

// Two serialized units and one plain item, created the way the order system would.
const PICK_LIST = {
  id: 'PL-0100',
  order_id: 'ORD-6100',
  store_id: 'store-001',
  items: [
    { line_id: 'L1', product_id: '1001', quantity: 1 },
    { line_id: 'L2', product_id: '1004', quantity: 1 },
    { line_id: 'L3', product_id: '1017', quantity: 1 },
  ],
};
const LAPTOP = '9506000010014'; // 1001, serialized
const PHONE = '9506000010045'; // 1004, serialized
const TSHIRT = 'APP-1017'; // 1017, plain
const OTHER_PHONE = '9506000010052'; // 1005, not on the list
const LAPTOP_SERIAL = 'C02XK1PICK0001';
const PHONE_SERIAL = 'SNPICK00000002';

async function wedgeScan(page: Page, text: string): Promise<void> {
  await page.locator('#scan-input').focus();
  await page.keyboard.type(text, { delay: WEDGE_KEY_INTERVAL_MS });
  await page.keyboard.press('Enter');
}

// The same scan with no field focused, as after tapping a button.
async function wedgeScanUnfocused(page: Page, text: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.type(text, { delay: WEDGE_KEY_INTERVAL_MS });
  await page.keyboard.press('Enter');
}

async function lastMessage(page: Page): Promise<string> {
  return (await page.locator('.message-bar .message span').textContent()) ?? '';
}

function line(page: Page, lineId: string) {
  return page.locator(`[data-line-id="${lineId}"]`);
}

async function serialLookup(server: TestServer, productId: string, serial: string) {
  const query = new URLSearchParams({ product_id: productId, serial_number: serial });
  const reply = await fetch(`${server.url}/api/v1/serials?${query}`, {
    headers: { authorization: `Bearer ${server.adminToken}` },
  });
  expect(reply.status).toBe(200);
  return (await reply.json()) as {
    captures: Array<{ kind: string; pick_list_id?: string; line_id: string; store_id: string }>;
    conflicts: unknown[];
  };
}

// The device token is stored in the browser's IndexedDB. Reading it lets the test ask the
// server for the pick lists of this device's store.
async function readDeviceToken(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('serial-capture');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('sync-state').objectStore('sync-state').get('device');
          get.onsuccess = () => resolve((get.result as { device_token: string }).device_token);
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

describe('picking in Chromium', () => {
  let app: AppUnderTest;
  let server: TestServer;
  let page: Page;

  beforeAll(async () => {
    app = await openAppUnderTest();
    ({ server, page } = app);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('picks offline and the pick reaches the server once', async () => {
    const created = await fetch(`${server.url}/api/v1/pick-lists`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(PICK_LIST),
    });
    expect(created.status).toBe(201);

    // Online: pair, and let the first sync bring the catalog and the open pick lists.
    const code = await server.createPairingCode('store-001');
    await page.goto(`${server.url}/#/pair?code=${code}`);
    await expect.poll(() => page.locator('.status-chip').textContent(), { timeout: 20_000 }).toMatch(/· synced/);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await page.getByRole('link', { name: 'Picking', exact: true }).click();
    await expect.poll(() => page.locator('[data-pick-list-id="PL-0100"] [data-units]').textContent()).toBe('3');

    // Offline from here until the pick is complete.
    await app.context.setOffline(true);
    await expect.poll(() => page.locator('.status-chip').getAttribute('data-online')).toBe('false');
    await page.getByRole('link', { name: 'PL-0100' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Pick list PL-0100');

    await wedgeScan(page, OTHER_PHONE);
    await expect.poll(() => lastMessage(page)).toContain('not on this pick list');

    await wedgeScan(page, LAPTOP);
    await expect.poll(() => page.locator('.serial-prompt h2').textContent()).toContain('Trailhead 14 Laptop, 16 GB');
    await wedgeScan(page, LAPTOP);
    await expect.poll(() => lastMessage(page)).toContain('is the barcode of this item, not its serial');
    await wedgeScan(page, LAPTOP_SERIAL);
    await expect.poll(() => line(page, 'L1').locator('[data-serial]').textContent()).toBe(LAPTOP_SERIAL);

    await wedgeScan(page, TSHIRT);
    await expect.poll(() => line(page, 'L3').locator('[data-picked]').textContent()).toBe('1');
    await wedgeScan(page, TSHIRT);
    await expect.poll(() => lastMessage(page)).toContain('already picked in full');
    await line(page, 'L3').getByRole('button', { name: /^Undo/ }).click();
    await expect.poll(() => line(page, 'L3').locator('[data-picked]').textContent()).toBe('0');
    await wedgeScanUnfocused(page, TSHIRT);
    await expect.poll(() => line(page, 'L3').locator('[data-picked]').textContent()).toBe('1');

    // A reload mid-pick, still offline, finds the progress on the device.
    await page.reload();
    await expect.poll(() => line(page, 'L1').locator('[data-serial]').textContent()).toBe(LAPTOP_SERIAL);
    expect(await line(page, 'L3').locator('[data-picked]').textContent()).toBe('1');
    expect(await line(page, 'L2').locator('[data-picked]').textContent()).toBe('0');
    expect(await page.locator('#complete-pick').isDisabled()).toBe(true);
    expect(await page.locator('#complete-blocker').textContent()).toContain('1 unit is still to be picked');

    await wedgeScan(page, PHONE);
    await expect.poll(() => page.locator('.serial-prompt').count()).toBe(1);
    await wedgeScan(page, LAPTOP_SERIAL);
    await expect.poll(() => lastMessage(page)).toContain('already on another unit of this pick list');
    await wedgeScan(page, PHONE_SERIAL);
    await expect.poll(() => line(page, 'L2').locator('[data-serial]').textContent()).toBe(PHONE_SERIAL);

    expect(await page.locator('#complete-pick').isDisabled()).toBe(false);
    await page.locator('#complete-pick').click();
    await expect.poll(() => lastMessage(page)).toContain('Pick PL-0100 saved on this device');
    await expect.poll(() => page.locator('.status-chip').getAttribute('data-pending')).toBe('1');
    expect(await page.locator('#scan-input').count()).toBe(0);

    // Settings counts the waiting pick apart from sales.
    await page.goto(`${server.url}/#/settings`);
    await expect.poll(() => page.locator('[data-pending-picks]').textContent()).toBe('1');
    expect(await page.locator('[data-pending-sales]').textContent()).toBe('0');

    // Online again: the outbox sends the pick.
    await app.context.setOffline(false);
    await expect.poll(() => page.locator('.status-chip').getAttribute('data-pending'), { timeout: 20_000 }).toBe('0');
    // A second sync must not send it again.
    await page.reload();
    await expect.poll(() => page.locator('.status-chip').textContent(), { timeout: 20_000 }).toMatch(/· synced/);

    const laptop = await serialLookup(server, '1001', LAPTOP_SERIAL);
    expect(laptop.captures).toEqual([expect.objectContaining({ kind: 'pick', pick_list_id: 'PL-0100', line_id: 'L1' })]);
    expect(laptop.conflicts).toEqual([]);
    const phone = await serialLookup(server, '1004', PHONE_SERIAL);
    expect(phone.captures).toEqual([expect.objectContaining({ kind: 'pick', pick_list_id: 'PL-0100', line_id: 'L2' })]);
    expect(phone.conflicts).toEqual([]);

    const token = await readDeviceToken(page);
    const completed = await fetch(`${server.url}/api/v1/pick-lists?status=completed`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await completed.json()) as { items: Array<{ id: string }> };
    expect(body.items.map((list) => list.id)).toEqual(['PL-0100']);
  });
});
