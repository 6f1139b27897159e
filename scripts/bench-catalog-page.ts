// Runs in Chromium for `npm run bench`: loads generated catalogs into IndexedDB with the
// app's own storage code, and with a plain bulk put for comparison, and times lookups.
// Built into a small bundle by scripts/bench-catalog.ts; its functions are on
// `window.catalogBench`.

import { gtinCheckDigit } from '../src/domain/gtin.ts';
import type { Product } from '../src/domain/types.ts';
import { identifierKeys } from '../src/domain/product-keys.ts';
import { buildChunk, isIndexedKey, PRODUCTS_PER_CHUNK } from '../src/storage/catalog-chunk.ts';
import { applyCatalogPage, findProductByCode } from '../src/storage/product-store.ts';
import { openDeviceDb } from '../src/storage/schema.ts';

/** Timings of one load, in milliseconds. */
export interface LoadTiming {
  ms: number;
}

export interface LookupTiming {
  samples: number;
  found: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

// Twelve digits, so that every product of a 1,000,000 catalog gets a distinct EAN-13.
const EAN_BASE = 200_000_000_000;

function ean13(index: number): string {
  const body = String(EAN_BASE + index);
  return `${body}${gtinCheckDigit(body)}`;
}

/** Builds product `index` of the generated catalog: an EAN-13 and a SKU, like a retail row. */
function makeProduct(index: number): Product {
  return {
    product_id: `P${index}`,
    title: `Generated product ${index}`,
    brand: `Brand ${index % 500}`,
    serialized_inventory: index % 4 === 0,
    external_identifiers: [
      { type: 'ean13', value: ean13(index) },
      { type: 'sku', value: `SKU-${index}` },
    ],
  };
}

/**
 * Loads `count` products with `applyCatalogPage`, `pageSize` per page, each page requested
 * after the cursor of the one before, as the download applies them. Only the page
 * applications are timed, not making the pages, which stands for the JSON the network
 * would deliver.
 */
async function loadWithPages(dbName: string, count: number, pageSize: number): Promise<LoadTiming> {
  const db = await openDeviceDb({ name: dbName });
  let ms = 0;
  let after = '';
  for (let from = 0; from < count; from += pageSize) {
    const items = [];
    for (let index = from; index < Math.min(count, from + pageSize); index += 1) {
      items.push({ product: makeProduct(index) });
    }
    const page = { items, next_cursor: String(from + items.length) };
    const started = performance.now();
    await applyCatalogPage(db, page, { after });
    ms += performance.now() - started;
    after = page.next_cursor;
  }
  db.close();
  return { ms };
}

/**
 * Times a baseline: the same products, one record each, put in one transaction. With
 * `indexed` false the records are the products as the server sends them, in a store with
 * no index: the plain bulk put. With `indexed` true each record also has its lookup keys,
 * made beforehand, in a store with a multi-entry index over them: one record per product,
 * as versions 1 and 2 of the app stored the catalog. Only the transaction is timed.
 */
async function loadWithBulkPut(dbName: string, count: number, indexed: boolean): Promise<LoadTiming> {
  const db = await openRawDb(dbName, indexed);
  const records = [];
  for (let index = 0; index < count; index += 1) {
    const product = makeProduct(index);
    records.push(indexed ? { ...product, keys: identifierKeys(product).filter(isIndexedKey) } : product);
  }
  const started = performance.now();
  const tx = db.transaction('products', 'readwrite', { durability: 'relaxed' });
  const store = tx.objectStore('products');
  for (const record of records) {
    store.put(record);
  }
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new DOMException('Transaction aborted', 'AbortError'));
  });
  const ms = performance.now() - started;
  db.close();
  return { ms };
}

function openRawDb(dbName: string, indexed: boolean): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName, 1);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore('products', { keyPath: 'product_id' });
      if (indexed) {
        store.createIndex('by-key', 'keys', { multiEntry: true });
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * Times the app's own chunk records, made beforehand from the same products, put in one
 * transaction into the app's store with its index. The pages load the same records, so
 * the difference is what paging costs: above all, looking up each product in case an
 * older copy is stored.
 */
async function loadChunksInOneTransaction(dbName: string, count: number): Promise<LoadTiming> {
  const db = await openDeviceDb({ name: dbName });
  const products = [];
  for (let index = 0; index < count; index += 1) {
    products.push(makeProduct(index));
  }
  const chunks = [];
  for (let start = 0; start < count; start += PRODUCTS_PER_CHUNK) {
    chunks.push(buildChunk(products.slice(start, start + PRODUCTS_PER_CHUNK)));
  }
  const started = performance.now();
  const tx = db.transaction('catalog-chunks', 'readwrite', { durability: 'relaxed' });
  await Promise.all([...chunks.map((chunk) => tx.store.put(chunk)), tx.done]);
  const ms = performance.now() - started;
  db.close();
  return { ms };
}

/**
 * Looks up `samples` EAN-13 codes of products picked at random (a fixed seed, so runs
 * compare) in a catalog of `count` loaded by `loadWithPages`, one `findProductByCode`
 * at a time, as a scan does. `warmUps` lookups of other codes run first, untimed.
 */
async function lookUpRandomCodes(dbName: string, count: number, samples: number, warmUps: number): Promise<LookupTiming> {
  const db = await openDeviceDb({ name: dbName });
  const random = seededRandom(20261204);
  for (let warmUp = 0; warmUp < warmUps; warmUp += 1) {
    await findProductByCode(db, ean13(Math.floor(random() * count)));
  }
  const times: number[] = [];
  let found = 0;
  for (let sample = 0; sample < samples; sample += 1) {
    const index = Math.floor(random() * count);
    const started = performance.now();
    const product = await findProductByCode(db, ean13(index));
    times.push(performance.now() - started);
    if (product?.product_id === `P${index}`) {
      found += 1;
    }
  }
  db.close();
  times.sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(times.length - 1, Math.floor(share * times.length))]!;
  return { samples, found, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: times.at(-1)! };
}

function deleteDb(dbName: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(dbName);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}

// Mulberry32: a small seeded generator, so each run looks up the same codes.
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const api = { loadWithPages, loadWithBulkPut, loadChunksInOneTransaction, lookUpRandomCodes, deleteDb };
export type CatalogBenchApi = typeof api;
(globalThis as unknown as { catalogBench: CatalogBenchApi }).catalogBench = api;
