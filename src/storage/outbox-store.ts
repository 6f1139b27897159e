// The outbox: captures waiting for the server. An entry leaves it only when the server
// has acknowledged it.

import { markSentInStore } from './order-store.ts';
import type { DeviceDb, OutboxEntry } from './schema.ts';

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

/** Tests whether the server rejected the entry's last attempt with a 4xx reply. */
export function isRejected(entry: OutboxEntry): boolean {
  return entry.last_status !== undefined && entry.last_status >= 400 && entry.last_status < 500;
}

/**
 * Removes an acknowledged entry and marks its order as sent, in one strict-durability
 * transaction. Removing an entry that is already gone does nothing and is no error, so a
 * second acknowledgement of the same entry is harmless.
 */
export async function acknowledgeOutboxEntry(db: DeviceDb, seq: number, captureId: string): Promise<void> {
  const sentAt = new Date().toISOString();
  const tx = db.transaction(['outbox', 'orders'], 'readwrite', { durability: 'strict' });
  await Promise.all([
    tx.objectStore('outbox').delete(seq),
    markSentInStore(tx.objectStore('orders'), captureId, sentAt),
    tx.done,
  ]);
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
