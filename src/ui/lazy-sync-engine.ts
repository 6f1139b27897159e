import { computed, signal } from '@preact/signals';
import { log } from '../sync/log.ts';
import type { SyncEngine, SyncEngineOptions } from '../sync/sync-engine.ts';
import { createSyncStatus } from '../sync/sync-status.ts';

/**
 * Creates a sync engine whose code loads on demand. The engine and what it runs (catalog,
 * configuration and pick list pulls, outbox push) are a chunk of their own, which the
 * service worker precaches. `start()` begins the load without waiting for it, so the first
 * screen does not wait either. `syncNow()` and `refreshPending()` wait for the load, and
 * until it ends `status` shows the state of a stopped engine. A failed load is logged and
 * tried again by the next call.
 */
export function createLazySyncEngine(options: SyncEngineOptions): SyncEngine {
  const engine = signal<SyncEngine | undefined>(undefined);
  const stoppedStatus = createSyncStatus(typeof navigator === 'undefined' ? true : navigator.onLine);
  let loading: Promise<SyncEngine | undefined> | undefined;
  let started = false;

  function load(): Promise<SyncEngine | undefined> {
    loading ??= import('../sync/sync-engine.ts').then(
      ({ createSyncEngine }) => {
        const created = createSyncEngine(options);
        engine.value = created;
        if (started) created.start();
        return created;
      },
      (error: unknown) => {
        loading = undefined;
        log.error('loading the sync engine failed', error);
        return undefined;
      },
    );
    return loading;
  }

  return {
    status: computed(() => (engine.value ?? { status: stoppedStatus }).status.value),
    start() {
      started = true;
      if (engine.value === undefined) void load();
      else engine.value.start();
    },
    stop() {
      started = false;
      engine.value?.stop();
    },
    async syncNow() {
      await (await load())?.syncNow();
    },
    async refreshPending() {
      await (await load())?.refreshPending();
    },
  };
}
