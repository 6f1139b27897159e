import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import imei15 from '../fixtures/config/imei-15-digits.json' with { type: 'json' };
import serial14 from '../fixtures/config/serial-14-alnum.json' with { type: 'json' };
import { getConfigInForce, putConfigInForce } from '../../src/storage/config-store.ts';
import type { DeviceDb } from '../../src/storage/schema.ts';
import type { ApiClient } from '../../src/sync/api-client.ts';
import { pullConfig } from '../../src/sync/config-pull.ts';
import { STORE_ID, startFakeApiServer, type FakeApiServer } from './fake-api-server.ts';
import { createTestClient, openPairedDb } from './paired-db.ts';

let server: FakeApiServer;
let db: DeviceDb;
let api: ApiClient;

beforeEach(async () => {
  server = await startFakeApiServer();
  server.setConfig(serial14, 'v1');
  db = await openPairedDb();
  api = createTestClient(server, db);
});

afterEach(async () => {
  db.close();
  await server.close();
});

describe('pullConfig', () => {
  it('stores the first configuration', async () => {
    const result = await pullConfig(db, api);
    const stored = await getConfigInForce(db);

    expect(result.changed).toBe(true);
    expect(stored?.config).toEqual(serial14);
    expect(stored?.version).toBe('v1');
    expect(server.requests[0]?.headers['if-none-match']).toBeUndefined();
  });

  it('sends the stored version and keeps it on 304', async () => {
    await pullConfig(db, api);

    const result = await pullConfig(db, api);

    expect(result.changed).toBe(false);
    expect(server.requests[1]?.headers['if-none-match']).toBe('"v1"');
    expect((await getConfigInForce(db))?.config).toEqual(serial14);
  });

  it('replaces a changed configuration', async () => {
    await pullConfig(db, api);
    server.setConfig(imei15, 'v2');

    const result = await pullConfig(db, api);

    expect(result.changed).toBe(true);
    expect((await getConfigInForce(db))?.config).toEqual(imei15);
  });

  it('ignores the version of another store', async () => {
    await putConfigInForce(db, { config: {}, source: 'none', store_id: 'store-999', version: 'v1' });

    const result = await pullConfig(db, api);

    expect(result.changed).toBe(true);
    expect((await getConfigInForce(db))?.store_id).toBe(STORE_ID);
  });
});
