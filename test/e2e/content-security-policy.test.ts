// The server sends a Content-Security-Policy without 'unsafe-inline'. The built app must
// carry no inline script or style, and must pair, sync and capture in Chromium under it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { launchChromium } from './chromium.ts';

const LAPTOP = '9506000010014';
const SERIAL = 'C02XK1CSPX0001';
// A keyboard-wedge scanner types a few milliseconds per character and ends with Enter.
const WEDGE_KEY_INTERVAL_MS = 5;

async function wedgeScan(page: Page, text: string): Promise<void> {
  await page.locator('#scan-input').focus();
  await page.keyboard.type(text, { delay: WEDGE_KEY_INTERVAL_MS });
  await page.keyboard.press('Enter');
}

describe('built index.html', () => {
  let html: string;

  beforeAll(async () => {
    html = await readFile(join(inject('appDir'), 'index.html'), 'utf8');
  });

  it('loads every script from a file', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];

    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body?.trim()).toBe('');
    }
  });

  it('has no inline event handler, style element or style attribute', () => {
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
  });
});

describe('the app under the Content-Security-Policy', () => {
  let server: TestServer;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let page: Page;
  const consoleReports: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ staticDir: inject('appDir'), seedDemo: true });
    browser = await launchChromium();
    await browser.context.addInitScript(() => {
      const store = window as unknown as { cspViolations: string[] };
      store.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        store.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(10_000);
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) consoleReports.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('pairs, syncs and captures a serial with no violation', async () => {
    const code = await server.createPairingCode('store-001');
    const response = await page.goto(`${server.url}/#/pair?code=${code}`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

    await expect.poll(() => page.locator('.status-chip').textContent(), { timeout: 20_000 }).toMatch(/· synced/);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await page.goto(`${server.url}/#/checkout`);
    await wedgeScan(page, LAPTOP);
    await expect.poll(() => page.locator('.serial-prompt h2').textContent()).toContain('Trailhead 14 Laptop');
    await wedgeScan(page, SERIAL);
    await expect.poll(() => page.locator('[data-product-id="1001"] [data-serial]').textContent()).toBe(SERIAL);

    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    expect(consoleReports).toEqual([]);
  });
});
