// The cached catalog: products with their lookup keys, and the cursor of the last catalog
// page applied.

import { productKeys, scanKeys } from '../domain/product-keys.ts';
import type { Product } from '../domain/types.ts';
import { commitWrites } from './commit-writes.ts';
import type { DeviceDb, ProductRecord } from './schema.ts';

/** One entry of a catalog changes page: a product as it is now, or the id of a deleted one. */
export type CatalogChange = { product: Product } | { deleted: string };

/** A page of catalog changes as `GET /api/v1/catalog/changes` returns it. */
export interface CatalogPage {
  items: CatalogChange[];
  next_cursor: string;
}

/**
 * Applies one page of catalog changes, in page order, and stores `next_cursor` in the same
 * transaction. So an interrupted download keeps every whole page and resumes after the
 * last one. Throws a TypeError, before writing anything, when an item is neither shape.
 */
export async function applyCatalogPage(db: DeviceDb, page: CatalogPage): Promise<void> {
  validateCatalogPage(page);
  // Keys are computed before the transaction opens, so that a bad product fails the page
  // before anything is written.
  const changes = page.items.map((item) => ('product' in item ? toProductRecord(item.product) : item.deleted));

  const tx = db.transaction(['products', 'sync-state'], 'readwrite');
  await commitWrites(tx, (writes) => {
    const products = tx.objectStore('products');
    for (const change of changes) {
      writes.push(typeof change === 'string' ? products.delete(change) : products.put(change));
    }
    writes.push(
      tx.objectStore('sync-state').put({
        name: 'catalog-cursor',
        cursor: page.next_cursor,
        updated_at: new Date().toISOString(),
      }),
    );
  });
}

/**
 * Finds the product for a scanned or typed `code`: an exact `product_id` first, then each
 * candidate key of `scanKeys(code)` in its order. Returns the product without its keys.
 */
export async function findProductByCode(db: DeviceDb, code: string): Promise<Product | undefined> {
  if (code === '') {
    return undefined;
  }

  const tx = db.transaction('products', 'readonly');
  const byId = await tx.store.get(code);
  if (byId !== undefined) {
    return toProduct(byId);
  }

  const byKey = tx.store.index('by-key');
  for (const key of scanKeys(code)) {
    const record = await byKey.get(key);
    if (record !== undefined) {
      return toProduct(record);
    }
  }
  return undefined;
}

/** Counts the cached products. */
export async function countProducts(db: DeviceDb): Promise<number> {
  return db.count('products');
}

function toProductRecord(product: Product): ProductRecord {
  return { ...product, keys: productKeys(product) };
}

function toProduct(record: ProductRecord): Product {
  const { keys: _keys, ...product } = record;
  return product;
}

function validateCatalogPage(page: CatalogPage): void {
  if (typeof page.next_cursor !== 'string') {
    throw new TypeError(
      `Catalog page has next_cursor ${JSON.stringify(page.next_cursor)}, expected a string. ` +
        'Nothing of this page was stored; fetch the page again.',
    );
  }
  page.items.forEach((item, index) => {
    const isProduct =
      'product' in item &&
      typeof item.product?.product_id === 'string' &&
      Array.isArray(item.product.external_identifiers);
    const isDeletion = 'deleted' in item && typeof item.deleted === 'string';
    if (!isProduct && !isDeletion) {
      throw new TypeError(
        `Catalog page item ${index} is ${JSON.stringify(item)}, expected { product } or { deleted }. ` +
          'Nothing of this page was stored; check the server reply.',
      );
    }
  });
}
