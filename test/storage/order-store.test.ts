import { describe, expect, it } from 'vitest';
import { loadCart, saveCart } from '../../src/storage/cart-store.ts';
import { getOrder, listOrders, markOrderSent, saveCompletedOrder } from '../../src/storage/order-store.ts';
import { listOutbox } from '../../src/storage/outbox-store.ts';
import { openDeviceDb } from '../../src/storage/schema.ts';
import { makeCart, makeOrder, openTestDb, uniqueDbName } from './test-db.ts';

describe('saveCompletedOrder', () => {
  it('keeps the sale after reopening', async () => {
    const name = uniqueDbName();
    const db = await openDeviceDb({ name });
    await saveCompletedOrder(db, makeOrder('order-1'));
    db.close();

    const reopened = await openDeviceDb({ name });
    const record = await getOrder(reopened, 'order-1');
    const outbox = await listOutbox(reopened);

    expect(record?.status).toBe('pending');
    expect(record?.order).toEqual(makeOrder('order-1'));
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.capture_id).toBe('order-1');
    expect(outbox[0]?.payload).toEqual(makeOrder('order-1'));
    expect(outbox[0]?.attempts).toBe(0);
    reopened.close();
  });

  it('rejects a duplicate order id', async () => {
    const db = await openTestDb();
    await saveCompletedOrder(db, makeOrder('order-1'));

    const second = saveCompletedOrder(db, makeOrder('order-1', 'OTHERSERIAL001'));

    await expect(second).rejects.toMatchObject({ name: 'ConstraintError' });
    expect(await listOutbox(db)).toHaveLength(1);
    expect((await getOrder(db, 'order-1'))?.order.lines[0]?.serial_number).toBe('C02XK1ABCD1234');
    db.close();
  });

  it('clears the cart with the sale', async () => {
    const db = await openTestDb();
    await saveCart(db, makeCart());

    await saveCompletedOrder(db, makeOrder('order-1'), { clearDraft: 'checkout' });

    expect(await loadCart(db)).toBeUndefined();
    expect(await getOrder(db, 'order-1')).toBeDefined();
    db.close();
  });

  it('keeps the cart when the save fails', async () => {
    const db = await openTestDb();
    await saveCompletedOrder(db, makeOrder('order-1'));
    await saveCart(db, makeCart());

    await expect(saveCompletedOrder(db, makeOrder('order-1'), { clearDraft: 'checkout' })).rejects.toMatchObject({
      name: 'ConstraintError',
    });

    expect(await loadCart(db)).toEqual(makeCart());
    db.close();
  });

  it('writes nothing for an order that cannot be cloned', async () => {
    const db = await openTestDb();
    const order = { ...makeOrder('order-1'), note: () => 'not storable' } as unknown as ReturnType<typeof makeOrder>;

    await expect(saveCompletedOrder(db, order)).rejects.toMatchObject({ name: 'DataCloneError' });

    expect(await getOrder(db, 'order-1')).toBeUndefined();
    expect(await listOutbox(db)).toHaveLength(0);
    db.close();
  });

  it('rejects an empty order id', async () => {
    const db = await openTestDb();

    await expect(saveCompletedOrder(db, makeOrder(''))).rejects.toThrow(/order_id "".*new UUID/);
    db.close();
  });
});

describe('listOrders', () => {
  it('lists newest first', async () => {
    const db = await openTestDb();
    await saveCompletedOrder(db, makeOrder('b-first'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await saveCompletedOrder(db, makeOrder('a-second'));

    const ids = (await listOrders(db)).map((record) => record.order_id);

    expect(ids).toEqual(['a-second', 'b-first']);
    db.close();
  });
});

describe('markOrderSent', () => {
  it('marks a pending order as sent', async () => {
    const db = await openTestDb();
    await saveCompletedOrder(db, makeOrder('order-1'));

    const found = await markOrderSent(db, 'order-1', '2026-12-04T11:00:00.000Z');
    const record = await getOrder(db, 'order-1');

    expect(found).toBe(true);
    expect(record?.status).toBe('sent');
    expect(record?.sent_at).toBe('2026-12-04T11:00:00.000Z');
    db.close();
  });

  it('returns false for an unknown order', async () => {
    const db = await openTestDb();

    expect(await markOrderSent(db, 'missing')).toBe(false);
    db.close();
  });
});
