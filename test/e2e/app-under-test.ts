import type { BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { launchChromium } from './chromium.ts';

/** A test server with the built app and the demo data, and one Chromium page. */
export interface AppUnderTest {
  server: TestServer;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Starts the server on a temporary database with the built app and the demo catalog, and
 * opens Chromium with a fresh profile. A missing element fails the step that waited for
 * it after 10 s, well before the test's own timeout.
 */
export async function openAppUnderTest(): Promise<AppUnderTest> {
  const server = await startTestServer({ staticDir: inject('appDir'), seedDemo: true });
  const browser = await launchChromium();
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(10_000);
  return {
    server,
    context: browser.context,
    page,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
