// Named sync records: the device's pairing, the catalog cursor, and the outcome of the
// last sync run.

import type { DeviceDb, DeviceRecord, LastErrorRecord, LastSyncRecord, SyncStateRecord } from './schema.ts';

/** The device's pairing with a store, as `POST /api/v1/pairing` returned it. */
export type Device = Omit<DeviceRecord, 'name'>;

/** The outcome of the last sync run. */
export type LastSync = Omit<LastSyncRecord, 'name'>;

/** The last sync error that was not followed by a successful run. */
export type LastError = Omit<LastErrorRecord, 'name'>;

type SyncStateName = SyncStateRecord['name'];
type RecordNamed<N extends SyncStateName> = Extract<SyncStateRecord, { name: N }>;

async function readRecord<N extends SyncStateName>(db: DeviceDb, name: N): Promise<RecordNamed<N> | undefined> {
  // The store's key is the record's name, so the record read is the one of that name.
  return (await db.get('sync-state', name)) as RecordNamed<N> | undefined;
}

function stripName<R extends SyncStateRecord>(record: R | undefined): Omit<R, 'name'> | undefined {
  if (record === undefined) {
    return undefined;
  }
  const { name: _name, ...rest } = record;
  return rest;
}

/** Reads the device's pairing, or undefined when the device is not paired. */
export async function getDevice(db: DeviceDb): Promise<Device | undefined> {
  return stripName(await readRecord(db, 'device'));
}

/** Stores the device's pairing, replacing any earlier one. */
export async function setDevice(db: DeviceDb, device: Device): Promise<void> {
  const tx = db.transaction('sync-state', 'readwrite', { durability: 'strict' });
  await Promise.all([tx.store.put({ name: 'device', ...device }), tx.done]);
}

/**
 * Records whether the server refuses the device token, so that "pair again" survives a
 * reload. Does nothing when the device is not paired. Pairing again clears it.
 */
export async function setTokenRejected(db: DeviceDb, rejected: boolean, at: string = new Date().toISOString()): Promise<void> {
  const tx = db.transaction('sync-state', 'readwrite', { durability: 'strict' });
  const record = (await tx.store.get('device')) as DeviceRecord | undefined;
  if (record !== undefined && rejected !== (record.token_rejected_at !== undefined)) {
    const { token_rejected_at: _previous, ...rest } = record;
    await tx.store.put(rejected ? { ...rest, token_rejected_at: at } : rest);
  }
  await tx.done;
}

/** Forgets the device's pairing. Orders and the outbox stay, to be sent after pairing again. */
export async function clearDevice(db: DeviceDb): Promise<void> {
  await db.delete('sync-state', 'device');
}

/** Reads the cursor after the last catalog page applied, or undefined before the first page. */
export async function getCatalogCursor(db: DeviceDb): Promise<string | undefined> {
  return (await readRecord(db, 'catalog-cursor'))?.cursor;
}

/** Forgets the catalog cursor, so that the next pull downloads the whole catalog again. */
export async function clearCatalogCursor(db: DeviceDb): Promise<void> {
  await db.delete('sync-state', 'catalog-cursor');
}

/** Reads the outcome of the last sync run. */
export async function getLastSync(db: DeviceDb): Promise<LastSync | undefined> {
  return stripName(await readRecord(db, 'last-sync'));
}

/**
 * Stores the outcome of a sync run. `succeeded_at` becomes `at` when the run succeeded,
 * and otherwise keeps the time of the last run that did.
 */
export async function setLastSync(db: DeviceDb, outcome: { at: string; ok: boolean }): Promise<void> {
  const tx = db.transaction('sync-state', 'readwrite');
  const previous = (await tx.store.get('last-sync')) as LastSyncRecord | undefined;
  const succeededAt = outcome.ok ? outcome.at : previous?.succeeded_at;
  const record: LastSyncRecord = { name: 'last-sync', at: outcome.at, ok: outcome.ok };
  if (succeededAt !== undefined) {
    record.succeeded_at = succeededAt;
  }
  await Promise.all([tx.store.put(record), tx.done]);
}

/** Reads the last sync error, or undefined when the last run succeeded. */
export async function getLastError(db: DeviceDb): Promise<LastError | undefined> {
  return stripName(await readRecord(db, 'last-error'));
}

/** Stores a sync error for the status screen. */
export async function setLastError(
  db: DeviceDb,
  message: string,
  at: string = new Date().toISOString(),
): Promise<void> {
  await db.put('sync-state', { name: 'last-error', message, at });
}

/** Forgets the last sync error, after a successful run. */
export async function clearLastError(db: DeviceDb): Promise<void> {
  await db.delete('sync-state', 'last-error');
}
