// Schedules sync runs and publishes their state as a signal for the UI. Runs happen on
// start, on the `online` event, on a Background Sync event relayed by the service worker,
// and on request. A timer also runs one `intervalMs` after a run that succeeded, and after
// a failed run a backoff delay that grows with each failure in a row (see backoff.ts).
// Timer and event runs wait while the server rejects the device token, but a request runs.
// One run happens at a time in this tab. Where the Web Locks API exists, a run also waits
// for a run in another tab to end, so two tabs never push the same outbox entry at once.

import type { ReadonlySignal } from '@preact/signals';
import type { DeviceDb } from '../storage/schema.ts';
import { backoffDelayMs, type BackoffOptions } from './backoff.ts';
import { browserBackgroundSync, type BackgroundSyncHooks } from './background-sync.ts';
import { SYNC_LOCK_NAME } from './background-sync-tag.ts';
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
  /** Defaults to the browser's Background Sync where there is a service worker API; null turns it off. */
  backgroundSync?: BackgroundSyncHooks | null;
  /** Retry delays after failed runs; the defaults are those of backoff.ts. */
  backoff?: BackoffOptions;
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
  const backgroundSync = options.backgroundSync === undefined ? browserBackgroundSync() : options.backgroundSync;

  // Without a navigator (as in Node) there is no offline signal, so requests decide.
  const isOnline = () => target?.navigator?.onLine ?? true;
  const status = createSyncStatus(isOnline());
  let started = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribeBackgroundSync: (() => void) | undefined;
  // Failed runs in a row; the next timer run waits longer with each one.
  let failures = 0;
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  let activeRun: AbortController | undefined;
  // Bumped by stop(), so that a run queued before it does not start after it.
  let generation = 0;

  const handleOnline = () => {
    updateStatus(status, { online: true });
    // A new connection is a fresh start, because failures before it are no guide to it.
    failures = 0;
    void syncNow();
  };

  // A run from the timer or an event, as opposed to one the associate or the app asked for.
  const scheduledRun = () => {
    clearTimeout(timer);
    timer = undefined;
    if (isOnline() && !status.value.needsPairing) {
      void syncNow();
    } else {
      schedule(intervalMs);
    }
  };

  function schedule(delayMs: number): void {
    clearTimeout(timer);
    timer = started ? setTimeout(scheduledRun, delayMs) : undefined;
  }
  const handleOffline = () => updateStatus(status, { online: false });

  // Resolves true when the run needs a retry: a step failed for a reason other than the
  // device token, which only pairing again can fix.
  async function runAndRecord(signal: AbortSignal): Promise<boolean> {
    const outcome = await runSync(db, api, {
      signal,
      catalogPageSize: options.catalogPageSize,
      onCatalogProgress: (received, total) => updateStatus(status, { catalogProgress: { received, total } }),
    });
    await recordRunOutcome(db, status, outcome);
    return outcome.errors.length > 0 && !outcome.needsPairing;
  }

  function afterRun(needsRetry: boolean): void {
    if (!needsRetry) {
      failures = 0;
      updateStatus(status, { retry: undefined });
      schedule(intervalMs);
      return;
    }
    failures += 1;
    const delayMs = backoffDelayMs(failures, options.backoff);
    log.info('sync retry scheduled', { failures, delay_ms: delayMs });
    updateStatus(status, { retry: { failures, delayMs } });
    schedule(delayMs);
    // Only while offline: the browser fires the tag when the connection returns. Online it
    // would fire at once, and so turn every failed run into an immediate retry.
    if (backgroundSync !== null && status.value.pending > 0 && !isOnline()) {
      backgroundSync.register().catch((error: unknown) => log.warn('Background Sync registration failed', error));
    }
  }

  async function runOnce(): Promise<void> {
    const controller = new AbortController();
    activeRun = controller;
    updateStatus(status, { syncing: true, catalogProgress: undefined });
    let needsRetry = true;
    try {
      if (locks === null) {
        needsRetry = await runAndRecord(controller.signal);
      } else {
        // The signal also ends the wait for the lock when the engine stops.
        await locks.request(SYNC_LOCK_NAME, { signal: controller.signal }, async () => {
          needsRetry = await runAndRecord(controller.signal);
        });
      }
    } catch (error) {
      await recordRunError(db, status, error);
    } finally {
      activeRun = undefined;
      await loadStoredStatus(db, status).catch((error: unknown) => log.error('reading sync status failed', error));
      updateStatus(status, { syncing: false, catalogProgress: undefined });
    }
    // A run aborted by stop() failed for no reason worth a retry.
    if (!controller.signal.aborted) {
      afterRun(needsRetry);
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
    if (started) {
      return;
    }
    started = true;
    target?.addEventListener('online', handleOnline);
    target?.addEventListener('offline', handleOffline);
    unsubscribeBackgroundSync = backgroundSync?.subscribe(scheduledRun);
    updateStatus(status, { online: isOnline() });

    // The stored status shows at once, and is read again when the first run ends. It
    // includes whether the server rejected the token, and then only a request runs a sync.
    void loadStoredStatus(db, status)
      .catch((error: unknown) => log.error('reading sync status failed', error))
      .then(() => {
        if (started && running === undefined) {
          scheduledRun();
        }
      });
  }

  function stop(): void {
    started = false;
    generation += 1;
    target?.removeEventListener('online', handleOnline);
    target?.removeEventListener('offline', handleOffline);
    unsubscribeBackgroundSync?.();
    unsubscribeBackgroundSync = undefined;
    clearTimeout(timer);
    timer = undefined;
    activeRun?.abort();
  }

  return { status, start, stop, syncNow, refreshPending: () => refreshOutboxCounts(db, status) };
}

function defaultLocks(): SyncLockManager | null {
  return typeof navigator !== 'undefined' && navigator.locks !== undefined ? navigator.locks : null;
}
