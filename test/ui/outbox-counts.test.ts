import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../src/storage/schema.ts';
import { countOutbox } from '../../src/ui/sync/outbox-counts.tsx';
import { makeOrder } from '../storage/test-db.ts';

const CREATED_AT = '2026-12-01T10:00:00.000Z';

function saleEntry(orderId: string, lastStatus?: number): OutboxEntry {
  const entry: OutboxEntry = { kind: 'order', payload: makeOrder(orderId), capture_id: orderId, created_at: CREATED_AT, attempts: 0 };
  if (lastStatus !== undefined) entry.last_status = lastStatus;
  return entry;
}

function pickEntry(pickListId: string, lastStatus?: number): OutboxEntry {
  const entry: OutboxEntry = {
    kind: 'pick_completion',
    payload: { pick_list_id: pickListId, completed_at: CREATED_AT, units: [] },
    capture_id: `pick:${pickListId}`,
    created_at: CREATED_AT,
    attempts: 0,
  };
  if (lastStatus !== undefined) entry.last_status = lastStatus;
  return entry;
}

describe('countOutbox', () => {
  it('counts sales and picks apart', () => {
    const counts = countOutbox([saleEntry('o1'), pickEntry('PL-1'), saleEntry('o2')]);
    expect(counts.sales).toBe(2);
    expect(counts.picks).toBe(1);
    expect(counts.rejected).toBe(0);
  });

  it('counts rejected entries on their own', () => {
    const counts = countOutbox([saleEntry('o1', 422), pickEntry('PL-1', 409), saleEntry('o2')]);
    expect(counts).toEqual({ sales: 1, picks: 0, rejected: 2 });
  });

  it('keeps retried failures as waiting', () => {
    // A 5xx, 408 or 429 reply is tried again by itself, so the entry still waits.
    const counts = countOutbox([saleEntry('o1', 503), pickEntry('PL-1', 429), saleEntry('o2', 408)]);
    expect(counts).toEqual({ sales: 2, picks: 1, rejected: 0 });
  });

  it('counts an empty outbox as zero', () => {
    expect(countOutbox([])).toEqual({ sales: 0, picks: 0, rejected: 0 });
  });
});
