import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { SYNC_RETRY_MAX_MS } from '../../src/sync/backoff.ts';
import { launchChromium } from './chromium.ts';
import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';
import {
  expectEverySaleOnceAndOutboxEmpty,
  laptopCaptures,
  outboxCount,
  pairThroughLink,
  sellLaptop,
  serialsFor,
} from './sale-steps.ts';

// Each test gets its own server, proxy and browser profile, so no state leaks between faults.
interface Store {
  server: TestServer;
  proxy: FaultProxy;
  context: BrowserContext;
  page: Page;
}

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function openStore(options: { initScript?: string } = {}): Promise<Store> {
  const server = await startTestServer({ staticDir: inject('appDir'), seedDemo: true });
  cleanups.push(() => server.close());
  const proxy = await startFaultProxy(server.url);
  cleanups.push(() => proxy.close());
  const browser = await launchChromium();
  cleanups.push(() => browser.close());
  if (options.initScript !== undefined) await browser.context.addInitScript(options.initScript);
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  // A missing element fails the step that waited for it, well before the test's own timeout.
  page.setDefaultTimeout(15_000);
  await pairThroughLink(page, server, proxy.url);
  return { server, proxy, context: browser.context, page };
}

function postsOf(proxy: FaultProxy, orderId: string): number {
  return proxy.orderPosts.filter((id) => id === orderId).length;
}

describe('outbox under faults in Chromium', () => {
  it('resends a sale whose reply was lost, and the server keeps it once', async () => {
    const { server, proxy, page } = await openStore();
    const serials = serialsFor('DROP', 2);
    proxy.dropNextOrderReplies(1);

    await sellLaptop(page, serials[0]!);
    await expect.poll(() => proxy.orderPosts.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    await sellLaptop(page, serials[1]!);

    await expectEverySaleOnceAndOutboxEmpty(page, server, serials);
    expect(postsOf(proxy, proxy.orderPosts[0]!)).toBeGreaterThanOrEqual(2);
  });

  it('keeps sales through 30 s of 500 replies and sends them when the server recovers', async () => {
    const { server, proxy, page } = await openStore();
    const serials = serialsFor('OUTAGE', 3);
    const outageStartedMs = performance.now();
    proxy.failApiFor(30_000);

    for (const serial of serials) await sellLaptop(page, serial);
    // The Sync screen lists the sales as waiting, with the server's reply as the reason.
    await page.goto(`${proxy.url}/#/sync`);
    await expect.poll(() => page.locator('[data-list="pending"] > li').count()).toBe(3);
    await expect.poll(() => page.locator('[data-list="pending"] [data-reason]').first().textContent()).toContain('HTTP 500');
    expect(await server.countOrders()).toBe(0);

    // The outage lasts 30 s, and the retry after it may wait up to SYNC_RETRY_MAX_MS more.
    await expectEverySaleOnceAndOutboxEmpty(page, server, serials, 30_000 + SYNC_RETRY_MAX_MS + 30_000);
    expect(performance.now() - outageStartedMs).toBeGreaterThanOrEqual(30_000);
    // Backoff keeps the retries during the outage few: far fewer than one a second.
    expect(proxy.injectedOrderFailures).toBeGreaterThanOrEqual(2);
    expect(proxy.injectedOrderFailures).toBeLessThan(30);
    await expect.poll(() => page.locator('[data-list="pending"] > li').count()).toBe(0);
  }, 240_000);

  it('finishes a sync of 10 sales after the page was closed 200 ms into it', async () => {
    const { server, proxy, context, page } = await openStore();
    const serials = serialsFor('CLOSE', 10);
    await context.setOffline(true);
    for (const serial of serials) await sellLaptop(page, serial);
    expect(await outboxCount(page)).toBe(10);

    // Slow replies stretch the sync to over a second, so closing cuts it in the middle.
    proxy.delayOrderPosts(150);
    await context.setOffline(false);
    await expect.poll(() => proxy.orderPosts.length, { interval: 10 }).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await page.close();
    const storedAtClose = await server.countOrders();
    proxy.delayOrderPosts(0);

    const reopened = await context.newPage();
    reopened.setDefaultTimeout(15_000);
    await reopened.goto(`${proxy.url}/#/checkout`);

    expect(storedAtClose).toBeLessThan(10);
    await expectEverySaleOnceAndOutboxEmpty(reopened, server, serials);
  });

  it.each([
    ['ahead', 1],
    ['behind', -1],
  ])('accepts sales from a device clock 26 hours %s, in the order they were made', async (_label, sign) => {
    const skewMs = sign * 26 * 60 * 60 * 1000;
    // Shifts the page's clock only; timers and the server's clock stay true.
    const initScript = `(() => {
      const RealDate = Date;
      const skewMs = ${skewMs};
      class SkewedDate extends RealDate {
        constructor(...args) { if (args.length === 0) super(RealDate.now() + skewMs); else super(...args); }
        static now() { return RealDate.now() + skewMs; }
      }
      globalThis.Date = SkewedDate;
    })();`;
    const { server, context, page } = await openStore({ initScript });
    const serials = serialsFor(sign > 0 ? 'AHEAD' : 'BEHIND', 3);
    await context.setOffline(true);
    for (const serial of serials) await sellLaptop(page, serial);
    await context.setOffline(false);

    await expectEverySaleOnceAndOutboxEmpty(page, server, serials);
    const captures = await Promise.all(serials.map(async (serial) => (await laptopCaptures(server, serial))[0]!));
    for (const capture of captures) {
      // The sale carries the device's own time, 26 hours off; the server took it as it is.
      expect(Math.abs(Date.parse(capture.captured_at) - (Date.now() + skewMs))).toBeLessThan(10 * 60 * 1000);
    }
    // The outbox sends in the order the sales were made, whatever the clock says.
    const received = captures.map((capture) => Date.parse(capture.received_at));
    expect(received).toEqual([...received].sort((a, b) => a - b));
  });

  it('lets only one of two tabs send at a time when both come online at once', async () => {
    const { server, proxy, context, page } = await openStore();
    const second = await context.newPage();
    second.setDefaultTimeout(15_000);
    await second.goto(`${proxy.url}/#/checkout`);
    await expect.poll(() => second.locator('.status-chip').textContent()).toMatch(/· synced/);
    const serials = serialsFor('TWOTABS', 6);

    await context.setOffline(true);
    for (const serial of serials.slice(0, 3)) await sellLaptop(page, serial);
    for (const serial of serials.slice(3)) await sellLaptop(second, serial);
    // Slow replies widen the window in which both tabs would send, were there no lock.
    proxy.delayOrderPosts(100);
    await context.setOffline(false);

    await expectEverySaleOnceAndOutboxEmpty(page, server, serials);
    await expect.poll(() => second.locator('.status-chip').getAttribute('data-pending')).toBe('0');
    expect(proxy.maxConcurrentOrderPosts).toBe(1);
    expect(proxy.orderPosts).toHaveLength(6);
    expect(new Set(proxy.orderPosts).size).toBe(6);
  });
});
