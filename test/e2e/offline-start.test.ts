import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKOUT_USABLE_MARK } from '../../src/ui/checkout-usable-mark.ts';
import { openAppUnderTest, type AppUnderTest } from './app-under-test.ts';
import { lastMessage, readDeviceOutbox, wedgeScan } from './page-actions.ts';
import { LAPTOP_BARCODE, pairThroughLink } from './sale-steps.ts';

// Chunks that index.html does not load: they come from the precache when first needed.
const SERIAL_POLICY_CHUNK = /\/assets\/serial-policy-[\w-]+\.js$/;
const SYNC_ENGINE_CHUNK = /\/assets\/sync-engine-[\w-]+\.js$/;

function loadedScripts(page: Page): Promise<string[]> {
  return page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
}

describe('checkout in a tab opened offline', () => {
  let app: AppUnderTest;

  beforeAll(async () => {
    app = await openAppUnderTest();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('validates and saves a serial', async () => {
    // The one online visit pairs the device and lets the service worker precache the app.
    await pairThroughLink(app.page, app.server, app.server.url);
    await app.page.close();
    await app.context.setOffline(true);

    const page = await app.context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${app.server.url}/`);
    await page.waitForFunction((mark) => performance.getEntriesByName(mark, 'mark').length > 0, CHECKOUT_USABLE_MARK);
    expect(await page.locator('.status-chip').getAttribute('data-online')).toBe('false');

    await wedgeScan(page, LAPTOP_BARCODE);
    await page.locator('.serial-prompt').waitFor();

    // The demo format is 14 capitals or digits, so this serial is rejected by the pattern
    // compiler that loaded on demand, offline.
    await wedgeScan(page, 'SHORT1');
    await expect.poll(() => lastMessage(page)).toContain('Serial SHORT1 does not match the default format for all stores');
    expect(await page.locator('[data-product-id="1001"] [data-serial]').count()).toBe(0);

    await wedgeScan(page, 'C02XK1OFFLINE1');
    await expect.poll(() => page.locator('[data-product-id="1001"] [data-serial]').textContent()).toBe('C02XK1OFFLINE1');
    await page.locator('#complete-sale').click();
    await expect.poll(() => lastMessage(page)).toContain('Sale saved');

    const device = await readDeviceOutbox(page);
    expect(device.outbox).toBe(1);
    expect(device.pendingOrders).toBe(1);

    const scripts = await loadedScripts(page);
    expect(scripts.some((url) => SERIAL_POLICY_CHUNK.test(url))).toBe(true);
    expect(scripts.some((url) => SYNC_ENGINE_CHUNK.test(url))).toBe(true);
    await page.close();
  });

  it('opens lazy screens twice', async () => {
    // Runs after the test above, so the device is paired and the browser is offline.
    const page = await app.context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${app.server.url}/`);
    await page.locator('#scan-input').waitFor();

    for (let visit = 1; visit <= 2; visit += 1) {
      await page.goto(`${app.server.url}/#/settings`);
      await expect.poll(() => page.locator('#settings-heading').textContent()).toBe('Settings');
      await page.goto(`${app.server.url}/#/sync`);
      await expect.poll(() => page.locator('#sync-screen-heading').textContent()).toBe('Sync');
      await page.goto(`${app.server.url}/#/picking/PL-0001`);
      await expect.poll(() => page.locator('#picking-heading').textContent()).toBe('Pick list PL-0001');
      await page.goto(`${app.server.url}/#/checkout`);
      await page.locator('#scan-input').waitFor();
    }
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    await page.close();
  });
});
