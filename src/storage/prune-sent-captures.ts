// Sales and picks stay on the device after the server acknowledged them, so the Sync
// screen can show what was sent and what the server flagged. Without pruning, a till
// would keep every sale it ever made in IndexedDB, and the Sync screen, which reads them
// all, would get slower every week.

import type { DeviceDb } from './schema.ts';

/** Days a sent sale or pick stays on the device. */
export const SENT_KEEP_DAYS = 30;
/** Days a sent sale or pick that the server flagged stays, for the associate to follow up. */
export const FLAGGED_KEEP_DAYS = 90;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Counts of the records `pruneSentCaptures` deleted. */
export interface PrunedCaptures {
  orders: number;
  picks: number;
}

/**
 * Deletes the sales and picks the server acknowledged more than SENT_KEEP_DAYS before
 * `now`, or FLAGGED_KEEP_DAYS for those with conflicts. Pending, open and completed
 * records are never touched: only a record with status `sent` and a `sent_at` qualifies,
 * and its outbox entry left when the server acknowledged it.
 */
export async function pruneSentCaptures(db: DeviceDb, now: Date = new Date()): Promise<PrunedCaptures> {
  const tx = db.transaction(['orders', 'picks'], 'readwrite');
  const orders = tx.objectStore('orders');
  const picks = tx.objectStore('picks');
  const [orderRecords, pickRecords] = await Promise.all([orders.getAll(), picks.getAll()]);
  const expiredOrders = orderRecords.filter((record) => record.status === 'sent' && isExpired(record, now));
  const expiredPicks = pickRecords.filter((record) => record.status === 'sent' && isExpired(record, now));
  await Promise.all([
    ...expiredOrders.map((record) => orders.delete(record.order_id)),
    ...expiredPicks.map((record) => picks.delete(record.pick_list_id)),
    tx.done,
  ]);
  return { orders: expiredOrders.length, picks: expiredPicks.length };
}

function isExpired(record: { sent_at?: string; conflicts?: unknown[] }, now: Date): boolean {
  const sent = record.sent_at === undefined ? Number.NaN : Date.parse(record.sent_at);
  if (Number.isNaN(sent)) {
    return false;
  }
  const keepDays = (record.conflicts?.length ?? 0) > 0 ? FLAGGED_KEEP_DAYS : SENT_KEEP_DAYS;
  return now.getTime() - sent > keepDays * DAY_MS;
}
