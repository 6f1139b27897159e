import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import demoCatalog from '../fixtures/catalog/demo-products.json' with { type: 'json' };
import serial14 from '../fixtures/config/serial-14-alnum.json' with { type: 'json' };
import type { Product } from '../../src/domain/types.ts';
import { getConfigInForce } from '../../src/storage/config-store.ts';
import { saveCompletedOrder } from '../../src/storage/order-store.ts';
import { countOutbox } from '../../src/storage/outbox-store.ts';
import type { DeviceDb } from '../../src/storage/schema.ts';
import {
  createSyncEngine,
  type ConnectivityTarget,
  type SyncEngine,
  type SyncEngineOptions,
} from '../../src/sync/sync-engine.ts';
import { PAIR_AGAIN_MESSAGE } from '../../src/sync/sync-run.ts';
import { makeOrder, openTestDb } from '../storage/test-db.ts';
import { startFakeApiServer, type FakeApiServer } from './fake-api-server.ts';
import { createTestClient, openPairedDb } from './paired-db.ts';

const demoProducts = demoCatalog.items as Product[];

/** A window stand-in whose connectivity a test switches. */
class FakeWindow implements ConnectivityTarget {
  navigator = { onLine: true };
  private listeners = new Map<string, Set<() => void>>();

  addEventListener(type: string, listener: () => void): void {
    this.listeners.set(type, (this.listeners.get(type) ?? new Set()).add(listener));
  }

  removeEventListener(type: string, listener: () => void): void {
    this.listeners.get(type)?.delete(listener);
  }

  goOnline(online: boolean): void {
    this.navigator.onLine = online;
    this.listeners.get(online ? 'online' : 'offline')?.forEach((listener) => listener());
  }
}

let server: FakeApiServer;
let db: DeviceDb;
let engine: SyncEngine | undefined;

beforeEach(async () => {
  server = await startFakeApiServer();
  server.setProducts(demoProducts);
  server.setConfig(serial14, 'v1');
  db = await openPairedDb();
});

afterEach(async () => {
  engine?.stop();
  engine = undefined;
  db.close();
  await server.close();
});

function createEngine(options: Partial<SyncEngineOptions> = {}): SyncEngine {
  const api = createTestClient(server, db);
  engine = createSyncEngine({ db, api, locks: null, window: new FakeWindow(), ...options });
  return engine;
}

function configRequests(): number {
  return server.requests.filter((request) => request.path === '/api/v1/app-config').length;
}

