import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../server/test-server.ts';
import { openAppUnderTest, type AppUnderTest } from './app-under-test.ts';

interface InstallabilityError {
  errorId: string;
  errorArguments: Array<{ name: string; value: string }>;
}

describe('installability in Chromium', () => {
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
