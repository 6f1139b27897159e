import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../server/test-server.ts';
import { openAppUnderTest, type AppUnderTest } from './app-under-test.ts';

// A keyboard-wedge scanner types a few milliseconds per character and ends with Enter.
const WEDGE_KEY_INTERVAL_MS = 5;

async function wedgeScan(page: Page, text: string): Promise<void> {
  await page.locator('#scan-input').focus();
  await page.keyboard.type(text, { delay: WEDGE_KEY_INTERVAL_MS });
  await page.keyboard.press('Enter');
}

async function lastMessage(page: Page): Promise<string> {
  return (await page.locator('.message-bar .message span').textContent()) ?? '';
}

async function serialLookup(server: TestServer, productId: string, serial: string) {
  const query = new URLSearchParams({ product_id: productId, serial_number: serial });
  const reply = await fetch(`${server.url}/api/v1/serials?${query}`, {
    headers: { authorization: `Bearer ${server.adminToken}` },
  });
  expect(reply.status).toBe(200);
  return (await reply.json()) as { captures: Array<{ order_id: string; store_id: string }>; conflicts: unknown[] };
}

describe('checkout in Chromium', () => {
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

  it('captures serials online and offline, each sale reaching the server once', async () => {
    // Pair through the link that `npm start` prints, and wait for the catalog.
    const code = await server.createPairingCode('store-001');
    await page.goto(`${server.url}/#/pair?code=${code}`);
    await expect.poll(() => page.locator('.status-chip').textContent(), { timeout: 20_000 }).toMatch(/· synced/);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await page.goto(`${server.url}/#/settings`);
    await expect.poll(() => page.locator('[data-product-count]').textContent(), { timeout: 20_000 }).toBe('32');
    await page.goto(`${server.url}/#/checkout`);

    // Sale 1: a serialized laptop taken now, a serialized phone shipped, a plain T-shirt.
    await wedgeScan(page, '9506000010014');
    await expect(page.locator('.serial-prompt h2').textContent()).resolves.toContain('Trailhead 14 Laptop, 16 GB');

    await wedgeScan(page, 'abc-12');
    await expect.poll(() => lastMessage(page)).toContain('abc-12');
    expect(await page.locator('.message-bar .message').getAttribute('data-tone')).toBe('error');
    expect(await page.locator('.serial-prompt').count()).toBe(1);

    await wedgeScan(page, 'C02XK1ABCD1234');
    await expect.poll(() => page.locator('[data-product-id="1001"] [data-serial]').textContent()).toBe('C02XK1ABCD1234');
    expect(await page.locator('.serial-prompt').count()).toBe(0);

    // Ship drops the laptop's serial with a message that names it, and Take now puts it back before the sale is completed.
    const laptopLine = page.locator('[data-product-id="1001"]');
    await laptopLine.getByRole('button', { name: 'Ship' }).click();
    await expect.poll(() => lastMessage(page)).toContain('serial C02XK1ABCD1234 was removed from Trailhead 14 Laptop, 16 GB');
    await expect.poll(() => laptopLine.locator('[data-serial]').count()).toBe(0);
    await expect.poll(() => laptopLine.locator('.line-note').textContent()).toContain('Take now puts serial C02XK1ABCD1234 back');
    await laptopLine.getByRole('button', { name: 'Take now' }).click();
    await expect.poll(() => lastMessage(page)).toBe('Serial C02XK1ABCD1234 is back on Trailhead 14 Laptop, 16 GB, which is taken now.');
    await expect.poll(() => laptopLine.locator('[data-serial]').textContent()).toBe('C02XK1ABCD1234');
    expect(await page.locator('.serial-prompt').count()).toBe(0);

    await wedgeScan(page, '0614141020034');
    await expect.poll(() => page.locator('.serial-prompt h2').textContent()).toContain('Summit 6.1 Smartphone, 128 GB, Graphite');
    await page.getByRole('button', { name: 'Later: scan other items first' }).click();
    await page.locator('[data-product-id="1003"]').getByRole('button', { name: 'Ship' }).click();
    await expect.poll(() => page.locator('[data-product-id="1003"] .line-note').textContent()).toContain('Shipped');

    await wedgeScan(page, 'APP-1017');
    await expect.poll(() => page.locator('.cart-line').count()).toBe(3);
    expect(await page.locator('.serial-prompt').count()).toBe(0);

    await page.locator('#complete-sale').click();
    await expect.poll(() => lastMessage(page)).toContain('Sale saved');
    await expect.poll(() => page.locator('.status-chip').getAttribute('data-pending'), { timeout: 15_000 }).toBe('0');

    // Sale 2, offline: the sale waits on the device, survives a reload, and is sent later.
    await app.context.setOffline(true);
    await expect.poll(() => page.locator('.status-chip').getAttribute('data-online')).toBe('false');
    await wedgeScan(page, '9506000010045');
    await expect.poll(() => page.locator('.serial-prompt').count()).toBe(1);
    await wedgeScan(page, 'SN2ND000000001');
    await expect.poll(() => page.locator('[data-product-id="1004"] [data-serial]').textContent()).toBe('SN2ND000000001');
    await page.locator('#complete-sale').click();
    await expect.poll(() => lastMessage(page)).toContain('Sale saved');

    await page.reload();
    await expect.poll(() => page.locator('.status-chip').getAttribute('data-pending')).toBe('1');
    expect(await page.locator('.status-chip').getAttribute('data-online')).toBe('false');

    await app.context.setOffline(false);
    await expect.poll(() => page.locator('.status-chip').getAttribute('data-pending'), { timeout: 20_000 }).toBe('0');

    // The server has each sale once, with its serial; the shipped phone carries none.
    const laptop = await serialLookup(server, '1001', 'C02XK1ABCD1234');
    expect(laptop.captures).toHaveLength(1);
    expect(laptop.captures[0]?.store_id).toBe('store-001');
    expect(laptop.conflicts).toHaveLength(0);
    const phone = await serialLookup(server, '1004', 'SN2ND000000001');
    expect(phone.captures).toHaveLength(1);
    expect(phone.conflicts).toHaveLength(0);
    expect(await server.countOrders()).toBe(2);
    expect(await server.orderLines(laptop.captures[0]!.order_id)).toEqual([
      expect.objectContaining({ product_id: '1001', fulfillment: 'IN_STORE_HANDOVER', serial_number: 'C02XK1ABCD1234' }),
      expect.objectContaining({ product_id: '1003', fulfillment: 'SHIPPING', serial_number: null }),
      expect.objectContaining({ product_id: '1017', fulfillment: 'IN_STORE_HANDOVER', serial_number: null }),
    ]);
  });
});
