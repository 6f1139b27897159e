import { describe, expect, it } from 'vitest';
import {
  findProductByCode,
  identifierKeys,
  isOwnCode,
  productKeys,
  scanKeys,
} from '../../src/domain/product-keys.ts';
import type { Product } from '../../src/domain/types.ts';
import { demoProduct, loadDemoProducts } from './demo-data.ts';

describe('productKeys', () => {
  it('lists id, values and GTIN-14', () => {
    expect(productKeys(demoProduct('1003'))).toEqual(['1003', 'PHN-1003', '614141020034', '00614141020034']);
  });

  it('adds the UPC-A of a UPC-E', () => {
    expect(productKeys(demoProduct('1099'))).toEqual([
      '1099',
      'ACC-1099',
      '042100005264',
      '00042100005264',
      '04252614',
    ]);
  });

  it('expands UPC-E only when typed upce', () => {
    const product: Product = {
      product_id: 'P8',
      serialized_inventory: false,
      external_identifiers: [{ type: 'sku', value: '04252614' }],
    };
    expect(productKeys(product)).toEqual(['P8', '04252614']);
  });

  it('deduplicates equal GTINs', () => {
    const product: Product = {
      product_id: 'P1',
      serialized_inventory: false,
      external_identifiers: [
        { type: 'upca', value: '614141020034' },
        { type: 'ean13', value: '0614141020034' },
        { type: 'gtin14', value: '00614141020034' },
      ],
    };
    expect(productKeys(product)).toEqual(['P1', '614141020034', '00614141020034', '0614141020034']);
  });

  it('skips empty identifier values', () => {
    const product: Product = {
      product_id: 'P2',
      serialized_inventory: false,
      external_identifiers: [{ type: 'sku', value: '' }],
    };
    expect(productKeys(product)).toEqual(['P2']);
  });

  it('keeps a GTIN-14 already in that form', () => {
    expect(productKeys(demoProduct('1100'))).toEqual(['1100', 'PHN-1100', '09506000134352']);
  });
});

describe('identifierKeys', () => {
  it('leaves out product_id', () => {
    expect(identifierKeys(demoProduct('1001'))).toEqual(['LAP-1001', '9506000010014', '09506000010014']);
  });

  it('gives no two demo products a shared key', () => {
    const owners = new Map<string, string>();
    for (const product of loadDemoProducts()) {
      for (const key of identifierKeys(product)) {
        expect(owners.get(key), key).toBeUndefined();
        owners.set(key, product.product_id);
      }
    }
  });
});

describe('scanKeys', () => {
  it('adds GTIN-14 of a 13-digit UPC-A', () => {
    expect(scanKeys('0614141020034')).toEqual(['0614141020034', '00614141020034']);
  });

  it('adds the UPC-A of a UPC-E', () => {
    expect(scanKeys('04252614')).toEqual(['04252614', '00042100005264']);
  });

  it('adds the UPC-A of 6-digit UPC-E', () => {
    expect(scanKeys('425261')).toEqual(['425261', '00042100005264']);
  });

  it('keeps a SKU as given', () => {
    expect(scanKeys('LAP-1001')).toEqual(['LAP-1001']);
  });

  it('adds nothing for a bad check digit', () => {
    expect(scanKeys('0614141020035')).toEqual(['0614141020035']);
  });

  it('returns nothing for empty text', () => {
    expect(scanKeys('')).toEqual([]);
  });
});

describe('findProductByCode', () => {
  const products = loadDemoProducts();

  it('finds UPC-A by its 13-digit form', () => {
    expect(findProductByCode(products, '0614141020034')?.product_id).toBe('1003');
  });

  it('finds UPC-A by its GTIN-14', () => {
    expect(findProductByCode(products, '00614141020034')?.product_id).toBe('1003');
  });

  it('finds EAN-13 by GTIN-14', () => {
    expect(findProductByCode(products, '09506000010045')?.product_id).toBe('1004');
  });

  it('finds GTIN-14 by EAN-13 form', () => {
    expect(findProductByCode(products, '9506000134352')?.product_id).toBe('1100');
  });

  it('finds by SKU', () => {
    expect(findProductByCode(products, 'PHN-1004')?.product_id).toBe('1004');
  });

  it('finds by product_id', () => {
    expect(findProductByCode(products, '1017')?.product_id).toBe('1017');
  });

  it('finds UPC-E listed only as UPC-A', () => {
    const upcAOnly: Product = {
      product_id: 'A1',
      serialized_inventory: false,
      external_identifiers: [{ type: 'upca', value: '042100005264' }],
    };
    expect(findProductByCode([upcAOnly], '04252614')?.product_id).toBe('A1');
  });

  it('finds UPC-A listed only as UPC-E', () => {
    const upcEOnly: Product = {
      product_id: 'E1',
      serialized_inventory: false,
      external_identifiers: [{ type: 'upce', value: '04252614' }],
    };
    expect(findProductByCode([upcEOnly], '042100005264')?.product_id).toBe('E1');
  });

  it('prefers an exact product_id', () => {
    const byIdentifier: Product = {
      product_id: 'X1',
      serialized_inventory: false,
      external_identifiers: [{ type: 'sku', value: 'X2' }],
    };
    const byId: Product = { product_id: 'X2', serialized_inventory: false, external_identifiers: [] };
    expect(findProductByCode([byIdentifier, byId], 'X2')?.product_id).toBe('X2');
  });

  it('returns undefined for an unknown code', () => {
    expect(findProductByCode(products, 'ABC')).toBeUndefined();
  });

  it('returns undefined for a wrong check digit', () => {
    expect(findProductByCode(products, '0614141020035')).toBeUndefined();
  });

  it('ignores case', () => {
    expect(findProductByCode(products, 'phn-1004')).toBeUndefined();
  });
});

describe('isOwnCode', () => {
  const phone = demoProduct('1003');

  it('matches product_id', () => {
    expect(isOwnCode(phone, '1003')).toBe(true);
  });

  it('matches SKU', () => {
    expect(isOwnCode(phone, 'PHN-1003')).toBe(true);
  });

  it('matches the same GTIN in another length', () => {
    expect(isOwnCode(phone, '0614141020034')).toBe(true);
  });

  it('matches UPC-E of its UPC-A', () => {
    expect(isOwnCode(demoProduct('1099'), '425261')).toBe(true);
  });

  it('rejects another product barcode', () => {
    expect(isOwnCode(phone, '9506000010045')).toBe(false);
  });

  it('rejects a serial', () => {
    expect(isOwnCode(phone, 'C02XK1ABCD1234')).toBe(false);
  });

  it('rejects empty text', () => {
    expect(isOwnCode(phone, '')).toBe(false);
  });
});
