import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveCompletedOrder } from '../../src/storage/order-store.ts';
import { countOutbox } from '../../src/storage/outbox-store.ts';
import type { DeviceDb } from '../../src/storage/schema.ts';
import { getDevice, setDevice } from '../../src/storage/sync-state-store.ts';
import type { BackgroundSyncHooks } from '../../src/sync/background-sync.ts';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from '../../src/sync/sync-engine.ts';
import { makeOrder } from '../storage/test-db.ts';
import { DEVICE_TOKEN, STORE_ID, startFakeApiServer, type FakeApiServer } from './fake-api-server.ts';
import { FakeWindow } from './fake-window.ts';
import { createTestClient, openPairedDb } from './paired-db.ts';

// Just below 1, so each delay is as long as the ceiling allows.
const highest = () => 0.999_999;
// Long enough that no timer run happens while a test looks at the state after a run.
const QUIET_INTERVAL_MS = 60_000;

let server: FakeApiServer;
let db: DeviceDb;
const engines: SyncEngine[] = [];

beforeEach(async () => {
  server = await startFakeApiServer();
  db = await openPairedDb();
});

afterEach(async () => {
  engines.splice(0).forEach((engine) => engine.stop());
  db.close();
  await server.close();
});

function createEngine(options: Partial<SyncEngineOptions> = {}): SyncEngine {
  const engine = createSyncEngine({
    db,
    api: createTestClient(server, db),
    locks: null,
    backgroundSync: null,
    window: new FakeWindow(),
    intervalMs: QUIET_INTERVAL_MS,
    ...options,
  });
  engines.push(engine);
  return engine;
}

function orderPosts(): number {
  return server.requests.filter((request) => request.path === '/api/v1/orders').length;
}

