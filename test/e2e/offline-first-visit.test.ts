import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { renderBarcode, writeY4mClip } from './camera-clip.ts';
import { launchChromium } from './chromium.ts';

// A demo pick list of store-001: a phone (1003) and two units of product 1021.
const PICK_LIST_ID = 'PL-0001';

describe('offline visit after one online visit in Chromium', () => {
  let server: TestServer;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let clipDir: string;

  beforeAll(async () => {
    // The clip shows the laptop's EAN-13, so a decoded scan proves that the decoder's
    // worker and WebAssembly came from the precache. 5 frames a second keeps it small.
    clipDir = mkdtempSync(join(tmpdir(), 'serial-capture-clip-'));
    const clipPath = join(clipDir, 'laptop.y4m');
    const ean13 = await renderBarcode({ bcid: 'ean13', text: '9506000010014', scale: 3, height: 20 });
    writeY4mClip(clipPath, [{ image: ean13, seconds: 2 }], { width: 640, height: 480, framesPerSecond: 5 });

    server = await startTestServer({ staticDir: inject('appDir'), seedDemo: true });
    browser = await launchChromium([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${clipPath}`,
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (clipDir) rmSync(clipDir, { recursive: true, force: true });
  });

  async function openOfflineTab(path: string): Promise<Page> {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}${path}`);
    return page;
  }

  it('opens app, deep link and scanner', async () => {
    // The one online visit: pair, download catalog and pick lists, and let the service
    // worker precache the app. The scanner is never opened online.
    const online = browser.context.pages()[0] ?? (await browser.context.newPage());
    online.setDefaultTimeout(15_000);
    const code = await server.createPairingCode('store-001');
    await online.goto(`${server.url}/#/pair?code=${code}`);
    await online.locator('.status-chip', { hasText: '· synced' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => online.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await online.close();

    await browser.context.setOffline(true);

    // A new visit to the app's start page.
    const start = await openOfflineTab('/');
    await start.locator('.status-chip[data-online="false"]').waitFor();
    await start.locator('#scan-input').waitFor();
    await start.goto(`${server.url}/#/settings`);
    await expect.poll(() => start.locator('[data-product-count]').textContent(), { timeout: 20_000 }).toBe('32');
    await start.close();

    // A deep link to a pick list, opened as a new visit.
    const deepLink = await openOfflineTab(`/#/picking/${PICK_LIST_ID}`);
    await expect.poll(() => deepLink.locator('#picking-heading').textContent()).toBe(`Pick list ${PICK_LIST_ID}`);
    expect(await deepLink.locator('.pick-meta').textContent()).toContain('ORD-5001');
    expect(await deepLink.locator('.pick-line').count()).toBe(2);
    await deepLink.close();

    // A path the app does not know still opens the app shell from the precache.
    const unknownPath = await openOfflineTab('/checkout');
    await unknownPath.locator('#scan-input').waitFor();
    await unknownPath.close();

    // The scanner chunk, its decoder worker and the WebAssembly reader load offline and read a code.
    const scanner = await openOfflineTab('/#/checkout');
    await scanner.locator('#open-scanner').click();
    await scanner.locator('.scanner[data-scanner-phase="scanning"]').waitFor();
    await expect.poll(() => scanner.locator('[data-product-id="1001"]').count(), { timeout: 20_000 }).toBe(1);
    expect(await scanner.locator('.scanner').getAttribute('data-decoder-engine')).toBe('zxing');
    await scanner.locator('#close-scanner').click();
    expect(await scanner.locator('.status-chip').getAttribute('data-online')).toBe('false');
  });
});
