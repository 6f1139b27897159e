import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestServer } from '../../server/test-server.ts';
import { renderBarcode, writeY4mClip } from './camera-clip.ts';
import { readCameraTracks, recordCameraTracks, setCameraRequest } from './camera-tracks.ts';
import { launchChromium } from './chromium.ts';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

// 5 frames a second keeps the clip near 25 MB; each code still shows on 10 frames.
const CLIP = { width: 640, height: 480, framesPerSecond: 5 };

// The clip opens on the EAN-13, so the time to the first accepted scan is not padded by
// blank frames. Chromium loops the clip, and the test closes the scanner before the
// EAN-13 comes round again.
async function writeCheckoutClip(path: string): Promise<number> {
  const ean13 = await renderBarcode({ bcid: 'ean13', text: '9506000010014', scale: 3, height: 20 });
  const code128 = await renderBarcode({ bcid: 'code128', text: 'C02XK1ABCD1234', scale: 2, height: 15 });
  const gs1DataMatrix = await renderBarcode({ bcid: 'gs1datamatrix', text: '(01)09506000134352(21)SNGS1000000001', scale: 6 });
  return writeY4mClip(
    path,
    [
      { image: ean13, seconds: 2 },
      { seconds: 1 },
      { image: code128, seconds: 2 },
      { seconds: 1 },
      { image: gs1DataMatrix, seconds: 2 },
      { seconds: 3 },
    ],
    CLIP,
  );
}

function serialOf(page: Page, productId: string) {
  return page.locator(`[data-product-id="${productId}"] [data-serial]`).first().textContent();
}

describe('camera scanner in Chromium', () => {
  let server: TestServer;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let page: Page;
  let clipDir: string;

  beforeAll(async () => {
    clipDir = mkdtempSync(join(tmpdir(), 'serial-capture-clip-'));
    const clipPath = join(clipDir, 'checkout.y4m');
    const frames = await writeCheckoutClip(clipPath);
    console.info(`camera clip: ${frames} frames, ${(statSync(clipPath).size / 1e6).toFixed(1)} MB`);

    server = await startTestServer({ staticDir: inject('appDir'), seedDemo: true });
    browser = await launchChromium([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${clipPath}`,
    ]);
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(10_000);
    await recordCameraTracks(page);

    const code = await server.createPairingCode('store-001');
    await page.goto(`${server.url}/#/pair?code=${code}`);
    await page.locator('.status-chip', { hasText: '· synced' }).waitFor({ timeout: 20_000 });
    await page.goto(`${server.url}/#/checkout`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (clipDir) rmSync(clipDir, { recursive: true, force: true });
  });

  it('adds the item, its serial, then a GS1 unit', async () => {
    const openedAt = Date.now();
    await page.locator('#open-scanner').click();

    await expect.poll(() => page.locator('[data-product-id="1001"]').count(), { timeout: 15_000 }).toBe(1);
    const itemAddedMs = Date.now() - openedAt;
    await expect.poll(() => page.locator('.serial-prompt h2').textContent()).toContain('Trailhead 14 Laptop');

    await expect.poll(() => serialOf(page, '1001'), { timeout: 15_000 }).toBe('C02XK1ABCD1234');

    await expect.poll(() => serialOf(page, '1100'), { timeout: 15_000 }).toBe('SNGS1000000001');
    expect(await page.locator('.serial-prompt').count()).toBe(0);

    const engine = await page.locator('.scanner').getAttribute('data-decoder-engine');
    expect(['zxing', 'native']).toContain(engine);
    const firstScanMs = await page.evaluate(() => performance.getEntriesByName('scanner-first-scan')[0]?.duration);
    expect(firstScanMs).toBeGreaterThan(0);
    console.info(
      `camera (${engine}): scanner start to first accepted scan ${firstScanMs?.toFixed(0)} ms; ` +
        `button click to item in cart ${itemAddedMs} ms`,
    );

    await page.locator('#close-scanner').click();
    expect(await page.locator('.scanner').count()).toBe(0);
    const tracks = await readCameraTracks(page);
    expect(tracks.total).toBeGreaterThan(0);
    expect(tracks.live).toBe(0);
    expect(await page.locator('.cart-line').count()).toBe(2);
  });

  it('stops a stream that arrives after closing', async () => {
    await setCameraRequest(page, { delayMs: 1_500 });
    const before = (await readCameraTracks(page)).total;
    await page.locator('#open-scanner').click();
    await page.locator('.scanner[data-scanner-phase="starting"]').waitFor();
    await page.locator('#close-scanner').click();

    await expect.poll(async () => (await readCameraTracks(page)).total, { timeout: 5_000 }).toBeGreaterThan(before);
    expect((await readCameraTracks(page)).live).toBe(0);
    await setCameraRequest(page, {});
  });

  it('stops the camera when the page is hidden', async () => {
    await page.locator('#open-scanner').click();
    await page.locator('.scanner[data-scanner-phase="scanning"]').waitFor();
    expect((await readCameraTracks(page)).live).toBeGreaterThan(0);

    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect((await readCameraTracks(page)).live).toBe(0);
    await expect.poll(() => page.locator('.scanner').count()).toBe(0);
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    });
  });

  it('explains a denied camera', async () => {
    await setCameraRequest(page, { failWith: 'NotAllowedError' });
    await page.locator('#open-scanner').click();
    const message = page.locator('.scanner-message');
    await expect.poll(() => message.textContent()).toContain('Camera access was denied');
    expect(await message.textContent()).toContain('hardware scanner');
    expect(await page.locator('.scanner').getAttribute('data-scanner-phase')).toBe('failed');
    await page.locator('#close-scanner').click();
    await setCameraRequest(page, {});
  });
});
