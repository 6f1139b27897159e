import { afterEach, describe, expect, it } from 'vitest';
import { saveCompletedOrder, getOrder } from '../../src/storage/order-store.ts';
import { listOutbox } from '../../src/storage/outbox-store.ts';
import { applyCatalogPage, countProducts } from '../../src/storage/product-store.ts';
import { applyOpenPickLists, getPick, saveCompletedPick } from '../../src/storage/pick-store.ts';
import { makeRoomForCapture } from '../../src/storage/make-room-for-capture.ts';
import type { DeviceDb } from '../../src/storage/schema.ts';
import { getCatalogCursor, getLastError } from '../../src/storage/sync-state-store.ts';
import { failWritesWithQuotaError, type QuotaFault } from './quota-error.ts';
import { makeOrder, makeProduct, openTestDb } from './test-db.ts';

let fault: QuotaFault | undefined;

afterEach(() => {
  fault?.restore();
  fault = undefined;
});

async function openDbWithCatalog(): Promise<DeviceDb> {
  const db = await openTestDb();
  await applyCatalogPage(db, {
    items: [
      { product: makeProduct('1001', [['ean13', '9506000010014']]) },
      { product: makeProduct('1002', [['sku', 'APP-1002']]) },
    ],
    next_cursor: '2',
  });
  return db;
}

describe('makeRoomForCapture', () => {
  it('saves a sale that hit the quota after removing the catalog', async () => {
    const db = await openDbWithCatalog();
    fault = failWritesWithQuotaError('orders', 'add', 1);

    await saveCompletedOrder(db, makeOrder('order-1'));

    expect(fault.failures).toBe(1);
    expect((await getOrder(db, 'order-1'))?.status).toBe('pending');
    expect((await listOutbox(db)).map((entry) => entry.capture_id)).toEqual(['order-1']);
    expect(await countProducts(db)).toBe(0);
    expect(await getCatalogCursor(db)).toBeUndefined();
  });

  it('says why the catalog is gone', async () => {
    const db = await openDbWithCatalog();
    fault = failWritesWithQuotaError('orders', 'add', 1);

    await saveCompletedOrder(db, makeOrder('order-1'));

    expect((await getLastError(db))?.message).toMatch(/storage was full.*catalog was removed to save sale order-1/);
  });

  it('saves a pick that hit the quota after removing the catalog', async () => {
    const db = await openDbWithCatalog();
    const list = {
      id: 'PL-1',
      order_id: 'O-1',
      store_id: 'store-001',
      status: 'open' as const,
      created_at: '2026-12-04T09:00:00.000Z',
      items: [{ line_id: 'L1', product_id: '1002', quantity: 1 }],
    };
    await applyOpenPickLists(db, [list]);
    const session = (await getPick(db, 'PL-1'))!.session;
    fault = failWritesWithQuotaError('picks', 'put', 1);

    await saveCompletedPick(db, { pick_list_id: 'PL-1', completed_at: '2026-12-04T10:00:00.000Z', units: [] }, session);

    expect((await getPick(db, 'PL-1'))?.status).toBe('completed');
    expect((await listOutbox(db)).map((entry) => entry.capture_id)).toEqual(['pick:PL-1']);
    expect(await countProducts(db)).toBe(0);
  });

  it('rethrows when the sale still does not fit', async () => {
    const db = await openDbWithCatalog();
    fault = failWritesWithQuotaError('orders', 'add');

    await expect(saveCompletedOrder(db, makeOrder('order-1'))).rejects.toMatchObject({ name: 'QuotaExceededError' });
    expect(await getOrder(db, 'order-1')).toBeUndefined();
    expect(await listOutbox(db)).toEqual([]);
  });

  it('rethrows at once when no catalog is cached', async () => {
    const db = await openTestDb();
    fault = failWritesWithQuotaError('orders', 'add');

    await expect(saveCompletedOrder(db, makeOrder('order-1'))).rejects.toMatchObject({ name: 'QuotaExceededError' });
    expect(fault.failures).toBe(1);
  });

  it('keeps the catalog on other errors', async () => {
    const db = await openDbWithCatalog();
    const failing = makeRoomForCapture(db, 'sale X', async () => {
      throw new DOMException('taken', 'ConstraintError');
    });

    await expect(failing).rejects.toMatchObject({ name: 'ConstraintError' });
    expect(await countProducts(db)).toBe(2);
  });
});
