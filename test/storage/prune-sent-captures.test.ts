import { describe, expect, it } from 'vitest';
import { createPickSession } from '../../src/domain/picking-session.ts';
import { getOrder, markOrderSent, saveCompletedOrder } from '../../src/storage/order-store.ts';
import { pruneSentCaptures } from '../../src/storage/prune-sent-captures.ts';
import type { DeviceDb, PickRecord, PickStatus } from '../../src/storage/schema.ts';
import { makePickList } from '../domain/pick-deps.ts';
import { makeOrder, openTestDb } from './test-db.ts';

const NOW = new Date('2026-12-05T12:00:00.000Z');

function daysAgo(days: number): string {
  return new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000).toISOString();
}

const CONFLICT = { line_id: 'L1', product_id: '1001', serial_number: 'S1', reason: 'duplicate_serial' };

async function storeSentOrder(db: DeviceDb, orderId: string, sentDaysAgo: number, flagged = false): Promise<void> {
  await saveCompletedOrder(db, makeOrder(orderId, `SERIAL-${orderId}`));
  await markOrderSent(db, orderId, daysAgo(sentDaysAgo));
  if (flagged) {
    const record = (await db.get('orders', orderId))!;
    await db.put('orders', { ...record, conflicts: [CONFLICT] });
  }
}

async function storePick(db: DeviceDb, id: string, status: PickStatus, sentDaysAgo?: number): Promise<void> {
  const list = makePickList(id, [['L1', '1001', 1]]);
  const record: PickRecord = {
    pick_list_id: id,
    pick_list: list,
    status,
    session: createPickSession(list),
    downloaded_at: daysAgo(100),
    updated_at: daysAgo(100),
    ...(sentDaysAgo === undefined ? {} : { sent_at: daysAgo(sentDaysAgo) }),
  };
  await db.put('picks', record);
}

describe('pruneSentCaptures', () => {
  it('deletes sales sent more than 30 days ago', async () => {
    const db = await openTestDb();
    await storeSentOrder(db, 'old', 31);
    await storeSentOrder(db, 'recent', 29);

    const pruned = await pruneSentCaptures(db, NOW);

    expect(pruned.orders).toBe(1);
    expect(await getOrder(db, 'old')).toBeUndefined();
    expect(await getOrder(db, 'recent')).toBeDefined();
  });

  it('never deletes a pending sale', async () => {
    const db = await openTestDb();
    await saveCompletedOrder(db, makeOrder('pending'));

    await pruneSentCaptures(db, new Date('2030-01-01T00:00:00.000Z'));

    expect((await getOrder(db, 'pending'))?.status).toBe('pending');
    expect(await db.count('outbox')).toBe(1);
  });

  it('keeps flagged sales for 90 days', async () => {
    const db = await openTestDb();
    await storeSentOrder(db, 'flagged-60', 60, true);
    await storeSentOrder(db, 'flagged-91', 91, true);

    await pruneSentCaptures(db, NOW);

    expect(await getOrder(db, 'flagged-60')).toBeDefined();
    expect(await getOrder(db, 'flagged-91')).toBeUndefined();
  });

  it('deletes only sent picks past their time', async () => {
    const db = await openTestDb();
    await storePick(db, 'PL-SENT-OLD', 'sent', 40);
    await storePick(db, 'PL-SENT-NEW', 'sent', 2);
    await storePick(db, 'PL-COMPLETED', 'completed');
    await storePick(db, 'PL-OPEN', 'open');

    const pruned = await pruneSentCaptures(db, NOW);

    expect(pruned.picks).toBe(1);
    expect((await db.getAllKeys('picks')).sort()).toEqual(['PL-COMPLETED', 'PL-OPEN', 'PL-SENT-NEW']);
  });

  it('keeps a sent record without a valid send time', async () => {
    const db = await openTestDb();
    await storePick(db, 'PL-NO-TIME', 'sent');

    await pruneSentCaptures(db, NOW);

    expect(await db.count('picks')).toBe(1);
  });
});
