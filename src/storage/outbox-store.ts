// The outbox: captures waiting for the server. An entry leaves it only when the server
// has acknowledged it.

import type { DeviceDb, OutboxEntry, ServerConflict } from './schema.ts';

/** An outbox entry as read back, so with its key. */
export type StoredOutboxEntry = OutboxEntry & { seq: number };

/** Lists the outbox, oldest first (the order in which entries were queued). */
export async function listOutbox(db: DeviceDb): Promise<StoredOutboxEntry[]> {
  // Key order is queue order because `seq` is an auto-increment key.
  return (await db.getAll('outbox')) as StoredOutboxEntry[];
}

/** Counts the entries waiting for the server, rejected ones included. */
export async function countOutbox(db: DeviceDb): Promise<number> {
  return db.count('outbox');
}

/** Counts the entries that the server rejected on their last attempt (a 4xx reply). */
export async function countRejectedOutbox(db: DeviceDb): Promise<number> {
  const entries = await db.getAll('outbox');
  return entries.filter(isRejected).length;
}

/**
 * Tests whether the server rejected the entry itself on its last attempt: a 4xx reply
 * other than 408 and 429, which are about the server's load and pass on a later try.
 * Pushes skip a rejected entry until the associate asks for it to be sent again.
 */
export function isRejected(entry: OutboxEntry): boolean {
  const status = entry.last_status;
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/**
 * Removes an acknowledged entry and marks its order as sent, with the conflicts the
 * server reported, in one strict-durability transaction. Removing an entry that is
 * already gone does nothing and is no error, so a second acknowledgement is harmless.
 */
export async function acknowledgeOutboxEntry(
  db: DeviceDb,
  seq: number,
  captureId: string,
  conflicts: ServerConflict[] = [],
): Promise<void> {
  const sentAt = new Date().toISOString();
  const tx = db.transaction(['outbox', 'orders'], 'readwrite', { durability: 'strict' });
  const orders = tx.objectStore('orders');
  const markSent = async () => {
    const record = await orders.get(captureId);
    if (record !== undefined) {
      await orders.put({ ...record, status: 'sent', sent_at: sentAt, ...(conflicts.length > 0 ? { conflicts } : {}) });
    }
  };
  await Promise.all([tx.objectStore('outbox').delete(seq), markSent(), tx.done]);
}

/**
 * Clears the rejection of entry `seq`, so that the next push sends it again; its attempts
 * and last error stay for the record. Returns false when the entry is gone.
 */
export async function retryRejectedEntry(db: DeviceDb, seq: number): Promise<boolean> {
  const tx = db.transaction('outbox', 'readwrite', { durability: 'strict' });
  const entry = await tx.store.get(seq);
  if (entry !== undefined && entry.last_status !== undefined) {
    const { last_status: _cleared, ...rest } = entry;
    await tx.store.put(rest);
  }
  await tx.done;
  return entry !== undefined;
}

/**
 * Records a failed delivery on the entry: one more attempt, the message, the HTTP status
 * when the server replied, and the time. Does nothing when the entry is gone.
 */
export async function recordOutboxFailure(db: DeviceDb, seq: number, message: string, status?: number): Promise<void> {
  const tx = db.transaction('outbox', 'readwrite');
  const entry = await tx.store.get(seq);
  if (entry !== undefined) {
    const updated: OutboxEntry = {
      ...entry,
      attempts: entry.attempts + 1,
      last_error: message,
      last_attempt_at: new Date().toISOString(),
    };
    if (status === undefined) {
      delete updated.last_status;
    } else {
      updated.last_status = status;
    }
    await tx.store.put(updated);
  }
  await tx.done;
}
