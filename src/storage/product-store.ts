// The cached catalog: products in chunks (see catalog-chunk.ts), the number of products,
// and the cursor of the last catalog page applied.

import { unwrap } from 'idb';
import { scanKeys } from '../domain/product-keys.ts';
import type { Product } from '../domain/types.ts';
import { isIndexedKey, lookupKeys, planChunkWrites } from './catalog-chunk.ts';
import { commitWrites } from './commit-writes.ts';
import type { CatalogChunkRecord, DeviceDb } from './schema.ts';

/** One entry of a catalog changes page: a product as it is now, or the id of a deleted one. */
export type CatalogChange = { product: Product } | { deleted: string };

/** A page of catalog changes as `GET /api/v1/catalog/changes` returns it. */
export interface CatalogPage {
  items: CatalogChange[];
  next_cursor: string;
}

/** Name of the sync-state record that contains the catalog cursor. */
const CURSOR_RECORD = 'catalog-cursor';
/** Name of the sync-state record that counts the cached products. */
const SIZE_RECORD = 'catalog-size';

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
  // The last change of each product wins. Keys are computed before the transaction
  // opens, so that a bad product fails the page before anything is written.
  const latest = new Map<string, Product | null>();
  const keys = new Map<Product, string[]>();
  for (const item of page.items) {
    if ('product' in item) {
      keys.set(item.product, lookupKeys(item.product));
      latest.set(item.product.product_id, item.product);
    } else {
      latest.set(item.deleted, null);
    }
  }

  // Relaxed durability: the catalog is a cache the server sends again, and the cursor is
  // in the same transaction, so a page lost to a power cut is simply downloaded again.
  const tx = db.transaction(['catalog-chunks', 'sync-state'], 'readwrite', { durability: 'relaxed' });
  const chunks = unwrap(tx.objectStore('catalog-chunks'));
  const syncState = tx.objectStore('sync-state');
  const [stored, size, last, holderKeys] = await Promise.all([
    syncState.get(CURSOR_RECORD),
    syncState.get(SIZE_RECORD),
    tx.objectStore('catalog-chunks').openCursor(null, 'prev'),
    // Raw requests, one promise for all: a page of 2000 products would make 2000 promises.
    readAll<IDBValidKey[]>([...latest.keys()].map((id) => chunks.index('by-key').getAllKeys(id))),
  ]);
  if (options.after !== undefined) {
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
  const holderSet = new Set(holderKeys.flat() as number[]);
  const holders = await readAll<CatalogChunkRecord>([...holderSet].map((key) => chunks.get(key)));
  const writes = planChunkWrites(latest, holders, last?.value, (product) => keys.get(product) ?? lookupKeys(product));
  const products = (size?.name === SIZE_RECORD ? size.products : 0) + writes.productDelta;

  await commitWrites(tx, () => {
    writes.deletes.forEach((key) => chunks.delete(key));
    writes.puts.forEach((chunk) => chunks.put(chunk));
    const state = unwrap(syncState);
    state.put({ name: SIZE_RECORD, products: Math.max(0, products) });
    state.put({ name: CURSOR_RECORD, cursor: page.next_cursor, updated_at: new Date().toISOString() });
  });
}

/**
 * Deletes the cached catalog and its cursor in one transaction, so that the next sync
 * downloads the whole catalog again. Used to free space when a capture does not fit.
 */
export async function clearCatalog(db: DeviceDb): Promise<void> {
  const tx = db.transaction(['catalog-chunks', 'sync-state'], 'readwrite');
  await Promise.all([
    tx.objectStore('catalog-chunks').clear(),
    tx.objectStore('sync-state').delete(CURSOR_RECORD),
    tx.objectStore('sync-state').delete(SIZE_RECORD),
    tx.done,
  ]);
}

/**
 * Finds the product for a scanned or typed `code`: an exact `product_id` first, then the
 * first candidate key of `scanKeys(code)`, in its order, that some product has.
 */
export async function findProductByCode(db: DeviceDb, code: string): Promise<Product | undefined> {
  if (code === '') {
    return undefined;
  }

  // Every candidate is requested at once: the requests of one transaction run in order
  // without a round trip to the page between them, which keeps a scan's lookup short.
  const keys = [code, ...scanKeys(code).filter((key) => key !== code && isIndexedKey(key))];
  const tx = db.transaction('catalog-chunks', 'readonly');
  const byKey = tx.store.index('by-key');
  const found = await Promise.all(keys.map((key) => byKey.getAll(key)));
  const byId = findInChunks(found[0]!, (product) => product.product_id === code);
  if (byId !== undefined) {
    return byId;
  }
  for (const [index, key] of keys.entries()) {
    const product = findInChunks(found[index]!, (candidate) => lookupKeys(candidate).includes(key));
    if (product !== undefined) {
      return product;
    }
  }
  return undefined;
}

/** Reads the cached products with the given ids, in one transaction. Ids not cached are left out. */
export async function getProductsById(db: DeviceDb, ids: readonly string[]): Promise<Map<string, Product>> {
  const tx = db.transaction('catalog-chunks', 'readonly');
  const byKey = tx.store.index('by-key');
  const found = await Promise.all(ids.map((id) => byKey.getAll(id)));
  const products = new Map<string, Product>();
  ids.forEach((id, index) => {
    const product = findInChunks(found[index]!, (candidate) => candidate.product_id === id);
    if (product !== undefined) products.set(id, product);
  });
  return products;
}

// A chunk found by a key also contains other products, so the match is searched inside it.
function findInChunks(chunks: CatalogChunkRecord[], matches: (product: Product) => boolean): Product | undefined {
  for (const chunk of chunks) {
    const product = chunk.products.find(matches);
    if (product !== undefined) return product;
  }
  return undefined;
}

/** Counts the cached products. */
export async function countProducts(db: DeviceDb): Promise<number> {
  const size = await db.get('sync-state', SIZE_RECORD);
  return size?.name === SIZE_RECORD ? size.products : 0;
}

/** Waits for `requests` with one promise, and resolves with their results in order. */
function readAll<T>(requests: IDBRequest<T>[]): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const results: T[] = new Array(requests.length);
    let left = requests.length;
    if (left === 0) resolve(results);
    requests.forEach((request, index) => {
      request.onsuccess = () => {
        results[index] = request.result;
        left -= 1;
        if (left === 0) resolve(results);
      };
      request.onerror = () => reject(request.error);
    });
  });
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
