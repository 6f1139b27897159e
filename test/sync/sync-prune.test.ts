import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getOrder, markOrderSent, saveCompletedOrder } from '../../src/storage/order-store.ts';
import type { DeviceDb } from '../../src/storage/schema.ts';
import type { ApiClient } from '../../src/sync/api-client.ts';
import { runSync } from '../../src/sync/sync-run.ts';
import { makeOrder } from '../storage/test-db.ts';
import { startFakeApiServer, type FakeApiServer } from './fake-api-server.ts';
import { createTestClient, openPairedDb } from './paired-db.ts';

const FORTY_DAYS_AGO = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000).toISOString();

let server: FakeApiServer;
let db: DeviceDb;
let api: ApiClient;

beforeEach(async () => {
  server = await startFakeApiServer();
  db = await openPairedDb();
  api = createTestClient(server, db);
});

afterEach(async () => {
  db.close();
  await server.close();
});

async function storeOldSentOrder(orderId: string): Promise<void> {
  await saveCompletedOrder(db, makeOrder(orderId, `SERIAL-${orderId}`));
  await db.clear('outbox');
  await markOrderSent(db, orderId, FORTY_DAYS_AGO);
}

describe('runSync pruning', () => {
  it('deletes sales sent long ago', async () => {
    await storeOldSentOrder('old-sale');

    const outcome = await runSync(db, api, { signal: new AbortController().signal });

    expect(outcome.errors).toEqual([]);
    expect(await getOrder(db, 'old-sale')).toBeUndefined();
  });

  it('prunes at most twice a day', async () => {
    await runSync(db, api, { signal: new AbortController().signal });
    await storeOldSentOrder('later-sale');

    await runSync(db, api, { signal: new AbortController().signal });

    expect(await getOrder(db, 'later-sale')).toBeDefined();
  });
});
