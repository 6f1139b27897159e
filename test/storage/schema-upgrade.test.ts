import { openDB, type IDBPDatabase } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import { createPickSession } from '../../src/domain/picking-session.ts';
import { getOrder } from '../../src/storage/order-store.ts';
import { listOutbox } from '../../src/storage/outbox-store.ts';
import { applyOpenPickLists, saveCompletedPick } from '../../src/storage/pick-store.ts';
import { gtinCheckDigit } from '../../src/domain/gtin.ts';
import { PRODUCTS_PER_CHUNK } from '../../src/storage/catalog-chunk.ts';
import { applyCatalogPage, countProducts, findProductByCode } from '../../src/storage/product-store.ts';
import { DB_VERSION, openDeviceDb } from '../../src/storage/schema.ts';
import { makePickList } from '../domain/pick-deps.ts';
import { makeCart, makeOrder, uniqueDbName } from './test-db.ts';

// The version-1 layout as it shipped, written out here so that later changes to
// schema.ts cannot change what this test upgrades from.
function createVersion1Stores(v1: IDBPDatabase): void {
  const products = v1.createObjectStore('products', { keyPath: 'product_id' });
  products.createIndex('by-key', 'keys', { multiEntry: true });
  v1.createObjectStore('config', { keyPath: 'scope' });
  v1.createObjectStore('orders', { keyPath: 'order_id' });
  const outbox = v1.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
  outbox.createIndex('by-capture', 'capture_id', { unique: true });
  v1.createObjectStore('sync-state', { keyPath: 'name' });
  v1.createObjectStore('drafts', { keyPath: 'name' });
}

async function createVersion1Db(name: string): Promise<void> {
  const db = await openDB(name, 1, { upgrade: createVersion1Stores });

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

    expect(db.objectStoreNames.contains('catalog-chunks')).toBe(true);
    expect((await findProductByCode(db, '9506000010014'))?.product_id).toBe('1001');
    expect(await countProducts(db)).toBe(1);
    expect(await db.get('sync-state', 'catalog-cursor')).toMatchObject({ cursor: '42' });
    expect((await db.get('drafts', 'checkout'))?.session).toEqual(makeCart());
    db.close();
  });

  it('adds an empty picks store', async () => {
    const name = uniqueDbName();
    await createVersion1Db(name);

    const db = await openDeviceDb({ name });

    expect(db.version).toBe(DB_VERSION);
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

// The version-2 layout as it shipped: version 1 plus a picks store.
async function createVersion2Db(name: string, productCount: number): Promise<void> {
  const db = await openDB(name, 2, {
    upgrade(v2) {
      createVersion1Stores(v2);
      v2.createObjectStore('picks', { keyPath: 'pick_list_id' });
    },
  });
  const tx = db.transaction(['products', 'outbox'], 'readwrite');
  for (let index = 0; index < productCount; index += 1) {
    const ean = ean13(index);
    void tx.objectStore('products').put({
      product_id: `P${index}`,
      title: `Product ${index}`,
      serialized_inventory: index % 2 === 0,
      external_identifiers: [
        { type: 'ean13', value: ean },
        { type: 'sku', value: `SKU-${index}` },
      ],
      keys: [`0${ean}`, `SKU-${index}`],
    });
  }
  void tx.objectStore('outbox').add({
    capture_id: 'order-1',
    kind: 'order',
    payload: makeOrder('order-1'),
    created_at: '2026-12-04T10:00:00.000Z',
    attempts: 0,
  });
  await tx.done;
  db.close();
}

function ean13(index: number): string {
  const body = String(200_000_000_000 + index);
  return `${body}${gtinCheckDigit(body)}`;
}

describe('openDeviceDb upgrade from version 2', () => {
  // More than one read of the upgrade step, and a last chunk that is not full.
  const PRODUCT_COUNT = 2500;

  it('moves every cached product into chunks', async () => {
    const name = uniqueDbName();
    await createVersion2Db(name, PRODUCT_COUNT);

    const db = await openDeviceDb({ name });

    expect([...db.objectStoreNames]).not.toContain('products');
    expect(await countProducts(db)).toBe(PRODUCT_COUNT);
    expect(await db.count('catalog-chunks')).toBe(Math.ceil(PRODUCT_COUNT / PRODUCTS_PER_CHUNK));
    for (const index of [0, 1023, 1024, 2047, 2048, PRODUCT_COUNT - 1]) {
      expect((await findProductByCode(db, ean13(index)))?.title).toBe(`Product ${index}`);
      expect((await findProductByCode(db, `SKU-${index}`))?.product_id).toBe(`P${index}`);
      expect((await findProductByCode(db, `P${index}`))?.external_identifiers).toHaveLength(2);
    }
    db.close();
  });

  it('drops the old index keys', async () => {
    const name = uniqueDbName();
    await createVersion2Db(name, 3);

    const db = await openDeviceDb({ name });
    const product = await findProductByCode(db, 'P1');

    expect(product).toEqual({
      product_id: 'P1',
      title: 'Product 1',
      serialized_inventory: false,
      external_identifiers: [
        { type: 'ean13', value: ean13(1) },
        { type: 'sku', value: 'SKU-1' },
      ],
    });
    db.close();
  });

  it('reports the catalog move', async () => {
    const name = uniqueDbName();
    await createVersion2Db(name, 10);
    const onCatalogMove = vi.fn();

    const db = await openDeviceDb({ name, onCatalogMove });

    expect(onCatalogMove).toHaveBeenCalledTimes(1);
    db.close();
  });

  it('keeps pending outbox entries', async () => {
    const name = uniqueDbName();
    await createVersion2Db(name, 10);

    const db = await openDeviceDb({ name });

    expect((await listOutbox(db)).map((entry) => entry.capture_id)).toEqual(['order-1']);
    db.close();
  });

  it('applies catalog changes after the move', async () => {
    const name = uniqueDbName();
    await createVersion2Db(name, 40);
    const db = await openDeviceDb({ name });

    await applyCatalogPage(db, {
      items: [{ deleted: 'P3' }, { product: { product_id: 'P4', title: 'Renamed', serialized_inventory: true, external_identifiers: [] } }],
      next_cursor: '50',
    });

    expect(await findProductByCode(db, ean13(3))).toBeUndefined();
    expect(await findProductByCode(db, ean13(4))).toBeUndefined();
    expect((await findProductByCode(db, 'P4'))?.title).toBe('Renamed');
    expect(await countProducts(db)).toBe(39);
    db.close();
  });
});
