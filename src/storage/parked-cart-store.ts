// Parked carts, kept in the `drafts` store beside the open checkout under the names
// `parked:<id>`. Parking and resuming move a cart between the two names in one
// transaction with strict durability, so a captured serial is never in neither place
// nor in both.

import type { CheckoutSession } from '../domain/checkout-session.ts';
import { hasOpenCart, sortParkedCarts, type ParkedCart } from '../domain/kiosk-parked-cart.ts';
import { commitWrites } from './commit-writes.ts';
import type { DeviceDb, ParkedCartRecord } from './schema.ts';

const PARKED_PREFIX = 'parked:';

function parkedName(id: string): ParkedCartRecord['name'] {
  return `${PARKED_PREFIX}${id}`;
}

function toParkedCart(record: ParkedCartRecord): ParkedCart {
  return { id: record.name.slice(PARKED_PREFIX.length), session: record.session, parked_at: record.parked_at };
}

/**
 * Parks `session` as cart `id` and deletes the open checkout, in one transaction. The
 * session passed is the one parked, so the caller passes the cart as it shows it.
 */
export async function parkCart(db: DeviceDb, session: CheckoutSession, id: string, parkedAt = new Date().toISOString()): Promise<void> {
  const tx = db.transaction('drafts', 'readwrite', { durability: 'strict' });
  await commitWrites(tx, (writes) => {
    writes.push(tx.store.put({ name: parkedName(id), session, parked_at: parkedAt }));
    writes.push(tx.store.delete('checkout'));
  });
}

/** Lists the parked carts, oldest first. */
export async function listParkedCarts(db: DeviceDb): Promise<ParkedCart[]> {
  // Every name that starts with the prefix sorts between these two keys.
  const range = IDBKeyRange.bound(PARKED_PREFIX, `${PARKED_PREFIX}\uffff`);
  const records = (await db.getAll('drafts', range)) as ParkedCartRecord[];
  return sortParkedCarts(records.map(toParkedCart));
}

export interface ResumeOptions {
  /** The cart open now. When it has lines, it is parked under `parkOpenAs` in the same transaction. */
  open: CheckoutSession;
  parkOpenAs: string;
  now?: string;
}

/**
 * Makes parked cart `id` the open checkout, parking the cart open now first when it has
 * lines, all in one transaction. Resolves to the resumed session, or undefined when no
 * parked cart `id` exists (another tab resumed it), in which case nothing changes.
 */
export async function resumeParkedCart(db: DeviceDb, id: string, options: ResumeOptions): Promise<CheckoutSession | undefined> {
  const now = options.now ?? new Date().toISOString();
  const tx = db.transaction('drafts', 'readwrite', { durability: 'strict' });
  const parked = (await tx.store.get(parkedName(id))) as ParkedCartRecord | undefined;
  if (parked === undefined) {
    await tx.done;
    return undefined;
  }
  await commitWrites(tx, (writes) => {
    if (hasOpenCart(options.open)) {
      writes.push(tx.store.put({ name: parkedName(options.parkOpenAs), session: options.open, parked_at: now }));
    }
    writes.push(tx.store.put({ name: 'checkout', session: parked.session, updated_at: now }));
    writes.push(tx.store.delete(parkedName(id)));
  });
  return parked.session;
}

/** Deletes parked cart `id` and the serials on it. */
export async function discardParkedCart(db: DeviceDb, id: string): Promise<void> {
  const tx = db.transaction('drafts', 'readwrite', { durability: 'strict' });
  await Promise.all([tx.store.delete(parkedName(id)), tx.done]);
}
