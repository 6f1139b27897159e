import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { createPickSession } from '../../src/domain/picking-session.ts';
import { getOrder } from '../../src/storage/order-store.ts';
import { listOutbox } from '../../src/storage/outbox-store.ts';
import { applyOpenPickLists, saveCompletedPick } from '../../src/storage/pick-store.ts';
import { openDeviceDb } from '../../src/storage/schema.ts';
import { makePickList } from '../domain/pick-deps.ts';
import { makeCart, makeOrder, uniqueDbName } from './test-db.ts';

// The version-1 layout as it shipped, written out here so that later changes to
// schema.ts cannot change what this test upgrades from.
async function createVersion1Db(name: string): Promise<void> {
  const db = await openDB(name, 1, {
    upgrade(v1) {
      const products = v1.createObjectStore('products', { keyPath: 'product_id' });
      products.createIndex('by-key', 'keys', { multiEntry: true });
      v1.createObjectStore('config', { keyPath: 'scope' });
      v1.createObjectStore('orders', { keyPath: 'order_id' });
      const outbox = v1.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      outbox.createIndex('by-capture', 'capture_id', { unique: true });
      v1.createObjectStore('sync-state', { keyPath: 'name' });
      v1.createObjectStore('drafts', { keyPath: 'name' });
    },
  });

  const tx = db.transaction(['products', 'orders', 'outbox', 'sync-state', 'drafts'], 'readwrite');
  for (const id of ['order-1', 'order-2']) {
    const order = makeOrder(id, `SERIAL${id.slice(-1)}ABCDEFGH`);
    void tx.objectStore('orders').put({ order_id: id, order, status: 'pending', saved_at: '2026-12-04T10:00:00.000Z' });
    void tx.objectStore('outbox').add({
      capture_id: id,
      kind: 'order',
      payload: order,
      created_at: '2026-12-04T10:00:00.000Z',
      attempts: 2,
      last_error: 'POST /api/v1/orders failed: fetch failed. Check the network connection.',
    });
  }
  void tx.objectStore('products').put({
    product_id: '1001',
    serialized_inventory: true,
    external_identifiers: [{ type: 'ean13', value: '9506000010014' }],
    keys: ['1001', '9506000010014', '09506000010014'],
  });
  void tx.objectStore('sync-state').put({ name: 'catalog-cursor', cursor: '42', updated_at: '2026-12-04T09:00:00.000Z' });
  void tx.objectStore('drafts').put({ name: 'checkout', session: makeCart(), updated_at: '2026-12-04T10:05:00.000Z' });
  await tx.done;
  db.close();
}

describe('openDeviceDb upgrade from version 1', () => {
  it('keeps pending outbox entries', async () => {
    const name = uniqueDbName();
    await createVersion1Db(name);

    const db = await openDeviceDb({ name });
    const outbox = await listOutbox(db);

    expect(outbox.map((entry) => entry.capture_id)).toEqual(['order-1', 'order-2']);
    expect(outbox[0]?.kind).toBe('order');
    expect(outbox[0]?.payload).toEqual(makeOrder('order-1', 'SERIAL1ABCDEFGH'));
    expect(outbox[1]?.attempts).toBe(2);
    db.close();
  });

  it('keeps pending orders', async () => {
    const name = uniqueDbName();
    await createVersion1Db(name);

    const db = await openDeviceDb({ name });

    expect((await getOrder(db, 'order-2'))?.status).toBe('pending');
    expect((await getOrder(db, 'order-2'))?.order).toEqual(makeOrder('order-2', 'SERIAL2ABCDEFGH'));
    db.close();
  });

  it('keeps catalog, cursor and cart', async () => {
    const name = uniqueDbName();
    await createVersion1Db(name);

    const db = await openDeviceDb({ name });

    expect(await db.count('products')).toBe(1);
    expect(await db.get('sync-state', 'catalog-cursor')).toMatchObject({ cursor: '42' });
    expect((await db.get('drafts', 'checkout'))?.session).toEqual(makeCart());
    db.close();
  });

  it('adds an empty picks store', async () => {
    const name = uniqueDbName();
    await createVersion1Db(name);

    const db = await openDeviceDb({ name });

    expect(db.version).toBe(2);
    expect(db.objectStoreNames.contains('picks')).toBe(true);
    expect(await db.count('picks')).toBe(0);
    db.close();
  });

  it('queues a pick after the old orders', async () => {
    const name = uniqueDbName();
    await createVersion1Db(name);
    const db = await openDeviceDb({ name });
    const list = makePickList('PL-0001', [['L1', '1017', 1]]);
    await applyOpenPickLists(db, [list]);
    const session = {
      ...createPickSession(list),
      units: [{ unit_id: 'U1', line_id: 'L1', product_id: '1017', title: 'T-Shirt', serialized: false }],
    };

    const completion = { pick_list_id: 'PL-0001', completed_at: '2026-12-04T11:00:00.000Z', units: [{ line_id: 'L1', product_id: '1017' }] };
    await saveCompletedPick(db, completion, session);

    const kinds = (await listOutbox(db)).map((entry) => entry.kind);
    expect(kinds).toEqual(['order', 'order', 'pick_completion']);
    db.close();
  });
});
