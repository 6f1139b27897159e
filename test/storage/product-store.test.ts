import { describe, expect, it } from 'vitest';
import demoCatalog from '../fixtures/catalog/demo-products.json' with { type: 'json' };
import type { Product } from '../../src/domain/types.ts';
import { applyCatalogPage, clearCatalog, countProducts, findProductByCode } from '../../src/storage/product-store.ts';
import type { DeviceDb } from '../../src/storage/schema.ts';
import { getCatalogCursor } from '../../src/storage/sync-state-store.ts';
import { makeProduct, openTestDb } from './test-db.ts';

const demoProducts = demoCatalog.items as Product[];

async function openDemoDb(): Promise<DeviceDb> {
  const db = await openTestDb();
  await applyCatalogPage(db, { items: demoProducts.map((product) => ({ product })), next_cursor: '32' });
  return db;
}

describe('findProductByCode', () => {
  const cases: Array<[string, string, string]> = [
    ['product_id', '1001', '1001'],
    ['SKU', 'LAP-1002', '1002'],
    ['EAN-13', '9506000010045', '1004'],
    ['UPC-A as listed', '614141020034', '1003'],
    ['UPC-A scanned as 13 digits', '0614141020034', '1003'],
    ['UPC-A as GTIN-14', '00614141020034', '1003'],
    ['UPC-E as listed', '04252614', '1099'],
    ['GTIN-14 as listed', '09506000134352', '1100'],
    ['GTIN-14 scanned as EAN-13', '9506000134352', '1100'],
  ];

  for (const [kind, code, productId] of cases) {
    it(`finds by ${kind}`, async () => {
      const db = await openDemoDb();

      const product = await findProductByCode(db, code);

      expect(product?.product_id).toBe(productId);
      db.close();
    });
  }

  it('finds a UPC-A product by its UPC-E', async () => {
    const db = await openTestDb();
    const upcA = makeProduct('2001', [['upca', '042100005264']]);
    await applyCatalogPage(db, { items: [{ product: upcA }], next_cursor: '1' });

    expect((await findProductByCode(db, '04252614'))?.product_id).toBe('2001');
    expect((await findProductByCode(db, '425261'))?.product_id).toBe('2001');
    db.close();
  });

  it('finds a UPC-E product by its UPC-A', async () => {
    const db = await openTestDb();
    const upcE = makeProduct('2002', [['upce', '04252614']]);
    await applyCatalogPage(db, { items: [{ product: upcE }], next_cursor: '1' });

    expect((await findProductByCode(db, '042100005264'))?.product_id).toBe('2002');
    db.close();
  });

  it('prefers an exact product_id', async () => {
    const db = await openTestDb();
    const byIdentifier = makeProduct('3001', [['sku', '3002']]);
    const byId = makeProduct('3002', []);
    await applyCatalogPage(db, { items: [{ product: byIdentifier }, { product: byId }], next_cursor: '2' });

    expect((await findProductByCode(db, '3002'))?.product_id).toBe('3002');
    db.close();
  });

  it('returns the product without keys', async () => {
    const db = await openDemoDb();

    const product = await findProductByCode(db, 'LAP-1001');

    expect(product).toEqual(demoProducts[0]);
    expect(product).not.toHaveProperty('keys');
    db.close();
  });

  it('returns undefined for an unknown code', async () => {
    const db = await openDemoDb();

    expect(await findProductByCode(db, 'C02XK1ABCD1234')).toBeUndefined();
    expect(await findProductByCode(db, '')).toBeUndefined();
    db.close();
  });
});

describe('applyCatalogPage', () => {
  it('applies updates and deletions with the cursor', async () => {
    const db = await openDemoDb();
    const renamed = { ...demoProducts[1]!, title: 'Renamed laptop' };

    await applyCatalogPage(db, { items: [{ deleted: '1001' }, { product: renamed }], next_cursor: '34' });

    expect(await findProductByCode(db, '1001')).toBeUndefined();
    expect(await findProductByCode(db, 'LAP-1001')).toBeUndefined();
    expect((await findProductByCode(db, '1002'))?.title).toBe('Renamed laptop');
    expect(await countProducts(db)).toBe(demoProducts.length - 1);
    expect(await getCatalogCursor(db)).toBe('34');
    db.close();
  });

  it('drops keys of an identifier that moved', async () => {
    const db = await openTestDb();
    const before = makeProduct('4001', [['ean13', '9506000010014']]);
    const after = makeProduct('4001', [['sku', 'NEW-4001']]);
    await applyCatalogPage(db, { items: [{ product: before }], next_cursor: '1' });

    await applyCatalogPage(db, { items: [{ product: after }], next_cursor: '2' });

    expect(await findProductByCode(db, '9506000010014')).toBeUndefined();
    expect((await findProductByCode(db, 'NEW-4001'))?.product_id).toBe('4001');
    db.close();
  });

  it('stores nothing when a write fails', async () => {
    const db = await openTestDb();
    const unstorable = { ...makeProduct('5002', []), title: () => 'not storable' } as unknown as Product;

    const apply = applyCatalogPage(db, {
      items: [{ product: makeProduct('5001', []) }, { product: unstorable }],
      next_cursor: '2',
    });

    await expect(apply).rejects.toMatchObject({ name: 'DataCloneError' });
    expect(await countProducts(db)).toBe(0);
    expect(await getCatalogCursor(db)).toBeUndefined();
    db.close();
  });

  it('stores nothing when the cursor moved since the request', async () => {
    const db = await openDemoDb();
    await clearCatalog(db);
    const page = { items: [{ product: makeProduct('9001', [['sku', 'LATE-1']]) }], next_cursor: '33' };

    await expect(applyCatalogPage(db, page, { after: '32' })).rejects.toMatchObject({ name: 'CatalogCursorMovedError' });

    expect(await countProducts(db)).toBe(0);
    expect(await getCatalogCursor(db)).toBeUndefined();
    db.close();
  });

  it('applies a page requested after the stored cursor', async () => {
    const db = await openDemoDb();
    const page = { items: [{ product: makeProduct('9001', [['sku', 'LATE-1']]) }], next_cursor: '33' };

    await applyCatalogPage(db, page, { after: '32' });

    expect(await getCatalogCursor(db)).toBe('33');
    db.close();
  });

  it('rejects an item of neither shape', async () => {
    const db = await openTestDb();
    const page = { items: [{ product: makeProduct('6001', []) }, { removed: '6002' }], next_cursor: '2' };

    const apply = applyCatalogPage(db, page as never);

    await expect(apply).rejects.toThrow(/item 1 .*expected \{ product \} or \{ deleted \}/);
    expect(await countProducts(db)).toBe(0);
    db.close();
  });
});
