import { describe, expect, it } from 'vitest';
import { getOrder, saveCompletedOrder } from '../../src/storage/order-store.ts';
import {
  acknowledgeOutboxEntry,
  countOutbox,
  countRejectedOutbox,
  listOutbox,
  isRejected,
  recordOutboxFailure,
  retryRejectedEntry,
} from '../../src/storage/outbox-store.ts';
import { makeOrder, openTestDb } from './test-db.ts';

describe('listOutbox', () => {
  it('lists oldest first', async () => {
    const db = await openTestDb();
    // Ids in reverse alphabetical order, so that a listing by id would fail.
    for (const id of ['order-c', 'order-b', 'order-a']) {
      await saveCompletedOrder(db, makeOrder(id));
    }

    const entries = await listOutbox(db);

    expect(entries.map((entry) => entry.capture_id)).toEqual(['order-c', 'order-b', 'order-a']);
    expect(entries.map((entry) => entry.seq)).toEqual([1, 2, 3]);
    db.close();
  });
});

describe('acknowledgeOutboxEntry', () => {
  it('removes the entry and marks the order sent', async () => {
    const db = await openTestDb();
    await saveCompletedOrder(db, makeOrder('order-1'));
    const [entry] = await listOutbox(db);

    await acknowledgeOutboxEntry(db, entry!.seq, 'order-1');

    expect(await countOutbox(db)).toBe(0);
    expect((await getOrder(db, 'order-1'))?.status).toBe('sent');
    db.close();
  });

  it('ignores a second acknowledgement', async () => {
    const db = await openTestDb();
    await saveCompletedOrder(db, makeOrder('order-1'));
    const [entry] = await listOutbox(db);
    await acknowledgeOutboxEntry(db, entry!.seq, 'order-1');

    await expect(acknowledgeOutboxEntry(db, entry!.seq, 'order-1')).resolves.toBeUndefined();
    db.close();
  });
});

describe('recordOutboxFailure', () => {
  it('counts attempts and keeps the last error', async () => {
    const db = await openTestDb();
    await saveCompletedOrder(db, makeOrder('order-1'));
    const [entry] = await listOutbox(db);

    await recordOutboxFailure(db, entry!.seq, 'POST /api/v1/orders failed with HTTP 500.', 500);
    await recordOutboxFailure(db, entry!.seq, 'Order order-1 conflicts.', 409);
    const [updated] = await listOutbox(db);

    expect(updated?.attempts).toBe(2);
    expect(updated?.last_error).toBe('Order order-1 conflicts.');
    expect(updated?.last_status).toBe(409);
    expect(updated?.last_attempt_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    db.close();
  });

  it('clears the status after a network error', async () => {
    const db = await openTestDb();
    await saveCompletedOrder(db, makeOrder('order-1'));
    const [entry] = await listOutbox(db);
    await recordOutboxFailure(db, entry!.seq, 'Rejected.', 400);

    await recordOutboxFailure(db, entry!.seq, 'fetch failed');
    const [updated] = await listOutbox(db);

    expect(updated).not.toHaveProperty('last_status');
    db.close();
  });
});

describe('countRejectedOutbox', () => {
  it('counts only 4xx failures', async () => {
    const db = await openTestDb();
    for (const id of ['order-1', 'order-2', 'order-3']) {
      await saveCompletedOrder(db, makeOrder(id));
    }
    const [first, second] = await listOutbox(db);
    await recordOutboxFailure(db, first!.seq, 'Conflict.', 409);
    await recordOutboxFailure(db, second!.seq, 'Server error.', 503);

    expect(await countRejectedOutbox(db)).toBe(1);
    expect(await countOutbox(db)).toBe(3);
    db.close();
  });
});

describe('isRejected', () => {
  it('leaves out 408 and 429, which pass on a later try', async () => {
    const db = await openTestDb();
    await saveCompletedOrder(db, makeOrder('order-1'));
    const [entry] = await listOutbox(db);

    expect(isRejected({ ...entry!, last_status: 409 })).toBe(true);
    expect(isRejected({ ...entry!, last_status: 408 })).toBe(false);
    expect(isRejected({ ...entry!, last_status: 429 })).toBe(false);
    expect(isRejected({ ...entry!, last_status: 503 })).toBe(false);
    db.close();
  });
});

describe('retryRejectedEntry', () => {
  it('clears the rejection and keeps the history', async () => {
    const db = await openTestDb();
    await saveCompletedOrder(db, makeOrder('order-1'));
    const [entry] = await listOutbox(db);
    await recordOutboxFailure(db, entry!.seq, 'Order order-1 conflicts.', 409);

    const found = await retryRejectedEntry(db, entry!.seq);
    const [updated] = await listOutbox(db);

    expect(found).toBe(true);
    expect(isRejected(updated!)).toBe(false);
    expect(updated?.attempts).toBe(1);
    expect(updated?.last_error).toBe('Order order-1 conflicts.');
    db.close();
  });

  it('returns false for an entry that is gone', async () => {
    const db = await openTestDb();

    expect(await retryRejectedEntry(db, 42)).toBe(false);
    db.close();
  });
});

describe('acknowledgeOutboxEntry with conflicts', () => {
  it('keeps the conflicts on the sent order', async () => {
    const db = await openTestDb();
    await saveCompletedOrder(db, makeOrder('order-1'));
    const [entry] = await listOutbox(db);
    const conflict = { line_id: 'L1', product_id: '1001', serial_number: 'C02XK1ABCD1234', reason: 'duplicate_serial' };

    await acknowledgeOutboxEntry(db, entry!.seq, 'order-1', [conflict]);

    expect((await getOrder(db, 'order-1'))?.conflicts).toEqual([conflict]);
    expect(await countOutbox(db)).toBe(0);
    db.close();
  });
});
