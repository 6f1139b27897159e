// The sync status that the UI reads, and how it is filled from device storage and from
// the outcome of each run. Stored parts (last success, last error) survive a reload.

import { signal, type Signal } from '@preact/signals';
import { countOutbox, countRejectedOutbox } from '../storage/outbox-store.ts';
import { countProducts } from '../storage/product-store.ts';
import type { DeviceDb } from '../storage/schema.ts';
import {
  clearLastError,
  getDevice,
  getLastError,
  getLastSync,
  setLastError,
  setLastSync,
} from '../storage/sync-state-store.ts';
import { isAbortError } from './api-errors.ts';
import { log } from './log.ts';
import type { SyncRunOutcome } from './sync-run.ts';

export interface SyncStatus {
  online: boolean;
  syncing: boolean;
  /** Outbox entries not yet acknowledged by the server, rejected ones included. */
  pending: number;
  /** Outbox entries the server rejected with a 4xx reply on their last attempt. */
  failed: number;
  lastSuccessAt?: string | undefined;
  lastError?: string | undefined;
  needsPairing: boolean;
  catalogCount: number;
  /** Set after failed runs in a row: how many, and the wait before the next timer run. */
  retry?: { failures: number; delayMs: number } | undefined;
  /**
   * Catalog changes received so far in the running sync, and the expected total when the
   * server sends one; absent between runs.
   */
  catalogProgress?: { received: number; total?: number | undefined } | undefined;
}

/** Creates the status signal in its state before anything was read from storage. */
export function createSyncStatus(online: boolean): Signal<SyncStatus> {
  return signal<SyncStatus>({ online, syncing: false, pending: 0, failed: 0, needsPairing: false, catalogCount: 0 });
}

/** Replaces the status with a copy that has `patch` applied, which notifies subscribers. */
export function updateStatus(status: Signal<SyncStatus>, patch: Partial<SyncStatus>): void {
  status.value = { ...status.value, ...patch };
}

/** Recounts the outbox: entries pending and entries rejected. */
export async function refreshOutboxCounts(db: DeviceDb, status: Signal<SyncStatus>): Promise<void> {
  const [pending, failed] = await Promise.all([countOutbox(db), countRejectedOutbox(db)]);
  updateStatus(status, { pending, failed });
}

/** Fills the status from storage: last success, last error, pairing, and counts. */
export async function loadStoredStatus(db: DeviceDb, status: Signal<SyncStatus>): Promise<void> {
  const [lastSync, lastError, device, catalogCount] = await Promise.all([
    getLastSync(db),
    getLastError(db),
    getDevice(db),
    countProducts(db),
  ]);
  updateStatus(status, {
    lastSuccessAt: lastSync?.succeeded_at,
    lastError: lastError?.message,
    // A refused token is stored on the device record, so "pair again" survives a reload.
    needsPairing: device === undefined || device.token_rejected_at !== undefined,
    catalogCount,
  });
  await refreshOutboxCounts(db, status);
}

/** Stores the outcome of a run and shows it: success time, or the joined error messages. */
export async function recordRunOutcome(
  db: DeviceDb,
  status: Signal<SyncStatus>,
  outcome: SyncRunOutcome,
): Promise<void> {
  updateStatus(status, { needsPairing: outcome.needsPairing });
  if (outcome.catalogCount !== undefined) {
    updateStatus(status, { catalogCount: outcome.catalogCount });
  }
  if (!outcome.paired) {
    return;
  }

  const at = new Date().toISOString();
  if (outcome.errors.length === 0) {
    await setLastSync(db, { at, ok: true });
    await clearLastError(db);
    updateStatus(status, { lastSuccessAt: at, lastError: undefined });
    return;
  }
  const message = outcome.errors.join(' ');
  await setLastSync(db, { at, ok: false });
  await setLastError(db, message, at);
  updateStatus(status, { lastError: message });
}

/** Stores and shows an error that ended a run, except an abort, which is no failure. */
export async function recordRunError(db: DeviceDb, status: Signal<SyncStatus>, error: unknown): Promise<void> {
  if (isAbortError(error)) {
    log.info('sync cancelled');
    return;
  }
  log.error('sync failed', error);
  const message = `Sync failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  updateStatus(status, { lastError: message });
  try {
    await setLastError(db, message);
  } catch (storeError) {
    log.error('storing the sync error failed', storeError);
  }
}
