// The open checkout. It holds serials captured before the sale is completed, so it is
// saved with strict durability like the sale itself.

import type { CheckoutSession } from '../domain/checkout-session.ts';
import type { DeviceDb } from './schema.ts';

/** Saves the open checkout, replacing the one saved before. */
export async function saveCart(db: DeviceDb, session: CheckoutSession): Promise<void> {
  const tx = db.transaction('drafts', 'readwrite', { durability: 'strict' });
  await Promise.all([tx.store.put({ name: 'checkout', session, updated_at: new Date().toISOString() }), tx.done]);
}

/** Reads the open checkout, or undefined when none is saved. */
export async function loadCart(db: DeviceDb): Promise<CheckoutSession | undefined> {
  return (await db.get('drafts', 'checkout'))?.session;
}

/** Deletes the open checkout. */
export async function clearCart(db: DeviceDb): Promise<void> {
  await db.delete('drafts', 'checkout');
}
