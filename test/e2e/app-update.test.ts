import { readdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { createAppDeployment, type AppDeployment } from './app-deployment.ts';
import { launchChromium } from './chromium.ts';
import { countServerCaptures, lastMessage, readDeviceOutbox, sellWithSerial, wedgeScan } from './page-actions.ts';

const LAPTOP = '9506000010014'; // product 1001, serialized
const SENT_SERIALS = ['C02XKUPDATE001', 'C02XKUPDATE002', 'C02XKUPDATE003'];
const OPEN_SALE_SERIAL = 'C02XKUPDATE004';
const LAST_TAB_SERIAL = 'C02XKUPDATE005';

/** Marks the page's JavaScript realm, so that a reload, which starts a new realm, is seen. */
async function markRealm(page: Page): Promise<void> {
  await page.evaluate(() => Reflect.set(window, 'realmBeforeUpdate', true));
}

async function realmIsMarked(page: Page): Promise<boolean> {
  return page.evaluate(() => Reflect.get(window, 'realmBeforeUpdate') === true);
}

async function appVersion(page: Page): Promise<string | null> {
  const field = page.locator('[data-app-version]');
  return (await field.count()) === 0 ? null : field.textContent();
}

function scannerChunk(buildDir: string): string {
  const chunk = readdirSync(`${buildDir}/assets`).find((name) => /^camera-overlay-.*\.js$/.test(name));
  if (chunk === undefined) throw new Error(`No camera-overlay chunk in ${buildDir}/assets.`);
  return chunk;
}

describe('app update in Chromium', () => {
  let deployment: AppDeployment;
  let server: TestServer;
  let browser: { context: BrowserContext; close(): Promise<void> };
  // The tab with the sale, which the second test goes on using.
  let saleTab: Page;

  beforeAll(async () => {
    deployment = createAppDeployment(['1', '2', '3']);
    deployment.deploy('1');
    server = await startTestServer({ staticDir: deployment.staticDir, seedDemo: true });
    // The fake camera lets the old tab open the scanner; its frames hold no barcode.
    browser = await launchChromium(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    deployment?.remove();
  });

  it('moves both tabs without losing a sale', async () => {
    saleTab = browser.context.pages()[0] ?? (await browser.context.newPage());
    saleTab.setDefaultTimeout(15_000);
    const code = await server.createPairingCode('store-001');
    await saleTab.goto(`${server.url}/#/pair?code=${code}`);
    await saleTab.locator('.status-chip', { hasText: '· synced' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => saleTab.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await saleTab.goto(`${server.url}/#/settings`);
    await expect.poll(() => appVersion(saleTab)).toBe('1');

    const idleTab = await browser.context.newPage();
    idleTab.setDefaultTimeout(15_000);
    await idleTab.goto(`${server.url}/#/settings`);
    await expect.poll(() => appVersion(idleTab)).toBe('1');
    await expect.poll(() => idleTab.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    // Three sales wait on the device while it is offline, and a fourth stays open.
    await saleTab.goto(`${server.url}/#/checkout`);
    await browser.context.setOffline(true);
    await expect.poll(() => saleTab.locator('.status-chip').getAttribute('data-online')).toBe('false');
    for (const serial of SENT_SERIALS) await sellWithSerial(saleTab, LAPTOP, serial);
    await expect.poll(() => saleTab.locator('.status-chip').getAttribute('data-pending')).toBe('3');
    await wedgeScan(saleTab, LAPTOP);
    await saleTab.locator('.serial-prompt').waitFor();
    await wedgeScan(saleTab, OPEN_SALE_SERIAL);
    await saleTab.locator('[data-serial]', { hasText: OPEN_SALE_SERIAL }).waitFor();
    await markRealm(saleTab);
    await markRealm(idleTab);

    // Version 2 replaces version 1 on the server; the old scanner chunk is gone from it.
    const oldScanner = scannerChunk(deployment.builds.get('1')!);
    expect(scannerChunk(deployment.builds.get('2')!)).not.toBe(oldScanner);
    deployment.deploy('2');
    expect((await fetch(`${server.url}/assets/${oldScanner}`)).status).toBe(404);
    await browser.context.setOffline(false);

    // Coming online, the pending sales go out and each tab learns of the update.
    await expect.poll(() => saleTab.locator('.status-chip').getAttribute('data-pending'), { timeout: 20_000 }).toBe('0');
    await expect.poll(() => server.countOrders()).toBe(3);
    const saleBanner = saleTab.locator('.update-banner');
    await expect.poll(() => saleBanner.getAttribute('data-update-phase'), { timeout: 20_000 }).toBe('ready');
    expect(await saleBanner.textContent()).toContain('once this sale is completed');
    expect(await saleTab.locator('#apply-update').count()).toBe(0);

    // The idle tab applies the update and reloads into version 2.
    await expect.poll(() => idleTab.locator('.update-banner').getAttribute('data-update-phase'), { timeout: 20_000 }).toBe('ready');
    await idleTab.locator('#apply-update').click();
    await expect.poll(() => appVersion(idleTab), { timeout: 20_000 }).toBe('2');
    expect(await realmIsMarked(idleTab)).toBe(false);

    // The tab with the open sale keeps its code, its sale, and a scanner it never loaded.
    await expect.poll(() => saleBanner.getAttribute('data-update-phase')).toBe('switched');
    expect(await saleBanner.textContent()).toContain('This tab switches to it once this sale is completed');
    expect(await realmIsMarked(saleTab)).toBe(true);
    expect(await saleTab.locator('[data-serial]').textContent()).toBe(OPEN_SALE_SERIAL);
    expect(await saleTab.evaluate(() => caches.has('serial-capture-previous-assets'))).toBe(true);
    // The browser's HTTP cache still contains the old chunk from the first precache download,
    // but it may be evicted at any time. Clearing it leaves the service worker as the only source.
    const devtools = await browser.context.newCDPSession(saleTab);
    await devtools.send('Network.clearBrowserCache');
    await devtools.detach();
    await saleTab.locator('#open-scanner').click();
    await saleTab.locator('.scanner[data-scanner-phase="scanning"]').waitFor();
    await saleTab.locator('#close-scanner').click();
    expect(await saleTab.locator('.message-bar .message[data-tone="error"]').count()).toBe(0);

    // Completing the sale empties the cart, and the tab reloads into version 2 by itself.
    await saleTab.locator('#complete-sale').click();
    await expect.poll(() => realmIsMarked(saleTab).catch(() => true), { timeout: 20_000 }).toBe(false);
    await expect.poll(() => lastMessage(saleTab)).toContain('Sale saved');
    expect(await lastMessage(saleTab)).toContain('updated to version 2');
    await expect.poll(async () => (await readDeviceOutbox(saleTab)).outbox, { timeout: 20_000 }).toBe(0);
    await saleTab.goto(`${server.url}/#/settings`);
    await expect.poll(() => appVersion(saleTab)).toBe('2');
    expect(await saleTab.locator('.update-banner').count()).toBe(0);

    // Every sale is on the server exactly once, and the device's outbox is empty.
    await expect.poll(() => server.countOrders()).toBe(4);
    for (const serial of [...SENT_SERIALS, OPEN_SALE_SERIAL]) {
      expect(await countServerCaptures(server, '1001', serial)).toBe(1);
    }
    const device = await readDeviceOutbox(saleTab);
    expect(device.outbox).toBe(0);
    expect(device.pendingOrders).toBe(0);
  });

  it('applies an update by itself when the sale ends', async () => {
    // One tab only: the update waits for the open sale, then applies without a tap.
    for (const page of browser.context.pages()) {
      if (page !== saleTab) await page.close();
    }
    await saleTab.goto(`${server.url}/#/checkout`);
    await wedgeScan(saleTab, LAPTOP);
    await saleTab.locator('.serial-prompt').waitFor();
    await markRealm(saleTab);

    // The app looks for a new version when the device comes back online.
    deployment.deploy('3');
    await browser.context.setOffline(true);
    await expect.poll(() => saleTab.locator('.status-chip').getAttribute('data-online')).toBe('false');
    await browser.context.setOffline(false);
    const banner = saleTab.locator('.update-banner');
    await expect.poll(() => banner.getAttribute('data-update-phase'), { timeout: 20_000 }).toBe('ready');
    expect(await saleTab.locator('#apply-update').count()).toBe(0);
    expect(await realmIsMarked(saleTab)).toBe(true);

    await wedgeScan(saleTab, LAST_TAB_SERIAL);
    await saleTab.locator('[data-serial]', { hasText: LAST_TAB_SERIAL }).waitFor();
    await saleTab.locator('#complete-sale').click();
    await expect.poll(() => realmIsMarked(saleTab).catch(() => true), { timeout: 20_000 }).toBe(false);
    await expect.poll(() => lastMessage(saleTab)).toContain('updated to version 3');
    await expect.poll(async () => (await readDeviceOutbox(saleTab)).outbox, { timeout: 20_000 }).toBe(0);
    await saleTab.goto(`${server.url}/#/settings`);
    await expect.poll(() => appVersion(saleTab)).toBe('3');

    await expect.poll(() => server.countOrders()).toBe(5);
    expect(await countServerCaptures(server, '1001', LAST_TAB_SERIAL)).toBe(1);
  });
});
