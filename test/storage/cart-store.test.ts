import { describe, expect, it } from 'vitest';
import { clearCart, loadCart, saveCart } from '../../src/storage/cart-store.ts';
import { openDeviceDb } from '../../src/storage/schema.ts';
import { makeCart, openTestDb, uniqueDbName } from './test-db.ts';

describe('saveCart', () => {
  it('keeps the cart after reopening', async () => {
    const name = uniqueDbName();
    const db = await openDeviceDb({ name });
    await saveCart(db, makeCart());
    db.close();

    const reopened = await openDeviceDb({ name });

    expect(await loadCart(reopened)).toEqual(makeCart());
    reopened.close();
  });

  it('replaces the saved cart', async () => {
    const db = await openTestDb();
    await saveCart(db, makeCart());
    const emptied = { ...makeCart(), lines: [] };

    await saveCart(db, emptied);

    expect(await loadCart(db)).toEqual(emptied);
    db.close();
  });
});

describe('loadCart', () => {
  it('returns undefined without a cart', async () => {
    const db = await openTestDb();

    expect(await loadCart(db)).toBeUndefined();
    db.close();
  });
});

describe('clearCart', () => {
  it('deletes the cart', async () => {
    const db = await openTestDb();
    await saveCart(db, makeCart());

    await clearCart(db);

    expect(await loadCart(db)).toBeUndefined();
    db.close();
  });
});
