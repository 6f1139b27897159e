// Layout of the cached catalog: chunks of up to PRODUCTS_PER_CHUNK products, each chunk
// one IndexedDB record, with a multi-entry index over the keys of its products. Measured
// in Chromium, the paged download into chunks is faster than putting one indexed record
// per product in a single transaction (see BENCHMARKS.md). Pure functions only;
// product-store.ts reads and writes the chunks.

import { toGtin14 } from '../domain/gtin.ts';
import { identifierKeys } from '../domain/product-keys.ts';
import type { Product } from '../domain/types.ts';
import type { CatalogChunkRecord } from './schema.ts';

/**
 * Products per chunk. A lookup reads one whole chunk, so a larger chunk makes lookups
 * slower; 16, 32 and 64 loaded at about the same rate in Chromium.
 */
export const PRODUCTS_PER_CHUNK = 32;

const GTIN14_LENGTH = 14;

/**
 * Lists the keys that find `product` in the index: its `product_id` and its identifier
 * keys. A GTIN is kept in its 14-digit form only, because `scanKeys` includes that form
 * for the GTIN scanned at any length, and each key is one more index entry to write.
 */
export function lookupKeys(product: Product): string[] {
  const keys = identifierKeys(product).filter(isIndexedKey);
  return product.product_id === '' || keys.includes(product.product_id) ? keys : [product.product_id, ...keys];
}

/** Tells whether the index contains `key`: any key but a GTIN shorter than 14 digits. */
export function isIndexedKey(key: string): boolean {
  return key.length === GTIN14_LENGTH || toGtin14(key) === undefined;
}

/**
 * Builds the record of a chunk of `products`, with the keys of all of them. `keysOf` can
 * return keys already computed, as a catalog page computes them to check its products.
 */
export function buildChunk(products: Product[], chunk?: number, keysOf: (product: Product) => string[] = lookupKeys): CatalogChunkRecord {
  const keys = products.flatMap((product) => keysOf(product));
  return chunk === undefined ? { products, keys } : { chunk, products, keys };
}

/** The changes of one catalog page, as `planChunkWrites` turns them into writes. */
export interface ChunkWrites {
  /** Chunks to write: changed ones with their key, new ones without. */
  puts: CatalogChunkRecord[];
  /** Keys of chunks left empty. */
  deletes: number[];
  /** Change in the number of cached products. */
  productDelta: number;
}

/**
 * Plans the writes that apply `latest`, the last change of each product on a page: the
 * product as it is now, or null for a deleted one. `holders` are the stored chunks whose
 * keys include any of those product ids, and `last` the stored chunk with the highest
 * key. Each product leaves its old chunk. Then the products fill the last chunk up to
 * PRODUCTS_PER_CHUNK, so that small pages of changes do not leave many small chunks. The
 * rest go into new chunks.
 */
export function planChunkWrites(
  latest: ReadonlyMap<string, Product | null>,
  holders: readonly CatalogChunkRecord[],
  last?: CatalogChunkRecord,
  keysOf: (product: Product) => string[] = lookupKeys,
): ChunkWrites {
  const writes: ChunkWrites = { puts: [], deletes: [], productDelta: 0 };
  const changed = new Map<number, Product[]>();
  for (const holder of holders) {
    const remaining = holder.products.filter((product) => !latest.has(product.product_id));
    // A holder can match by another product's identifier alone, and then stays as it is.
    if (remaining.length < holder.products.length) {
      writes.productDelta -= holder.products.length - remaining.length;
      changed.set(holder.chunk!, remaining);
    }
  }

  const incoming = [...latest.values()].filter((product): product is Product => product !== null);
  writes.productDelta += incoming.length;

  let placed = 0;
  if (last?.chunk !== undefined) {
    const lastProducts = changed.get(last.chunk) ?? last.products;
    placed = Math.max(0, PRODUCTS_PER_CHUNK - lastProducts.length);
    if (placed > 0 && incoming.length > 0) {
      changed.set(last.chunk, [...lastProducts, ...incoming.slice(0, placed)]);
    }
  }

  for (const [key, products] of changed) {
    if (products.length === 0) {
      writes.deletes.push(key);
    } else {
      writes.puts.push(buildChunk(products, key, keysOf));
    }
  }
  for (; placed < incoming.length; placed += PRODUCTS_PER_CHUNK) {
    writes.puts.push(buildChunk(incoming.slice(placed, placed + PRODUCTS_PER_CHUNK), undefined, keysOf));
  }
  return writes;
}
