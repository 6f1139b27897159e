import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { OUTBOX_SYNC_TAG } from '../../src/sync/background-sync-tag.ts';
import { launchChromium } from './chromium.ts';
import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';
import { laptopCaptures, outboxCount, pairThroughLink, sellLaptop, serialsFor } from './sale-steps.ts';

// Each test gets its own server, proxy and browser profile. The app is loaded through the
// proxy, which can reply with 500 for a while.
interface Store {
  server: TestServer;
  proxy: FaultProxy;
  context: BrowserContext;
  page: Page;
}

/** An outbox entry as the service worker reads it from IndexedDB. */
interface WorkerOutboxEntry {
  capture_id: string;
  last_status?: number;
}

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function openStore(): Promise<Store> {
  const server = await startTestServer({ staticDir: inject('appDir'), seedDemo: true });
  cleanups.push(() => server.close());
  const proxy = await startFaultProxy(server.url);
  cleanups.push(() => proxy.close());
  const browser = await launchChromium();
  cleanups.push(() => browser.close());
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  // A missing element fails the step that waited for it, well before the test's own timeout.
  page.setDefaultTimeout(15_000);
  await pairThroughLink(page, server, proxy.url);
  return { server, proxy, context: browser.context, page };
}

/** Lists the Background Sync tags registered for the app. */
function syncTags(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & {
      sync: { getTags(): Promise<string[]> };
    };
    return registration.sync.getTags();
  });
}

/** Sells a laptop for each serial while the page is offline, and waits until the page registered the outbox tag. */
async function sellOffline(store: Store, serials: string[]): Promise<void> {
  await store.context.setOffline(true);
  for (const serial of serials) await sellLaptop(store.page, serial);
  expect(await outboxCount(store.page)).toBe(serials.length);
  await expect.poll(() => syncTags(store.page)).toContain(OUTBOX_SYNC_TAG);
}

/**
 * Closes every page of the app. A blank page stays, because the DevTools session needs a
 * page; it is of another origin, so the app's service worker has no client.
 */
async function closeAppPages(store: Store): Promise<CDPSession> {
  const blank = await store.context.newPage();
  await store.page.close();
  expect(store.context.pages().map((page) => page.url())).toEqual(['about:blank']);
  return store.context.newCDPSession(blank);
}

/** Finds the app's service worker, as Playwright attached to it. */
function appWorker(store: Store): Worker {
  const worker = store.context.serviceWorkers().find((candidate) => candidate.url().startsWith(store.proxy.url));
  if (worker === undefined) throw new Error(`No service worker of ${store.proxy.url} is running.`);
  return worker;
}

/**
 * Makes the app's service worker record how the promise that each `sync` event passes to
 * `waitUntil` settles, which is what tells the browser whether the sync succeeded.
 */
async function recordSyncEventResults(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const results: string[] = [];
    Reflect.set(globalThis, 'syncEventResults', results);
    const eventClass = Reflect.get(globalThis, 'ExtendableEvent') as {
      prototype: { type: string; waitUntil(promise: Promise<unknown>): void };
    };
    const waitUntil = eventClass.prototype.waitUntil;
    eventClass.prototype.waitUntil = function (this: { type: string }, promise: Promise<unknown>) {
      if (this.type === 'sync') {
        promise.then(
          () => results.push('resolved'),
          (error: unknown) => results.push(`rejected: ${error instanceof Error ? error.message : String(error)}`),
        );
      }
      return waitUntil.call(this, promise);
    };
  });
}

function syncEventResults(worker: Worker): Promise<string[]> {
  return worker.evaluate(() => [...(Reflect.get(globalThis, 'syncEventResults') as string[])]);
}

/** Reads the outbox from inside the service worker, with no page of the app open. */
function readOutboxInWorker(worker: Worker): Promise<WorkerOutboxEntry[]> {
  return worker.evaluate(
    () =>
      new Promise<WorkerOutboxEntry[]>((resolve, reject) => {
        const opening = indexedDB.open('serial-capture');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const db = opening.result;
          const reading = db.transaction('outbox').objectStore('outbox').getAll();
          reading.onsuccess = () => {
            resolve(reading.result as WorkerOutboxEntry[]);
            db.close();
          };
          reading.onerror = () => reject(reading.error);
        };
      }),
  );
}

