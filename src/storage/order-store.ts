// Completed sales. A sale and its outbox entry are written together, so that no sale is
// stored without being queued for the server, and none is queued without being stored.

import type { Order } from '../domain/types.ts';
import { commitWrites } from './commit-writes.ts';
import { makeRoomForCapture } from './make-room-for-capture.ts';
import type { DeviceDb, DraftName, OrderRecord } from './schema.ts';

export interface SaveCompletedOrderOptions {
  /** A draft to delete in the same transaction, such as the cart the sale came from. */
  clearDraft?: DraftName;
}

/**
 * Stores a completed sale as pending and queues it in the outbox, in one strict-durability
 * transaction that also deletes `options.clearDraft`. Resolves only after the transaction
 * committed. Rejects with a `ConstraintError` and writes nothing when an order with the
 * same `order_id` is already stored, and with a TypeError when `order_id` is empty.
 */
export async function saveCompletedOrder(
  db: DeviceDb,
  order: Order,
  options: SaveCompletedOrderOptions = {},
): Promise<void> {
  if (typeof order.order_id !== 'string' || order.order_id === '') {
    throw new TypeError(
      `Order has order_id ${JSON.stringify(order.order_id)}, expected a non-empty string. ` +
        'Give the order a new UUID before saving it.',
    );
  }

  const savedAt = new Date().toISOString();
  // Nothing is written when the transaction fails, so a retry after the catalog gave way
  // cannot store the sale twice.
  await makeRoomForCapture(db, `sale ${order.order_id}`, async () => {
    // The drafts store is always in scope, so that the store list has one type. It is only
    // written to when a draft is to be cleared.
    const tx = db.transaction(['orders', 'outbox', 'drafts'], 'readwrite', { durability: 'strict' });
    // A failed request aborts the whole transaction, so either every write commits or none.
    await commitWrites(tx, (writes) => {
      // add, not put: a second save of the same order must fail, never overwrite the first.
      // One push per write: should the second throw while queued, the first is already
      // listed, so its rejection after the abort is handled.
      writes.push(tx.objectStore('orders').add({ order_id: order.order_id, order, status: 'pending', saved_at: savedAt }));
      writes.push(
        tx.objectStore('outbox').add({
          capture_id: order.order_id,
          kind: 'order',
          payload: order,
          created_at: savedAt,
          attempts: 0,
        }),
      );
      if (options.clearDraft !== undefined) {
        writes.push(tx.objectStore('drafts').delete(options.clearDraft));
      }
    });
  });
}

/** Reads one stored sale by its order id. */
export async function getOrder(db: DeviceDb, orderId: string): Promise<OrderRecord | undefined> {
  return db.get('orders', orderId);
}

/** Lists the stored sales, newest first. */
export async function listOrders(db: DeviceDb): Promise<OrderRecord[]> {
  const records = await db.getAll('orders');
  return records.sort((a, b) => b.saved_at.localeCompare(a.saved_at));
}

/** Marks a stored sale as sent to the server. Returns false when no sale has that id. */
export async function markOrderSent(
  db: DeviceDb,
  orderId: string,
  sentAt: string = new Date().toISOString(),
): Promise<boolean> {
  const tx = db.transaction('orders', 'readwrite', { durability: 'strict' });
  const found = await markSentInStore(tx.store, orderId, sentAt);
  await tx.done;
  return found;
}

/** The part of an orders store that marking a sale as sent needs, in any transaction. */
export interface WritableOrderStore {
  get(key: string): Promise<OrderRecord | undefined>;
  put(value: OrderRecord): Promise<unknown>;
}

/** Marks a sale as sent within the caller's transaction. Returns false when it is missing. */
export async function markSentInStore(store: WritableOrderStore, orderId: string, sentAt: string): Promise<boolean> {
  const record = await store.get(orderId);
  if (record === undefined) {
    return false;
  }
  await store.put({ ...record, status: 'sent', sent_at: sentAt });
  return true;
}
