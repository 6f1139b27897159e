// What the Sync screen lists: captures still waiting for the server, captures the server
// refused, and captures the server accepted with conflicts flagged for review.

import { listOrders } from '../../storage/order-store.ts';
import { isRejected, listOutbox, type StoredOutboxEntry } from '../../storage/outbox-store.ts';
import { listPicks } from '../../storage/pick-store.ts';
import { getProductsById } from '../../storage/product-store.ts';
import type { DeviceDb, ServerConflict } from '../../storage/schema.ts';

/** A flagged line, with its product's title from the cached catalog when the device has it. */
export type ShownConflict = ServerConflict & { title?: string };

/** A sale or pick that the server accepted and flagged. */
export interface ConflictedCapture {
  kind: 'order' | 'pick_completion';
  /** The order id, or the pick list id. */
  id: string;
  sentAt: string | undefined;
  conflicts: ShownConflict[];
}

export interface SyncEntries {
  /** Waiting to be sent, oldest first; some may carry the error of their last attempt. */
  pending: StoredOutboxEntry[];
  /** Refused by the server (a 4xx reply); sent again only when the associate asks. */
  failed: StoredOutboxEntry[];
  /** Newest first. */
  conflicted: ConflictedCapture[];
}

/** Reads the outbox, and the sent sales and picks that carry conflicts. */
export async function loadSyncEntries(db: DeviceDb): Promise<SyncEntries> {
  const [outbox, orders, picks] = await Promise.all([listOutbox(db), listOrders(db), listPicks(db)]);
  const conflicted: ConflictedCapture[] = [
    ...orders
      .filter((record) => (record.conflicts?.length ?? 0) > 0)
      .map((record) => ({ kind: 'order' as const, id: record.order_id, sentAt: record.sent_at, conflicts: record.conflicts ?? [] })),
    ...picks
      .filter((record) => (record.conflicts?.length ?? 0) > 0)
      .map((record) => ({
        kind: 'pick_completion' as const,
        id: record.pick_list_id,
        sentAt: record.sent_at,
        conflicts: record.conflicts ?? [],
      })),
  ];
  conflicted.sort((a, b) => (b.sentAt ?? '').localeCompare(a.sentAt ?? ''));
  await addTitles(db, conflicted);
  return {
    pending: outbox.filter((entry) => !isRejected(entry)),
    failed: outbox.filter(isRejected),
    conflicted,
  };
}

// Associates recognise a product by its title, not by the server's product id.
async function addTitles(db: DeviceDb, captures: ConflictedCapture[]): Promise<void> {
  const ids = [...new Set(captures.flatMap((capture) => capture.conflicts.map((conflict) => conflict.product_id)))];
  if (ids.length === 0) return;

  const products = await getProductsById(db, ids);
  for (const capture of captures) {
    capture.conflicts = capture.conflicts.map((conflict) => {
      const title = products.get(conflict.product_id)?.title;
      return title === undefined ? conflict : { ...conflict, title };
    });
  }
}
