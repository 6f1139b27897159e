import { describe, expect, it } from 'vitest';
import type { Product } from '../../src/domain/types.ts';
import { buildChunk, planChunkWrites, PRODUCTS_PER_CHUNK } from '../../src/storage/catalog-chunk.ts';
import { applyCatalogPage, countProducts, findProductByCode } from '../../src/storage/product-store.ts';
import { makeProduct, openTestDb } from './test-db.ts';

function products(from: number, count: number): Product[] {
  return Array.from({ length: count }, (_, offset) => makeProduct(`P${from + offset}`, [['sku', `SKU-${from + offset}`]]));
}

function changes(list: Product[]): Map<string, Product | null> {
  return new Map(list.map((product) => [product.product_id, product]));
}

describe('planChunkWrites', () => {
  it('fills new chunks in order', () => {
    const writes = planChunkWrites(changes(products(0, 70)), []);

    expect(writes.puts.map((chunk) => chunk.products.length)).toEqual([32, 32, 6]);
    expect(writes.puts.every((chunk) => chunk.chunk === undefined)).toBe(true);
    expect(writes.deletes).toEqual([]);
    expect(writes.productDelta).toBe(70);
  });

  it('fills the last chunk before starting a new one', () => {
    const last = buildChunk(products(0, 6), 9);

    const writes = planChunkWrites(changes(products(6, 30)), [], last);

    expect(writes.puts.map((chunk) => [chunk.chunk, chunk.products.length])).toEqual([
      [9, PRODUCTS_PER_CHUNK],
      [undefined, 4],
    ]);
    expect(writes.puts[0]!.keys).toContain('SKU-31');
  });

  it('moves a changed product out', () => {
    const old = buildChunk(products(0, 3), 1);
    const last = buildChunk(products(3, 32), 2);
    const renamed = makeProduct('P1', [['sku', 'SKU-NEW']]);

    const writes = planChunkWrites(changes([renamed]), [old], last);

    const rewritten = writes.puts.find((chunk) => chunk.chunk === 1)!;
    expect(rewritten.products.map((product) => product.product_id)).toEqual(['P0', 'P2']);
    expect(rewritten.keys).not.toContain('SKU-1');
    expect(writes.puts.find((chunk) => chunk.chunk === undefined)?.products).toEqual([renamed]);
    expect(writes.productDelta).toBe(0);
  });

  it('deletes a chunk that a deletion leaves empty', () => {
    const only = buildChunk(products(0, 1), 4);

    const writes = planChunkWrites(new Map([['P0', null]]), [only], only);

    expect(writes).toEqual({ puts: [], deletes: [4], productDelta: -1 });
  });

  it('skips a chunk matched by identifier', () => {
    const holder = buildChunk([makeProduct('A', [['sku', 'P7']])], 3);

    const writes = planChunkWrites(new Map([['P7', null]]), [holder]);

    expect(writes).toEqual({ puts: [], deletes: [], productDelta: 0 });
  });
});

describe('applyCatalogPage in chunks', () => {
  it('keeps the count through changes', async () => {
    const db = await openTestDb();
    await applyCatalogPage(db, { items: products(0, 100).map((product) => ({ product })), next_cursor: '1' });
    await applyCatalogPage(db, {
      items: [
        { deleted: 'P5' },
        { deleted: 'NOT-CACHED' },
        { product: makeProduct('P6', [['sku', 'SKU-SIX']]) },
        { product: makeProduct('P200', [['sku', 'SKU-200']]) },
      ],
      next_cursor: '2',
    });

    expect(await countProducts(db)).toBe(100);
    expect(await findProductByCode(db, 'SKU-5')).toBeUndefined();
    expect(await findProductByCode(db, 'SKU-6')).toBeUndefined();
    expect((await findProductByCode(db, 'SKU-SIX'))?.product_id).toBe('P6');
    expect((await findProductByCode(db, 'SKU-200'))?.product_id).toBe('P200');

    await applyCatalogPage(db, { items: [{ product: makeProduct('P5', [['sku', 'SKU-5']]) }], next_cursor: '3' });

    expect(await countProducts(db)).toBe(101);
    expect((await findProductByCode(db, 'SKU-5'))?.product_id).toBe('P5');
    db.close();
  });

  it('keeps a product’s last change', async () => {
    const db = await openTestDb();
    await applyCatalogPage(db, {
      items: [
        { product: makeProduct('P1', [['sku', 'FIRST']]) },
        { product: makeProduct('P1', [['sku', 'SECOND']]) },
      ],
      next_cursor: '1',
    });

    expect(await countProducts(db)).toBe(1);
    expect(await findProductByCode(db, 'FIRST')).toBeUndefined();
    expect((await findProductByCode(db, 'SECOND'))?.product_id).toBe('P1');
    db.close();
  });

  it('fills chunks from small pages', async () => {
    const db = await openTestDb();
    for (let index = 0; index < 40; index += 1) {
      await applyCatalogPage(db, { items: [{ product: products(index, 1)[0]! }], next_cursor: String(index) });
    }

    expect(await db.count('catalog-chunks')).toBe(2);
    expect(await countProducts(db)).toBe(40);
    db.close();
  });
});
