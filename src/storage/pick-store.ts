// Pick lists kept for offline picking, with the progress made on each. A completed pick
// and its outbox entry are written together, like a completed sale.

import { createPickSession } from '../domain/create-pick-session.ts';
import type { PickSession } from '../domain/picking-session.ts';
import type { PickCompletion, PickList } from '../domain/types.ts';
import { commitWrites } from './commit-writes.ts';
import { makeRoomForCapture } from './make-room-for-capture.ts';
import { pickCaptureId, type DeviceDb, type PickRecord, type ServerConflict } from './schema.ts';

/** Changes made on the device by applying the server's open pick lists. */
export interface OpenPickListsApplied {
  /** Pick lists stored for the first time. */
  added: string[];
  /** Pick lists deleted: no longer open on the server, and nothing unsent on the device. */
  removed: string[];
  /** Pick lists no longer open on the server but kept, because the device has progress on them. */
  kept: string[];
}

/** The pick list is missing on the device, or already completed there. */
export class PickNotOpenError extends Error {
  override name = 'PickNotOpenError';
}

/**
 * Applies the server's list of open pick lists for the device's store, in one
 * transaction. New lists are stored with an empty session. Lists the device has keep
 * their progress, because the server never changes a pick list's content once it is created.
 * A list absent from `lists` is deleted when nothing of it is unsent: no unit picked yet,
 * or its completion already acknowledged without conflicts. A list with picked units is kept and marked with
 * `missing_from_server_since`, and a completed list waiting in the outbox is kept as it is.
 */
export async function applyOpenPickLists(
  db: DeviceDb,
  lists: readonly PickList[],
  at: string = new Date().toISOString(),
): Promise<OpenPickListsApplied> {
  const applied: OpenPickListsApplied = { added: [], removed: [], kept: [] };
  const openIds = new Set(lists.map((list) => list.id));
  const tx = db.transaction('picks', 'readwrite', { durability: 'strict' });
  const existing = new Map((await tx.store.getAll()).map((record) => [record.pick_list_id, record]));

  await commitWrites(tx, (writes) => {
    for (const list of lists) {
      const record = existing.get(list.id);
      if (record === undefined) {
        const fresh: PickRecord = {
          pick_list_id: list.id,
          pick_list: list,
          status: 'open',
          session: createPickSession(list),
          downloaded_at: at,
          updated_at: at,
        };
        writes.push(tx.store.put(fresh));
        applied.added.push(list.id);
      } else if (record.missing_from_server_since !== undefined) {
        const { missing_from_server_since: _since, ...back } = record;
        writes.push(tx.store.put(back));
      }
    }

    for (const record of existing.values()) {
      // A sent pick the server flagged stays, so that its flag is still listed for review.
      if (openIds.has(record.pick_list_id) || record.status === 'completed' || (record.conflicts?.length ?? 0) > 0) {
        continue;
      }
      if (record.status === 'sent' || record.session.units.length === 0) {
        writes.push(tx.store.delete(record.pick_list_id));
        applied.removed.push(record.pick_list_id);
        continue;
      }
      applied.kept.push(record.pick_list_id);
      if (record.missing_from_server_since === undefined) {
        writes.push(tx.store.put({ ...record, missing_from_server_since: at }));
      }
    }
  });
  return applied;
}

/** Lists the pick lists on the device, oldest first by the server's `created_at`, then by id. */
export async function listPicks(db: DeviceDb): Promise<PickRecord[]> {
  const records = await db.getAll('picks');
  return records.sort(
    (a, b) =>
      a.pick_list.created_at.localeCompare(b.pick_list.created_at) || a.pick_list_id.localeCompare(b.pick_list_id),
  );
}

/** Reads one pick list with its progress. */
export async function getPick(db: DeviceDb, pickListId: string): Promise<PickRecord | undefined> {
  return db.get('picks', pickListId);
}

