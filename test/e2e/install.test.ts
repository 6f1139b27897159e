import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { launchChromium } from './chromium.ts';

interface InstallabilityError {
  errorId: string;
  errorArguments: Array<{ name: string; value: string }>;
}

describe('installability in Chromium', () => {
  let server: TestServer;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer({ staticDir: inject('appDir'), seedDemo: true });
    browser = await launchChromium();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('reports no installability errors', async () => {
    await page.goto(`${server.url}/`);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));

    const cdp = await page.context().newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: InstallabilityError[];
    };
    await cdp.detach();
    expect(installabilityErrors).toEqual([]);
  });

  it('serves every manifest icon', async () => {
    const manifest = (await (await fetch(`${server.url}/manifest.webmanifest`)).json()) as {
      icons: Array<{ src: string; sizes: string; type: string; purpose: string }>;
    };
    expect(manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose}`)).toEqual(
      expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']),
    );
    for (const icon of manifest.icons) {
      const reply = await fetch(`${server.url}/${icon.src}`);
      expect(reply.status, icon.src).toBe(200);
      expect(reply.headers.get('content-type'), icon.src).toContain(icon.type);
    }
  });
});
