import type { DeviceDb } from '../../src/storage/schema.ts';
import { getDevice, setDevice } from '../../src/storage/sync-state-store.ts';
import { createApiClient, type ApiClient } from '../../src/sync/api-client.ts';
import { openTestDb } from '../storage/test-db.ts';
import { DEVICE_TOKEN, STORE_ID, type FakeApiServer } from './fake-api-server.ts';

/** Opens a fresh device database that is paired with the fake server's store. */
export async function openPairedDb(): Promise<DeviceDb> {
  const db = await openTestDb();
  await setDevice(db, {
    device_id: 'device-1',
    device_token: DEVICE_TOKEN,
    store_id: STORE_ID,
    paired_at: '2026-12-04T09:00:00.000Z',
  });
  return db;
}

/** Creates an API client of `server` that reads the token from `db`, as the app does. */
export function createTestClient(server: FakeApiServer, db: DeviceDb): ApiClient {
  return createApiClient({
    baseUrl: server.baseUrl,
    timeoutMs: 2000,
    getToken: async () => (await getDevice(db))?.device_token,
  });
}