/** Reads the app's service worker registration id from the DevTools ServiceWorker domain. */
async function registrationIdOf(devtools: CDPSession, origin: string): Promise<string> {
  const registrations = new Map<string, string>();
  devtools.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: updated }) => {
    for (const registration of updated) {
      if (!registration.isDeleted) registrations.set(registration.scopeURL, registration.registrationId);
    }
  });
  await devtools.send('ServiceWorker.enable');
  const scope = `${origin}/`;
  await expect.poll(() => registrations.has(scope)).toBe(true);
  return registrations.get(scope)!;
}

/** Fires the outbox tag in the app's service worker, as the browser does once it is online. */
async function fireOutboxSync(devtools: CDPSession, origin: string, registrationId: string): Promise<void> {
  await devtools.send('ServiceWorker.dispatchSyncEvent', { origin, registrationId, tag: OUTBOX_SYNC_TAG, lastChance: false });
}

/** Opens the app again, and checks that its outbox is empty and no sale was posted twice. */
async function expectOutboxEmptyAfterReopening(store: Store, serials: string[]): Promise<void> {
  const reopened = await store.context.newPage();
  reopened.setDefaultTimeout(15_000);
  await reopened.goto(`${store.proxy.url}/#/checkout`);
  await expect.poll(() => outboxCount(reopened)).toBe(0);
  await expect.poll(() => reopened.locator('.status-chip').getAttribute('data-pending')).toBe('0');
  expect(await store.server.countOrders()).toBe(serials.length);
  // The worker's push was acknowledged, so the reopened page had nothing to send again.
  expect(store.proxy.orderPosts).toHaveLength(serials.length);
}

async function expectEachSaleOnceOnServer(store: Store, serials: string[]): Promise<void> {
  await expect.poll(() => store.server.countOrders()).toBe(serials.length);
  for (const serial of serials) {
    expect(await laptopCaptures(store.server, serial), `captures of serial ${serial}`).toHaveLength(1);
  }
}

describe('Background Sync with no page open in Chromium', () => {
  it('sends every sale once from the service worker', async () => {
    const store = await openStore();
    const serials = serialsFor('BGSYNC', 2);
    await sellOffline(store, serials);

    const devtools = await closeAppPages(store);
    const worker = appWorker(store);
    await recordSyncEventResults(worker);
    await store.context.setOffline(false);
    expect(await store.server.countOrders()).toBe(0);
    await fireOutboxSync(devtools, store.proxy.url, await registrationIdOf(devtools, store.proxy.url));

    await expectEachSaleOnceOnServer(store, serials);
    await expect.poll(() => syncEventResults(worker)).toContain('resolved');
    await expect.poll(() => readOutboxInWorker(worker)).toEqual([]);
    await expectOutboxEmptyAfterReopening(store, serials);
  });

  it('fails the sync event on 500 and keeps both sales', async () => {
    const store = await openStore();
    const serials = serialsFor('BGFAIL', 2);
    await sellOffline(store, serials);

    const devtools = await closeAppPages(store);
    const worker = appWorker(store);
    await recordSyncEventResults(worker);
    // Longer than the test, and ended by hand once the failure is seen.
    store.proxy.failApiFor(600_000);
    await store.context.setOffline(false);
    const registrationId = await registrationIdOf(devtools, store.proxy.url);
    await fireOutboxSync(devtools, store.proxy.url, registrationId);

    await expect.poll(async () => (await syncEventResults(worker)).some((result) => result.startsWith('rejected'))).toBe(true);
    // The reason is the problem detail of the proxy's 500 reply.
    expect((await syncEventResults(worker)).find((result) => result.startsWith('rejected'))).toContain('Injected outage');
    expect(await syncEventResults(worker)).not.toContain('resolved');
    const outbox = await readOutboxInWorker(worker);
    expect(outbox).toHaveLength(2);
    expect(outbox[0]?.last_status).toBe(500);
    expect(store.proxy.injectedOrderFailures).toBeGreaterThanOrEqual(1);
    expect(await store.server.countOrders()).toBe(0);

    // Once the server recovers, the browser's next try delivers both sales once.
    store.proxy.failApiFor(0);
    await fireOutboxSync(devtools, store.proxy.url, registrationId);
    await expectEachSaleOnceOnServer(store, serials);
    await expect.poll(() => syncEventResults(worker)).toContain('resolved');
    await expect.poll(() => readOutboxInWorker(worker)).toEqual([]);
    await expectOutboxEmptyAfterReopening(store, serials);
  });
});
