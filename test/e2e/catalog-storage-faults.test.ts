import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestServer } from '../../server/test-server.ts';
import { launchChromium } from './chromium.ts';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

describe('device storage in Chromium', () => {
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

  async function newPage(): Promise<Page> {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    return page;
  }

  it('shows a banner, not a blank screen, when IndexedDB is refused', async () => {
    const page = await newPage();
    // What a browser that refuses storage (as some private windows do) throws on open.
    await page.addInitScript(() => {
      Object.defineProperty(IDBFactory.prototype, 'open', {
        value() {
          throw new DOMException('The user denied permission to access the database.', 'SecurityError');
        },
      });
    });

    await page.goto(`${server.url}/#/checkout`);

    const banner = page.getByRole('alert');
    await expect.poll(() => banner.locator('h1').textContent()).toBe('Serial Capture cannot start');
    expect(await banner.textContent()).toContain('Open Serial Capture in a normal window');
    await page.close();
  });

  it('shows in Settings whether storage is kept, and the space used', async () => {
    const page = await newPage();
    const code = await server.createPairingCode('store-001');
    await page.goto(`${server.url}/#/pair?code=${code}`);
    await expect.poll(() => page.locator('.status-chip').textContent(), { timeout: 20_000 }).toMatch(/· synced/);
    // Pairing ends on Checkout; going to Settings before that would race with it.
    await page.locator('#checkout-heading').waitFor();

    await page.goto(`${server.url}/#/settings`);

    const persistence = page.locator('[data-persistence]');
    await expect.poll(() => persistence.getAttribute('data-persistence')).toMatch(/^(granted|denied)$/);
    const granted = await page.evaluate(() => navigator.storage.persisted());
    expect(await persistence.getAttribute('data-persistence')).toBe(granted ? 'granted' : 'denied');
    await expect.poll(() => page.locator('[data-storage-usage]').textContent()).toMatch(/^[\d.]+ (bytes|KB|MB|GB) of [\d.]+ (KB|MB|GB|TB)$/);
    await page.close();
  });
});
