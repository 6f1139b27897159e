// Schedules sync runs and publishes their state as a signal for the UI. Runs happen on
// start, on the `online` event, every `intervalMs` while the browser reports being
// online, and on request. One run happens at a time in this tab. Where the Web Locks API
// exists, a run also waits for a run in another tab to end, so two tabs never push the
// same outbox entry at once.

import type { ReadonlySignal } from '@preact/signals';
import type { DeviceDb } from '../storage/schema.ts';
import { log } from './log.ts';
import { runSync, type SyncApi } from './sync-run.ts';
import {
  createSyncStatus,
  loadStoredStatus,
  recordRunError,
  recordRunOutcome,
  refreshOutboxCounts,
  updateStatus,
  type SyncStatus,
} from './sync-status.ts';

export type { SyncStatus } from './sync-status.ts';

export const DEFAULT_SYNC_INTERVAL_MS = 60_000;
export const SYNC_LOCK_NAME = 'serial-capture-sync';

type ConnectivityListener = () => void;

/** The part of `window` the engine uses, injectable for tests. */
export interface ConnectivityTarget {
  addEventListener(type: 'online' | 'offline', listener: ConnectivityListener): void;
  removeEventListener(type: 'online' | 'offline', listener: ConnectivityListener): void;
  navigator?: { onLine: boolean };
}

/** The part of the Web Locks API the engine uses. */
export interface SyncLockManager {
  request(
    name: string,
    options: { signal: AbortSignal },
    callback: (lock: Lock | null) => Promise<void>,
  ): Promise<void>;
}

export interface SyncEngineOptions {
  db: DeviceDb;
  api: SyncApi;
  intervalMs?: number;
  window?: ConnectivityTarget | undefined;
  /** Defaults to `navigator.locks` where it exists; null turns cross-tab locking off. */
  locks?: SyncLockManager | null;
  catalogPageSize?: number;
}

export interface SyncEngine {
  status: ReadonlySignal<SyncStatus>;
  /** Reads the stored status, starts a run when online, and listens for connectivity. */
  start(): void;
  /** Stops the timer and the listeners, aborts the run in progress and drops a queued one. */
  stop(): void;
  /** Runs a sync. During a run, waits for it and then runs once more. Never rejects. */
  syncNow(): Promise<void>;
  /** Recounts the outbox, as after a sale was saved. */
  refreshPending(): Promise<void>;
}

/** Creates a stopped sync engine; `start()` begins syncing. */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db, api } = options;
  const intervalMs = options.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
  const target = options.window ?? (typeof window === 'undefined' ? undefined : window);
  const locks = options.locks === undefined ? defaultLocks() : options.locks;

  // Without a navigator (as in Node) there is no offline signal, so requests decide.
  const isOnline = () => target?.navigator?.onLine ?? true;
  const status = createSyncStatus(isOnline());
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  let activeRun: AbortController | undefined;
  // Bumped by stop(), so that a run queued before it does not start after it.
  let generation = 0;

  const handleOnline = () => {
    updateStatus(status, { online: true });
    void syncNow();
  };
  const handleOffline = () => updateStatus(status, { online: false });

  async function runAndRecord(signal: AbortSignal): Promise<void> {
    const outcome = await runSync(db, api, {
      signal,
      catalogPageSize: options.catalogPageSize,
      onCatalogProgress: (received) => updateStatus(status, { catalogProgress: { received } }),
    });
    await recordRunOutcome(db, status, outcome);
  }

  async function runOnce(): Promise<void> {
    const controller = new AbortController();
    activeRun = controller;
    updateStatus(status, { syncing: true, catalogProgress: undefined });
    try {
      if (locks === null) {
        await runAndRecord(controller.signal);
      } else {
        // The signal also ends the wait for the lock when the engine stops.
        await locks.request(SYNC_LOCK_NAME, { signal: controller.signal }, () => runAndRecord(controller.signal));
      }
    } catch (error) {
      await recordRunError(db, status, error);
    } finally {
      activeRun = undefined;
      await loadStoredStatus(db, status).catch((error: unknown) => log.error('reading sync status failed', error));
      updateStatus(status, { syncing: false, catalogProgress: undefined });
    }
  }

  function syncNow(): Promise<void> {
    if (running === undefined) {
      running = runOnce().finally(() => {
        running = undefined;
      });
      return running;
    }
    // Calls during a run share one follow-up run, which starts when this one ends.
    const queuedIn = generation;
    queued ??= running.then(() => {
      queued = undefined;
      return queuedIn === generation ? syncNow() : undefined;
    });
    return queued;
  }

  function start(): void {
    if (timer !== undefined) {
      return;
    }
    target?.addEventListener('online', handleOnline);
    target?.addEventListener('offline', handleOffline);
    updateStatus(status, { online: isOnline() });
    timer = setInterval(() => {
      if (isOnline()) {
        void syncNow();
      }
    }, intervalMs);

    // The stored status shows at once, and is read again when the first run ends.
    void loadStoredStatus(db, status).catch((error: unknown) => log.error('reading sync status failed', error));
    if (isOnline()) {
      void syncNow();
    }
  }

  function stop(): void {
    generation += 1;
    target?.removeEventListener('online', handleOnline);
    target?.removeEventListener('offline', handleOffline);
    clearInterval(timer);
    timer = undefined;
    activeRun?.abort();
  }

  return { status, start, stop, syncNow, refreshPending: () => refreshOutboxCounts(db, status) };
}

function defaultLocks(): SyncLockManager | null {
  return typeof navigator !== 'undefined' && navigator.locks !== undefined ? navigator.locks : null;
}
