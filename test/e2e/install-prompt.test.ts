import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../server/test-server.ts';
import { openAppUnderTest, type AppUnderTest } from './app-under-test.ts';
import { lastMessage } from './page-actions.ts';

// Headless Chromium fires a real `beforeinstallprompt` for this app, which the first test
// relies on. Its `prompt()` would open browser UI that a test cannot click, so the other
// tests block the real event and dispatch synthetic ones whose `prompt()` counts its calls.
// Installability itself is checked through the DevTools protocol in install.test.ts.
type Outcome = 'accepted' | 'dismissed';

/** Stops the browser's own event before it reaches the app's listener. Synthetic events pass. */
async function blockBrowserOffer(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.addEventListener(
      'beforeinstallprompt',
      (event) => {
        if (event.isTrusted) event.stopImmediatePropagation();
      },
      { capture: true },
    );
  });
}

function offerInstall(page: Page, outcome: Outcome): Promise<void> {
  return page.evaluate((choice) => {
    const counts = window as unknown as { promptCalls?: number };
    counts.promptCalls ??= 0;
    const event = new Event('beforeinstallprompt', { cancelable: true });
    Object.assign(event, {
      prompt: () => {
        counts.promptCalls = (counts.promptCalls ?? 0) + 1;
        return Promise.resolve();
      },
      userChoice: Promise.resolve({ outcome: choice, platform: 'web' }),
    });
    window.dispatchEvent(event);
  }, outcome);
}

function promptCalls(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { promptCalls?: number }).promptCalls ?? 0);
}

// Preact applies a signal change by the next frame, so after two frames the screen shows
// the state that the last event set.
function afterRender(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

describe('install prompt in Chromium', () => {
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

  it('shows the browser offer', async () => {
    await page.goto(`${server.url}/#/checkout`);

    await page.locator('#install-app').waitFor({ timeout: 20_000 });
  });

  it('shows nothing without an offer', async () => {
    await blockBrowserOffer(page);
    await page.reload();
    await page.locator('#checkout-heading').waitFor();
    await afterRender(page);

    expect(await page.locator('#install-app').count()).toBe(0);
  });

  it('prompts and reports acceptance', async () => {
    await offerInstall(page, 'accepted');
    await page.locator('#install-app').click();

    await expect.poll(() => promptCalls(page)).toBe(1);
    await expect.poll(() => lastMessage(page)).toContain('being installed');
    await page.locator('#install-app').waitFor({ state: 'detached' });
  });

  it('reports a dismissed prompt', async () => {
    await offerInstall(page, 'dismissed');
    await page.locator('#install-app').click();

    await expect.poll(() => lastMessage(page)).toContain('Installation cancelled');
    expect(await promptCalls(page)).toBe(2);
  });

  it('disappears after appinstalled', async () => {
    await offerInstall(page, 'accepted');
    await page.locator('#install-app').waitFor();

    await page.evaluate(() => window.dispatchEvent(new Event('appinstalled')));

    await page.locator('#install-app').waitFor({ state: 'detached' });
  });

  it('shows nothing when running installed', async () => {
    // The DevTools protocol's media emulation does not cover display-mode in this
    // Chromium, so the page's matchMedia returns what an installed app's would.
    const installedPage = await app.context.newPage();
    await installedPage.addInitScript(() => {
      const realMatchMedia = window.matchMedia.bind(window);
      window.matchMedia = (query: string) => {
        if (!query.includes('display-mode: standalone')) return realMatchMedia(query);
        // The display mode never changes in this page, so listeners are never called.
        const standalone = {
          matches: true,
          media: query,
          onchange: null,
          addEventListener: () => undefined,
          removeEventListener: () => undefined,
          addListener: () => undefined,
          removeListener: () => undefined,
          dispatchEvent: () => false,
        };
        return standalone as MediaQueryList;
      };
    });
    await installedPage.goto(`${server.url}/#/checkout`);
    await installedPage.locator('#checkout-heading').waitFor();

    await offerInstall(installedPage, 'accepted');
    await afterRender(installedPage);

    expect(await installedPage.locator('#install-app').count()).toBe(0);
    await installedPage.close();
  });
});
