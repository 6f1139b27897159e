import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import demoCatalog from '../fixtures/catalog/demo-products.json' with { type: 'json' };
import type { Product } from '../../src/domain/types.ts';
import { saveCompletedOrder } from '../../src/storage/order-store.ts';
import { listOutbox } from '../../src/storage/outbox-store.ts';
import { countProducts, findProductByCode } from '../../src/storage/product-store.ts';
import type { DeviceDb } from '../../src/storage/schema.ts';
import { getCatalogCursor } from '../../src/storage/sync-state-store.ts';
import type { ApiClient } from '../../src/sync/api-client.ts';
import { CAPTURE_RESERVE_BYTES, pullCatalog } from '../../src/sync/catalog-pull.ts';
import { failWritesWithQuotaError, type QuotaFault } from '../storage/quota-error.ts';
import { makeOrder } from '../storage/test-db.ts';
import { startFakeApiServer, type FakeApiServer } from './fake-api-server.ts';
import { createTestClient, openPairedDb } from './paired-db.ts';

const demoProducts = demoCatalog.items as Product[];
const GIB = 1024 * 1024 * 1024;

let server: FakeApiServer;
let db: DeviceDb;
let api: ApiClient;
let fault: QuotaFault | undefined;

beforeEach(async () => {
  server = await startFakeApiServer();
  server.setProducts(demoProducts);
  db = await openPairedDb();
  api = createTestClient(server, db);
});

afterEach(async () => {
  fault?.restore();
  fault = undefined;
  db.close();
  await server.close();
});

describe('pullCatalog progress', () => {
  it('reports the total from the server count', async () => {
    const totals: Array<number | undefined> = [];

    await pullCatalog(db, api, { pageSize: 10, onProgress: (_received, total) => totals.push(total) });

    expect(totals).toEqual([32, 32, 32, 32]);
  });

  it('reports no total when the server sends no count', async () => {
    const withoutCount: Pick<ApiClient, 'getCatalogChanges'> = {
      getCatalogChanges: async (cursor, limit, signal) => {
        const { remaining: _remaining, ...page } = await api.getCatalogChanges(cursor, limit, signal);
        return page;
      },
    };
    const totals: Array<number | undefined> = [];

    await pullCatalog(db, withoutCount, { pageSize: 10, onProgress: (_received, total) => totals.push(total) });

    expect(totals).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('pullCatalog when storage is full', () => {
  it('stops with a QuotaExceededError that says sales are kept', async () => {
    let pages = 0;
    const pull = pullCatalog(db, api, {
      pageSize: 10,
      onProgress: () => {
        pages += 1;
        if (pages === 2) fault = failWritesWithQuotaError('catalog-chunks', 'put');
      },
    });

    await expect(pull).rejects.toMatchObject({ name: 'QuotaExceededError', received: 20 });
    await expect(pull).rejects.toThrow(/stopped after 20 changes .*sales and picks, which are still saved/);
  });

  it('keeps the pages stored before the full one', async () => {
    let pages = 0;
    const pull = pullCatalog(db, api, {
      pageSize: 10,
      onProgress: () => {
        pages += 1;
        if (pages === 2) fault = failWritesWithQuotaError('catalog-chunks', 'put');
      },
    });
    await pull.catch(() => undefined);

    expect(await countProducts(db)).toBe(20);
    expect(await getCatalogCursor(db)).toBe('20');
  });

  it('still saves a sale after the download stopped', async () => {
    fault = failWritesWithQuotaError('catalog-chunks', 'put');
    await pullCatalog(db, api).catch(() => undefined);

    await saveCompletedOrder(db, makeOrder('order-after-full'));

    expect((await listOutbox(db)).map((entry) => entry.capture_id)).toEqual(['order-after-full']);
  });

  it('resumes from its cursor once space is free', async () => {
    let pages = 0;
    await pullCatalog(db, api, {
      pageSize: 10,
      onProgress: () => {
        pages += 1;
        if (pages === 2) fault = failWritesWithQuotaError('catalog-chunks', 'put');
      },
    }).catch(() => undefined);
    fault?.restore();

    const result = await pullCatalog(db, api, { pageSize: 10 });

    expect(result.received).toBe(demoProducts.length - 20);
    expect(await countProducts(db)).toBe(demoProducts.length);
  });

  it('stops before a page that would eat into the capture reserve', async () => {
    const estimates = [
      { usage: 1 * GIB, quota: 2 * GIB },
      { usage: 2 * GIB - CAPTURE_RESERVE_BYTES + 1, quota: 2 * GIB },
    ];
    const pull = pullCatalog(db, api, { pageSize: 10, estimateStorage: async () => estimates.shift() });

    await expect(pull).rejects.toMatchObject({ name: 'QuotaExceededError', received: 10 });
    expect(await countProducts(db)).toBe(10);
  });

  it('downloads everything when the quota is unknown', async () => {
    const result = await pullCatalog(db, api, { estimateStorage: async () => undefined });

    expect(result.received).toBe(demoProducts.length);
    expect(await findProductByCode(db, '9506000010014')).toBeDefined();
  });
});
