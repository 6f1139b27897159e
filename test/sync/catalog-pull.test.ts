import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import demoCatalog from '../fixtures/catalog/demo-products.json' with { type: 'json' };
import type { Product } from '../../src/domain/types.ts';
import { clearCatalog, countProducts, findProductByCode } from '../../src/storage/product-store.ts';
import type { DeviceDb } from '../../src/storage/schema.ts';
import { getCatalogCursor } from '../../src/storage/sync-state-store.ts';
import type { ApiClient } from '../../src/sync/api-client.ts';
import { pullCatalog } from '../../src/sync/catalog-pull.ts';
import { startFakeApiServer, type FakeApiServer } from './fake-api-server.ts';
import { createTestClient, openPairedDb } from './paired-db.ts';

const demoProducts = demoCatalog.items as Product[];

let server: FakeApiServer;
let db: DeviceDb;
let api: ApiClient;

beforeEach(async () => {
  server = await startFakeApiServer();
  server.setProducts(demoProducts);
  db = await openPairedDb();
  api = createTestClient(server, db);
});

afterEach(async () => {
  db.close();
  await server.close();
});

function requestedCursors(): Array<string | null> {
  return server.requests
    .filter((request) => request.path === '/api/v1/catalog/changes')
    .map((request) => request.query.get('cursor'));
}

describe('pullCatalog', () => {
  it('pages to completion', async () => {
    const progress: number[] = [];

    const result = await pullCatalog(db, api, { pageSize: 10, onProgress: (received) => progress.push(received) });

    expect(result).toEqual({ received: demoProducts.length, pages: 4 });
    expect(progress).toEqual([10, 20, 30, 32]);
    expect(await countProducts(db)).toBe(demoProducts.length);
    expect(requestedCursors()).toEqual(['', '10', '20', '30']);
  });

  it('resumes after the last whole page', async () => {
    // The third page fails, after two pages were stored.
    const failThirdPage = (received: number) => {
      if (received === 20) {
        server.failNext('GET', '/api/v1/catalog/changes', { kind: 'status', status: 503 });
      }
    };
    const cutOff = pullCatalog(db, api, { pageSize: 10, onProgress: failThirdPage });
    await expect(cutOff).rejects.toMatchObject({ name: 'ApiError', status: 503 });
    const storedAfterCut = await countProducts(db);
    const cursorAfterCut = await getCatalogCursor(db);
    server.requests.length = 0;

    await pullCatalog(db, api, { pageSize: 10 });

    expect(storedAfterCut).toBe(20);
    expect(cursorAfterCut).toBe('20');
    expect(requestedCursors()).toEqual(['20', '30']);
    expect(await countProducts(db)).toBe(demoProducts.length);
  });

  it('applies deletions', async () => {
    await pullCatalog(db, api);
    server.deleteProduct('1003');

    const result = await pullCatalog(db, api);

    expect(result.received).toBe(1);
    expect(await findProductByCode(db, '0614141020034')).toBeUndefined();
    expect(await countProducts(db)).toBe(demoProducts.length - 1);
  });

  it('downloads again after the catalog was cleared mid-download', async () => {
    // Freeing space for a capture clears the catalog while the third page is on its way.
    let cleared = false;
    const clearingApi: Pick<ApiClient, 'getCatalogChanges'> = {
      async getCatalogChanges(cursor, limit, signal) {
        const page = await api.getCatalogChanges(cursor, limit, signal);
        if (cursor === '20' && !cleared) {
          cleared = true;
          await clearCatalog(db);
        }
        return page;
      },
    };

    await pullCatalog(db, clearingApi, { pageSize: 10 });

    expect(await countProducts(db)).toBe(demoProducts.length);
    expect(requestedCursors()).toEqual(['', '10', '20', '', '10', '20', '30']);
  });

  it('rejects a page size above 5000', async () => {
    await expect(pullCatalog(db, api, { pageSize: 6000 })).rejects.toThrow(/page size 6000 is invalid/);
  });

  it('stops on a page that does not advance', async () => {
    const stuck = { getCatalogChanges: async () => ({ items: [], next_cursor: '', has_more: true }) };

    await expect(pullCatalog(db, stuck)).rejects.toMatchObject({ name: 'ApiError', code: 'invalid_response' });
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();

    const pull = pullCatalog(db, api, {
      pageSize: 10,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });

    await expect(pull).rejects.toMatchObject({ name: 'AbortError' });
    expect(await countProducts(db)).toBe(10);
  });
});