/**
 * Saves the progress on an open pick list with strict durability, because it contains
 * captured serials. Throws PickNotOpenError, and writes nothing, when the pick list is
 * missing or already completed on the device.
 */
export async function savePickProgress(db: DeviceDb, session: PickSession): Promise<void> {
  const tx = db.transaction('picks', 'readwrite', { durability: 'strict' });
  const record = await tx.store.get(session.pick_list_id);
  if (record === undefined || record.status !== 'open') {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw notOpen(session.pick_list_id, record);
  }
  await Promise.all([tx.store.put({ ...record, session, updated_at: new Date().toISOString() }), tx.done]);
}

/**
 * Stores a completed pick and queues it in the outbox, in one strict-durability
 * transaction, so that no pick is queued without being stored and none is stored without
 * being queued. Throws PickNotOpenError, and writes nothing, when the pick list is missing
 * or already completed on the device.
 */
export async function saveCompletedPick(db: DeviceDb, completion: PickCompletion, session: PickSession): Promise<void> {
  const savedAt = new Date().toISOString();
  // Nothing is written when the transaction fails, so a retry after the catalog gave way
  // cannot store the pick twice.
  await makeRoomForCapture(db, `pick list ${completion.pick_list_id}`, async () => {
    const tx = db.transaction(['picks', 'outbox'], 'readwrite', { durability: 'strict' });
    const picks = tx.objectStore('picks');
    const record = await picks.get(completion.pick_list_id);
    if (record === undefined || record.status !== 'open') {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw notOpen(completion.pick_list_id, record);
    }

    await commitWrites(tx, (writes) => {
      // One push per write, so that a write throwing while queued leaves none unhandled.
      writes.push(picks.put({ ...record, session, status: 'completed', completion, updated_at: savedAt }));
      writes.push(
        // add, not put: a second completion of the same pick list must fail, never replace the first.
        tx.objectStore('outbox').add({
          capture_id: pickCaptureId(completion.pick_list_id),
          kind: 'pick_completion',
          payload: completion,
          created_at: savedAt,
          attempts: 0,
        }),
      );
    });
  });
}

/** The part of a picks store that marking a pick as sent needs, in any transaction. */
export interface WritablePickStore {
  get(key: string): Promise<PickRecord | undefined>;
  put(value: PickRecord): Promise<unknown>;
}

/**
 * Marks a completed pick as sent within the caller's transaction, keeping the server's
 * conflicts when there are any. Returns false when it is missing.
 */
export async function markPickSentInStore(
  store: WritablePickStore,
  pickListId: string,
  sentAt: string,
  conflicts: ServerConflict[] = [],
): Promise<boolean> {
  const record = await store.get(pickListId);
  if (record === undefined) {
    return false;
  }
  await store.put({ ...record, status: 'sent', sent_at: sentAt, ...(conflicts.length > 0 ? { conflicts } : {}) });
  return true;
}

/**
 * Removes the acknowledged outbox entry `seq` of a pick completion and marks the pick as
 * sent, with the conflicts the server reported, in one strict-durability transaction.
 * A second acknowledgement does nothing.
 */
export async function acknowledgePickCompletion(
  db: DeviceDb,
  seq: number,
  pickListId: string,
  conflicts: ServerConflict[] = [],
): Promise<void> {
  const sentAt = new Date().toISOString();
  const tx = db.transaction(['outbox', 'picks'], 'readwrite', { durability: 'strict' });
  await Promise.all([
    tx.objectStore('outbox').delete(seq),
    markPickSentInStore(tx.objectStore('picks'), pickListId, sentAt, conflicts),
    tx.done,
  ]);
}

function notOpen(pickListId: string, record: PickRecord | undefined): PickNotOpenError {
  const state = record === undefined ? 'is not on this device' : `is already ${record.status}`;
  return new PickNotOpenError(
    `Pick list ${pickListId} ${state}, so the change was not saved. Open the list of pick lists and choose an open one.`,
  );
}