/** Background Sync hooks that count registrations and let the test fire the tag. */
function fakeBackgroundSync(supported: boolean) {
  const listeners = new Set<() => void>();
  const hooks: BackgroundSyncHooks & { registrations: number; fire(): void } = {
    registrations: 0,
    async register() {
      if (supported) hooks.registrations += 1;
      return supported;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    fire() {
      listeners.forEach((listener) => listener());
    },
  };
  return hooks;
}

describe('retry after a failed run', () => {
  it('grows the wait with each failure in a row', async () => {
    await saveCompletedOrder(db, makeOrder('order-1'));
    for (let i = 0; i < 3; i += 1) {
      server.failNext('POST', '/api/v1/orders', { kind: 'status', status: 503 });
    }
    const engine = createEngine({ backoff: { baseMs: 10_000, maxMs: 25_000, random: highest } });

    await engine.syncNow();
    const first = engine.status.value.retry;
    await engine.syncNow();
    const second = engine.status.value.retry;
    await engine.syncNow();
    const third = engine.status.value.retry;

    expect(first).toEqual({ failures: 1, delayMs: 9_999 });
    expect(second).toEqual({ failures: 2, delayMs: 19_999 });
    expect(third).toEqual({ failures: 3, delayMs: 24_999 });
  });

  it('resets the wait after a run that succeeds', async () => {
    await saveCompletedOrder(db, makeOrder('order-1'));
    server.failNext('POST', '/api/v1/orders', { kind: 'status', status: 500 });
    const engine = createEngine({ backoff: { baseMs: 10_000, random: highest } });

    await engine.syncNow();
    await engine.syncNow();

    expect(engine.status.value.retry).toBeUndefined();
    expect(await countOutbox(db)).toBe(0);
  });

  it('retries on its own until the server recovers', async () => {
    await saveCompletedOrder(db, makeOrder('order-1'));
    for (let i = 0; i < 3; i += 1) {
      server.failNext('POST', '/api/v1/orders', { kind: 'status', status: 500 });
    }
    const engine = createEngine({ backoff: { baseMs: 5, maxMs: 20 } });

    engine.start();

    await vi.waitFor(() => expect(server.orders.has('order-1')).toBe(true), { timeout: 5_000 });
    await vi.waitFor(async () => expect(await countOutbox(db)).toBe(0));
    expect(orderPosts()).toBe(4);
    expect(server.orders.size).toBe(1);
  });

  it('sends again after a lost reply, stored once on the server', async () => {
    await saveCompletedOrder(db, makeOrder('order-1'));
    server.failNext('POST', '/api/v1/orders', { kind: 'drop-reply' });
    const engine = createEngine({ backoff: { baseMs: 5, maxMs: 20 } });

    engine.start();

    await vi.waitFor(() => expect(server.orders.has('order-1')).toBe(true), { timeout: 5_000 });
    await vi.waitFor(async () => expect(await countOutbox(db)).toBe(0));
    expect(server.orderDeliveries).toEqual(['order-1', 'order-1']);
    expect(server.orders.size).toBe(1);
  });
});

describe('a refused device token', () => {
  it('is stored, so "pair again" survives a reload', async () => {
    await saveCompletedOrder(db, makeOrder('order-1'));
    server.rejectAllTokens(true);
    await createEngine().syncNow();
    const requestsBeforeReload = server.requests.length;

    const reloaded = createEngine();
    reloaded.start();

    await vi.waitFor(() => expect(reloaded.status.value.needsPairing).toBe(true));
    expect((await getDevice(db))?.token_rejected_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(server.requests).toHaveLength(requestsBeforeReload);
    expect(await countOutbox(db)).toBe(1);
  });

  it('stops timer runs until the device pairs again', async () => {
    await saveCompletedOrder(db, makeOrder('order-1'));
    server.rejectAllTokens(true);
    const engine = createEngine({ intervalMs: 20 });
    await engine.syncNow();
    const requestsAfterRefusal = server.requests.length;

    engine.start();
    await new Promise((resolve) => setTimeout(resolve, 150));

    expect(server.requests).toHaveLength(requestsAfterRefusal);
    expect(engine.status.value.retry).toBeUndefined();
  });

  it('is cleared by pairing again', async () => {
    server.rejectAllTokens(true);
    const engine = createEngine();
    await engine.syncNow();
    server.rejectAllTokens(false);

    await setDevice(db, { device_id: 'device-1', device_token: DEVICE_TOKEN, store_id: STORE_ID, paired_at: new Date().toISOString() });
    await engine.syncNow();

    expect(engine.status.value.needsPairing).toBe(false);
    expect(await getDevice(db)).not.toHaveProperty('token_rejected_at');
  });
});

describe('Background Sync', () => {
  it('is registered after a failed push while offline with sales waiting', async () => {
    await saveCompletedOrder(db, makeOrder('order-1'));
    server.failNext('POST', '/api/v1/orders', { kind: 'drop-reply' });
    const connectivity = new FakeWindow();
    connectivity.navigator.onLine = false;
    const backgroundSync = fakeBackgroundSync(true);
    const engine = createEngine({ backgroundSync, window: connectivity });

    await engine.syncNow();

    await vi.waitFor(() => expect(backgroundSync.registrations).toBe(1));
  });

  it('is not registered after a server error while online', async () => {
    await saveCompletedOrder(db, makeOrder('order-1'));
    server.failNext('POST', '/api/v1/orders', { kind: 'status', status: 502 });
    const backgroundSync = fakeBackgroundSync(true);
    const engine = createEngine({ backgroundSync });

    await engine.syncNow();

    expect(engine.status.value.retry?.failures).toBe(1);
    expect(backgroundSync.registrations).toBe(0);
  });

  it('is not registered after a run that sent everything', async () => {
    await saveCompletedOrder(db, makeOrder('order-1'));
    const backgroundSync = fakeBackgroundSync(true);
    const engine = createEngine({ backgroundSync });

    await engine.syncNow();

    expect(backgroundSync.registrations).toBe(0);
  });

  it('runs a sync when the service worker relays the tag', async () => {
    const backgroundSync = fakeBackgroundSync(true);
    const engine = createEngine({ backgroundSync });
    engine.start();
    await vi.waitFor(() => expect(engine.status.value.lastSuccessAt).toBeDefined());
    await saveCompletedOrder(db, makeOrder('order-1'));

    backgroundSync.fire();

    await vi.waitFor(() => expect(server.orders.has('order-1')).toBe(true));
  });

  it('leaves retries to the timer where the browser has none', async () => {
    await saveCompletedOrder(db, makeOrder('order-1'));
    server.failNext('POST', '/api/v1/orders', { kind: 'status', status: 500 });
    const backgroundSync = fakeBackgroundSync(false);
    const engine = createEngine({ backgroundSync, backoff: { baseMs: 5, maxMs: 20 } });

    engine.start();

    await vi.waitFor(() => expect(server.orders.has('order-1')).toBe(true));
    expect(backgroundSync.registrations).toBe(0);
  });
});