describe('syncNow', () => {
  it('pulls and pushes everything', async () => {
    await saveCompletedOrder(db, makeOrder('order-1'));
    const sync = createEngine();

    await sync.syncNow();
    const status = sync.status.value;

    expect(status.catalogCount).toBe(demoProducts.length);
    expect(status.pending).toBe(0);
    expect(status.failed).toBe(0);
    expect(status.syncing).toBe(false);
    expect(status.needsPairing).toBe(false);
    expect(status.lastError).toBeUndefined();
    expect(status.lastSuccessAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await getConfigInForce(db))?.version).toBe('v1');
    expect(server.orders.has('order-1')).toBe(true);
  });

  it('flags an unpaired device', async () => {
    db.close();
    db = await openTestDb();
    const sync = createEngine();

    await sync.syncNow();

    expect(sync.status.value.needsPairing).toBe(true);
    expect(server.requests).toHaveLength(0);
  });

  it('flags a rejected token and keeps sales', async () => {
    await saveCompletedOrder(db, makeOrder('order-1'));
    server.rejectAllTokens(true);
    const sync = createEngine();

    await sync.syncNow();

    expect(sync.status.value.needsPairing).toBe(true);
    expect(sync.status.value.lastError).toBe(PAIR_AGAIN_MESSAGE);
    expect(sync.status.value.pending).toBe(1);
    expect(await countOutbox(db)).toBe(1);
  });

  it('pushes sales when the catalog fails', async () => {
    await saveCompletedOrder(db, makeOrder('order-1'));
    server.failNext('GET', '/api/v1/catalog/changes', { kind: 'status', status: 500 });
    const sync = createEngine();

    await sync.syncNow();

    expect(sync.status.value.pending).toBe(0);
    expect(sync.status.value.lastError).toMatch(/^Catalog download failed: Injected HTTP 500\./);
    expect(sync.status.value.lastSuccessAt).toBeUndefined();
  });

  it('words a lost connection for the associate', async () => {
    server.failNext('GET', '/api/v1/catalog/changes', { kind: 'drop-reply' });
    const sync = createEngine();

    await sync.syncNow();

    expect(sync.status.value.lastError).toBe(
      'Catalog download failed: the server could not be reached. Sales stay on the device; the app tries again by itself.',
    );
  });

  it('counts a rejected sale as failed', async () => {
    await saveCompletedOrder(db, makeOrder('order-1'));
    server.orders.set('order-1', makeOrder('order-1', 'SOMEONEELSES01'));
    const sync = createEngine();

    await sync.syncNow();

    expect(sync.status.value.failed).toBe(1);
    expect(sync.status.value.pending).toBe(1);
  });

  it('runs once more after calls during a run', async () => {
    const sync = createEngine();

    const first = sync.syncNow();
    const second = sync.syncNow();
    const third = sync.syncNow();
    await Promise.all([first, second, third]);

    expect(second).toBe(third);
    expect(configRequests()).toBe(2);
  });

  it('publishes catalog progress', async () => {
    const sync = createEngine({ catalogPageSize: 10 });
    const seen: number[] = [];
    const unsubscribe = sync.status.subscribe((status) => {
      if (status.catalogProgress !== undefined && seen.at(-1) !== status.catalogProgress.received) {
        seen.push(status.catalogProgress.received);
      }
    });

    await sync.syncNow();
    unsubscribe();

    expect(seen).toEqual([10, 20, 30, 32]);
    expect(sync.status.value.catalogProgress).toBeUndefined();
  });

  it('waits for another tab to finish', async () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const heldElsewhere = {
      request: async (name: string, _options: unknown, callback: (lock: Lock) => Promise<void>) => {
        await released;
        await callback({ name, mode: 'exclusive' });
      },
    };
    const sync = createEngine({ locks: heldElsewhere });

    const run = sync.syncNow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const requestsWhileHeld = server.requests.length;
    release();
    await run;

    expect(requestsWhileHeld).toBe(0);
    expect(configRequests()).toBe(1);
  });
});

describe('start', () => {
  it('syncs at start when online', async () => {
    const sync = createEngine();

    sync.start();

    await vi.waitFor(() => expect(sync.status.value.catalogCount).toBe(demoProducts.length));
  });

  it('waits for the online event', async () => {
    const connectivity = new FakeWindow();
    connectivity.navigator.onLine = false;
    const sync = createEngine({ window: connectivity, intervalMs: 20 });

    sync.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const requestsWhileOffline = server.requests.length;
    connectivity.goOnline(true);

    expect(requestsWhileOffline).toBe(0);
    expect(sync.status.value.online).toBe(true);
    await vi.waitFor(() => expect(configRequests()).toBeGreaterThan(0));
  });

  it('repeats on the interval until offline', async () => {
    const connectivity = new FakeWindow();
    const sync = createEngine({ window: connectivity, intervalMs: 30 });

    sync.start();
    await vi.waitFor(() => expect(configRequests()).toBeGreaterThanOrEqual(3));
    connectivity.goOnline(false);
    await vi.waitFor(() => expect(sync.status.value.syncing).toBe(false));
    const countWhenOffline = configRequests();
    await new Promise((resolve) => setTimeout(resolve, 150));

    expect(sync.status.value.online).toBe(false);
    expect(configRequests()).toBe(countWhenOffline);
  });

  it('loads the last success from storage', async () => {
    await createEngine().syncNow();
    const lastSuccessAt = engine?.status.value.lastSuccessAt;
    const connectivity = new FakeWindow();
    connectivity.navigator.onLine = false;
    const reloaded = createEngine({ window: connectivity });

    reloaded.start();

    await vi.waitFor(() => expect(reloaded.status.value.lastSuccessAt).toBe(lastSuccessAt));
  });
});

describe('stop', () => {
  it('aborts the run without an error', async () => {
    server.failNext('GET', '/api/v1/catalog/changes', { kind: 'hang' });
    const sync = createEngine();

    const run = sync.syncNow();
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    sync.stop();
    await run;

    expect(sync.status.value.syncing).toBe(false);
    expect(sync.status.value.lastError).toBeUndefined();
  });
});

describe('refreshPending', () => {
  it('counts a sale saved after the last run', async () => {
    const sync = createEngine();
    await saveCompletedOrder(db, makeOrder('order-1'));

    await sync.refreshPending();

    expect(sync.status.value.pending).toBe(1);
  });
});
