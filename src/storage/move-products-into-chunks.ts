// The version 3 upgrade step for a catalog cached by versions 1 and 2: one record per
// product in the `products` store becomes chunks of products. It runs in the upgrade
// transaction, so an app updated while offline still finds every cached product.

import type { Product } from '../domain/types.ts';
import { buildChunk, PRODUCTS_PER_CHUNK } from './catalog-chunk.ts';

/** Products read per request; a multiple of PRODUCTS_PER_CHUNK, so that only the last chunk is short. */
const PRODUCTS_PER_READ = PRODUCTS_PER_CHUNK * 32;

/**
 * Moves every record of the old `products` store into `catalog-chunks`, counts them into
 * the `catalog-size` record, then deletes the old store. Requests chain from one to the
 * next, so the upgrade transaction stays open until the move is done. A failure aborts
 * the upgrade and leaves the database at its old version.
 */
export function moveProductsIntoChunks(tx: IDBTransaction): void {
  const products = tx.objectStore('products');
  const chunks = tx.objectStore('catalog-chunks');
  let moved = 0;

  const readAfter = (lastKey: IDBValidKey | undefined): void => {
    const range = lastKey === undefined ? null : IDBKeyRange.lowerBound(lastKey, true);
    const request = products.getAll(range, PRODUCTS_PER_READ);
    request.onsuccess = () => {
      const records = request.result as (Product & { keys?: unknown })[];
      for (let start = 0; start < records.length; start += PRODUCTS_PER_CHUNK) {
        chunks.put(buildChunk(records.slice(start, start + PRODUCTS_PER_CHUNK).map(withoutKeys)));
      }
      moved += records.length;
      if (records.length === PRODUCTS_PER_READ) {
        readAfter(records.at(-1)!.product_id);
        return;
      }
      tx.objectStore('sync-state').put({ name: 'catalog-size', products: moved });
      tx.db.deleteObjectStore('products');
    };
  };
  readAfter(undefined);
}

// Version 1 and 2 records carry their index keys, which chunks keep at the chunk level.
function withoutKeys(record: Product & { keys?: unknown }): Product {
  const { keys: _keys, ...product } = record;
  return product;
}
