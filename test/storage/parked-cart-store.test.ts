import { describe, expect, it } from 'vitest';
import { makeCart, openTestDb } from './test-db.ts';
import { loadCart, saveCart } from '../../src/storage/cart-store.ts';
import { discardParkedCart, listParkedCarts, parkCart, resumeParkedCart } from '../../src/storage/parked-cart-store.ts';
import type { CheckoutSession } from '../../src/domain/checkout-session.ts';

function otherCart(): CheckoutSession {
  return {
    lines: [{ line_id: 'L9', product_id: 'APP-1017', title: 'T-shirt', serialized: false, quantity: 2, fulfillment: 'IN_STORE_HANDOVER' }],
    awaiting: { step: 'item' },
  };
}

describe('parkCart', () => {
  it('moves the open cart to the parked list', async () => {
    const db = await openTestDb();
    await saveCart(db, makeCart());

    await parkCart(db, makeCart(), 'p1', '2026-12-04T10:00:00.000Z');

    expect(await loadCart(db)).toBeUndefined();
    expect(await listParkedCarts(db)).toEqual([{ id: 'p1', session: makeCart(), parked_at: '2026-12-04T10:00:00.000Z' }]);
    db.close();
  });

  it('keeps the serial', async () => {
    const db = await openTestDb();
    await parkCart(db, makeCart(), 'p1');

    const [parked] = await listParkedCarts(db);
    expect(parked?.session.lines[0]?.serial_number).toBe('C02XK1ABCD1234');
    db.close();
  });

  it('writes nothing when a write fails', async () => {
    const db = await openTestDb();
    await saveCart(db, makeCart());
    // A function cannot be cloned, so the put throws DataCloneError while being queued.
    const unclonable = { ...makeCart(), extra: () => undefined } as unknown as CheckoutSession;

    await expect(parkCart(db, unclonable, 'p1')).rejects.toMatchObject({ name: 'DataCloneError' });

    expect(await loadCart(db)).toEqual(makeCart());
    expect(await listParkedCarts(db)).toEqual([]);
    db.close();
  });
});

describe('listParkedCarts', () => {
  it('returns an empty list', async () => {
    const db = await openTestDb();
    await saveCart(db, makeCart());

    expect(await listParkedCarts(db)).toEqual([]);
    db.close();
  });

  it('lists oldest first', async () => {
    const db = await openTestDb();
    await parkCart(db, makeCart(), 'zz', '2026-12-04T10:00:00.000Z');
    await parkCart(db, otherCart(), 'aa', '2026-12-04T10:05:00.000Z');

    expect((await listParkedCarts(db)).map((cart) => cart.id)).toEqual(['zz', 'aa']);
    db.close();
  });
});

describe('resumeParkedCart', () => {
  it('opens the parked cart', async () => {
    const db = await openTestDb();
    await parkCart(db, makeCart(), 'p1');

    const resumed = await resumeParkedCart(db, 'p1', { open: { lines: [], awaiting: { step: 'item' } }, parkOpenAs: 'p2' });

    expect(resumed).toEqual(makeCart());
    expect(await loadCart(db)).toEqual(makeCart());
    expect(await listParkedCarts(db)).toEqual([]);
    db.close();
  });

  it('parks the open cart first', async () => {
    const db = await openTestDb();
    await parkCart(db, makeCart(), 'p1');
    await saveCart(db, otherCart());

    await resumeParkedCart(db, 'p1', { open: otherCart(), parkOpenAs: 'p2', now: '2026-12-04T11:00:00.000Z' });

    expect(await loadCart(db)).toEqual(makeCart());
    expect(await listParkedCarts(db)).toEqual([{ id: 'p2', session: otherCart(), parked_at: '2026-12-04T11:00:00.000Z' }]);
    db.close();
  });

  it('changes nothing for an unknown cart', async () => {
    const db = await openTestDb();
    await saveCart(db, otherCart());

    const resumed = await resumeParkedCart(db, 'missing', { open: otherCart(), parkOpenAs: 'p2' });

    expect(resumed).toBeUndefined();
    expect(await loadCart(db)).toEqual(otherCart());
    expect(await listParkedCarts(db)).toEqual([]);
    db.close();
  });
});

describe('discardParkedCart', () => {
  it('deletes only that cart', async () => {
    const db = await openTestDb();
    await saveCart(db, otherCart());
    await parkCart(db, makeCart(), 'p1');
    await saveCart(db, otherCart());
    await parkCart(db, otherCart(), 'p2');

    await discardParkedCart(db, 'p1');

    expect((await listParkedCarts(db)).map((cart) => cart.id)).toEqual(['p2']);
    db.close();
  });

  it('keeps the open cart', async () => {
    const db = await openTestDb();
    await parkCart(db, makeCart(), 'p1');
    await saveCart(db, otherCart());

    await discardParkedCart(db, 'p1');

    expect(await loadCart(db)).toEqual(otherCart());
    db.close();
  });
});
