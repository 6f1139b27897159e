// The cached catalog: products with their lookup keys, and the cursor of the last catalog
// page applied.

import { unwrap } from 'idb';
import { toGtin14 } from '../domain/gtin.ts';
import { identifierKeys, scanKeys } from '../domain/product-keys.ts';
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

const GTIN14_LENGTH = 14;

/** Name of the sync-state record that contains the catalog cursor. */
const CURSOR_RECORD = 'catalog-cursor';

/**
 * Thrown by `applyCatalogPage` when the stored cursor is no longer the one the page was
 * requested after, such as when the catalog was cleared to make room for a capture while
 * the download ran. Nothing of the page is stored; the download starts again from the
 * stored cursor.
 */
export class CatalogCursorMovedError extends Error {
  override name = 'CatalogCursorMovedError';
}

/**
 * Applies one page of catalog changes, in page order, and stores `next_cursor` in the same
 * transaction. So an interrupted download keeps every whole page and resumes after the
 * last one. Throws a TypeError, before writing anything, when an item is neither shape.
 * With `options.after`, the cursor the page was requested after (`''` for the start),
 * throws a CatalogCursorMovedError and stores nothing when the stored cursor differs.
 */
export async function applyCatalogPage(db: DeviceDb, page: CatalogPage, options: { after?: string } = {}): Promise<void> {
  validateCatalogPage(page);
  // Keys are computed before the transaction opens, so that a bad product fails the page
  // before anything is written.
  const changes = page.items.map((item) => ('product' in item ? toProductRecord(item.product) : item.deleted));

  // Relaxed durability: the catalog is a cache the server sends again, and the cursor is
  // in the same transaction, so a page lost to a power cut is simply downloaded again.
  const tx = db.transaction(['products', 'sync-state'], 'readwrite', { durability: 'relaxed' });
  // Raw requests, not idb's promise per request: a 5000-product page would make 5000
  // promises. A failed request aborts the transaction, and tx.done rejects with its error.
  const products = unwrap(tx.objectStore('products'));
  if (options.after !== undefined) {
    const stored = await tx.objectStore('sync-state').get(CURSOR_RECORD);
    const storedCursor = stored?.name === CURSOR_RECORD ? stored.cursor : '';
    if (storedCursor !== options.after) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new CatalogCursorMovedError(
        `The stored catalog cursor is ${JSON.stringify(storedCursor)}, not ${JSON.stringify(options.after)} as when this page was requested. ` +
          'Nothing of this page was stored; download again from the stored cursor.',
      );
    }
  }
  await commitWrites(tx, () => {
    for (const change of changes) {
      if (typeof change === 'string') {
        products.delete(change);
      } else {
        products.put(change);
      }
    }
    unwrap(tx.objectStore('sync-state')).put({
      name: CURSOR_RECORD,
      cursor: page.next_cursor,
      updated_at: new Date().toISOString(),
    });
  });
}

/**
 * Deletes the cached catalog and its cursor in one transaction, so that the next sync
 * downloads the whole catalog again. Used to free space when a capture does not fit.
 */
export async function clearCatalog(db: DeviceDb): Promise<void> {
  const tx = db.transaction(['products', 'sync-state'], 'readwrite');
  await Promise.all([tx.objectStore('products').clear(), tx.objectStore('sync-state').delete(CURSOR_RECORD), tx.done]);
}

/**
 * Finds the product for a scanned or typed `code`: an exact `product_id` first, then the
 * first candidate key of `scanKeys(code)`, in its order, that some product has. Returns the product without its keys.
 */
export async function findProductByCode(db: DeviceDb, code: string): Promise<Product | undefined> {
  if (code === '') {
    return undefined;
  }

  // Every candidate is requested at once: the requests of one transaction run in order
  // without a round trip to the page between them, which keeps a scan's lookup short.
  const tx = db.transaction('products', 'readonly');
  const byKey = tx.store.index('by-key');
  const keys = scanKeys(code).filter(isIndexedKey);
  const [byId, ...byKeys] = await Promise.all([tx.store.get(code), ...keys.map((key) => byKey.get(key))]);
  const record = byId ?? byKeys.find((candidate) => candidate !== undefined);
  return record === undefined ? undefined : toProduct(record);
}

/** Counts the cached products. */
export async function countProducts(db: DeviceDb): Promise<number> {
  return db.count('products');
}

/**
 * Builds the stored record of `product`. Its `keys` are as few as still find the product,
 * because each key is one more index entry to write for every product of a page. So
 * `product_id` is left out, as the store's own key finds it. A GTIN is kept in its
 * 14-digit form only, which `scanKeys` includes for that GTIN scanned at any length.
 */
export function toProductRecord(product: Product): ProductRecord {
  return { ...product, keys: identifierKeys(product).filter(isIndexedKey) };
}

// Lookups skip the same keys. Records stored before this rule also have the shorter GTIN
// forms, but with their 14-digit form beside them, so they are still found.
function isIndexedKey(key: string): boolean {
  return key.length === GTIN14_LENGTH || toGtin14(key) === undefined;
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
