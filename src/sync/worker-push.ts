// The outbox push that the service worker runs when the browser fires the outbox's
// Background Sync tag, so captures reach the server while no page of the app is open.
// It is the pages' own push (outbox-push.ts) with the pages' token handling, under the
// Web Lock the pages take. It opens the device database only for the push, and only at
// this app's schema version, so it cannot hold up or pre-empt a page's schema upgrade.

import { openDeviceDb, DB_NAME, DB_VERSION, type DeviceDb } from '../storage/schema.ts';
import { getDevice, setTokenRejected } from '../storage/sync-state-store.ts';
import { createApiClient } from './api-client.ts';
import { SYNC_LOCK_NAME } from './background-sync-tag.ts';
import { log } from './log.ts';
import { pushOutbox, type PushOutboxResult } from './outbox-push.ts';

/**
 * How long the worker waits for a page's sync to release the lock. A guess that leaves room
 * for the push itself within the 3 minutes Chromium lets a sync event run
 * (`kMaxSyncEventDuration` in content/public/browser/background_sync_parameters.cc).
 */
export const WORKER_LOCK_WAIT_MAX_MS = 60_000;

/** Outcome of a push from the service worker. Only `retry` fails the sync event. */
export type WorkerPushOutcome =
  /** Every entry was tried. Entries the server rejected (4xx) stay for the associate. */
  | { kind: 'done'; sent: number; rejected: number }
  /** Nothing could be pushed, for `reason`. A page pushes once the app is opened. */
  | { kind: 'skipped'; reason: string }
  /** The server rejected the device token (HTTP 401). Only pairing again helps. */
  | { kind: 'unauthorized' }
  /**
   * A 5xx, 408 or 429 reply, no reply, a storage error, or a lock held too long by a page.
   * The browser retries the sync later.
   */
  | { kind: 'retry'; message: string };

/** The part of the Web Locks API the worker push uses. */
export interface WorkerLockManager {
  request<T>(name: string, options: { signal: AbortSignal }, callback: (lock: Lock | null) => Promise<T>): Promise<T>;
}

export interface WorkerPushOptions {
  /** Opens the device database, or resolves undefined when there is none to push from. */
  openDb(): Promise<DeviceDb | undefined>;
  locks: WorkerLockManager;
  /** The server's origin, which is the app's own. */
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Defaults to WORKER_LOCK_WAIT_MAX_MS. */
  lockWaitMs?: number;
}

/**
 * Pushes the outbox once, as a page's sync run does after its downloads. Waits for the
 * sync lock first, so it never pushes while a page does, and then finds only what the
 * page left. Closes the database before it resolves. Never rejects: every failure is an
 * outcome.
 */
export async function pushOutboxFromWorker(options: WorkerPushOptions): Promise<WorkerPushOutcome> {
  const lockWaitMs = options.lockWaitMs ?? WORKER_LOCK_WAIT_MAX_MS;
  try {
    return await options.locks.request(SYNC_LOCK_NAME, { signal: AbortSignal.timeout(lockWaitMs) }, () =>
      pushUnderLock(options),
    );
  } catch (error) {
    // pushUnderLock returns every failure of the push, so this is the lock request failing.
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    const message = timedOut ? `another sync held the sync lock for over ${lockWaitMs / 1000} s` : describeError(error);
    log.warn('background sync did not get the sync lock', { message });
    return { kind: 'retry', message };
  }
}

async function pushUnderLock(options: WorkerPushOptions): Promise<WorkerPushOutcome> {
  let db: DeviceDb | undefined;
  try {
    db = await options.openDb();
    if (db === undefined) {
      return { kind: 'skipped', reason: 'no device database of this app version' };
    }
    return await pushWithDb(db, options);
  } catch (error) {
    log.error('background sync failed', error);
    return { kind: 'retry', message: describeError(error) };
  } finally {
    db?.close();
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function pushWithDb(db: DeviceDb, options: WorkerPushOptions): Promise<WorkerPushOutcome> {
  const device = await getDevice(db);
  if (device === undefined) {
    return { kind: 'skipped', reason: 'device not paired' };
  }
  const ids = { device_id: device.device_id, store_id: device.store_id };
  // As in the pages, only the associate's request syncs while the server rejects the token.
  if (device.token_rejected_at !== undefined) {
    log.info('background sync skipped: the server rejected the device token', ids);
    return { kind: 'skipped', reason: 'device token rejected' };
  }

  log.info('background sync started', ids);
  const api = createApiClient({
    baseUrl: options.baseUrl,
    getToken: async () => (await getDevice(db))?.device_token,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  const outcome = outcomeOfPush(await pushOutbox(db, api));
  if (outcome.kind === 'unauthorized') {
    await setTokenRejected(db, true);
  }
  log.info('background sync finished', { ...ids, outcome: outcome.kind });
  return outcome;
}

/** Maps the result of one outbox push to what the sync event does next. */
export function outcomeOfPush(result: PushOutboxResult): WorkerPushOutcome {
  switch (result.stoppedBy) {
    case undefined:
      return { kind: 'done', sent: result.sent, rejected: result.failed };
    case 'unauthorized':
      return { kind: 'unauthorized' };
    case 'network':
    case 'server':
      return { kind: 'retry', message: result.message ?? `the push stopped on a ${result.stoppedBy} error` };
  }
}

/**
 * Opens the device database only when it exists at this app's schema version. A missing
 * database means nothing was captured. Another version means a page of another app
 * version owns it: opening an older one would start its upgrade from the worker, and a
 * newer one cannot be opened at all.
 *
 * NOTE: so after an update that raised the schema version, captures made before it wait
 * for the first page of the new version, which runs the upgrade and then syncs.
 */
export async function openCurrentDeviceDb(name: string = DB_NAME): Promise<DeviceDb | undefined> {
  const existing = (await indexedDB.databases()).find((database) => database.name === name);
  if (existing?.version !== DB_VERSION) {
    if (existing !== undefined) {
      log.info('background sync left to the pages: the device database has another version', {
        found: existing.version,
        expected: DB_VERSION,
      });
    }
    return undefined;
  }
  return openDeviceDb({
    name,
    onVersionChange() {
      // openDeviceDb has closed this connection already, so the page's upgrade goes ahead.
      log.info('background sync closed the device database for a newer version');
    },
  });
}
