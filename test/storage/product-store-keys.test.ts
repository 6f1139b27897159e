import { describe, expect, it } from 'vitest';
import { lookupKeys } from '../../src/storage/catalog-chunk.ts';
import { applyCatalogPage, clearCatalog, countProducts, findProductByCode } from '../../src/storage/product-store.ts';
import { getCatalogCursor } from '../../src/storage/sync-state-store.ts';
import { makeProduct, openTestDb } from './test-db.ts';

describe('lookupKeys', () => {
  it('indexes the product id, and a GTIN in its 14-digit form only', () => {
    const keys = lookupKeys(makeProduct('1001', [['ean13', '9506000010014'], ['sku', 'LAP-1001']]));

    expect(keys).toEqual(['1001', '09506000010014', 'LAP-1001']);
  });

  it('keeps a 14-digit value that is no GTIN', () => {
    const keys = lookupKeys(makeProduct('1002', [['sku', '12345678901234']]));

    expect(keys).toEqual(['1002', '12345678901234']);
  });

  it('lists a product id that is also an identifier once', () => {
    expect(lookupKeys(makeProduct('LAP-1001', [['sku', 'LAP-1001']]))).toEqual(['LAP-1001']);
  });
});

describe('findProductByCode with 14-digit keys', () => {
  it.each([
    ['EAN-13', '9506000010014'],
    ['GTIN-14', '09506000010014'],
  ])('finds a product by its %s', async (_kind, code) => {
    const db = await openTestDb();
    await applyCatalogPage(db, { items: [{ product: makeProduct('1001', [['ean13', '9506000010014']]) }], next_cursor: '1' });

    expect((await findProductByCode(db, code))?.product_id).toBe('1001');
  });

  it('finds a UPC-A product by its 12 and 13 digit forms', async () => {
    const db = await openTestDb();
    await applyCatalogPage(db, { items: [{ product: makeProduct('1003', [['upca', '614141020034']]) }], next_cursor: '1' });

    expect((await findProductByCode(db, '614141020034'))?.product_id).toBe('1003');
    expect((await findProductByCode(db, '0614141020034'))?.product_id).toBe('1003');
  });
});

describe('clearCatalog', () => {
  it('removes the products and the cursor', async () => {
    const db = await openTestDb();
    await applyCatalogPage(db, { items: [{ product: makeProduct('1001', [['ean13', '9506000010014']]) }], next_cursor: '7' });

    await clearCatalog(db);

    expect(await countProducts(db)).toBe(0);
    expect(await getCatalogCursor(db)).toBeUndefined();
  });
});
