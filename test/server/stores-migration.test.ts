// An install made before the store registry: its database has devices, orders, a pairing
// code, a store configuration and a pick list, but no stores table. The server must
// register every store in use when it migrates, so that nothing stops working.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToken, hashSecret } from '../../server/auth.ts';
import { createThrowawayDatabase, testBackend, type ThrowawayDatabase } from '../../server/test-database.ts';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { buildOldPostgres, buildOldSqlite, type Execute } from './old-database.ts';
import { callApi, expectProblem } from './server-fixture.ts';

/** The newest schema versions without the stores table: SQLite 4 and PostgreSQL 3. */
const SQLITE_VERSION_BEFORE_STORES = 4;
const POSTGRES_VERSION_BEFORE_STORES = 3;
const PAIRED_AT = '2025-02-01T08:00:00.000Z';

/** Runs one statement with `?` placeholders on the old database. */

const backend = testBackend();
const northToken = generateToken();
const southToken = generateToken();
let dataDir: string | undefined;
let database: ThrowawayDatabase | undefined;
let server: TestServer;

/** Writes what an older server left behind: two stores with a device and an order each, and one store per other kind of reference. */
async function writeOldData(execute: Execute): Promise<void> {
  const devices = [
    ['dev-north', hashSecret(northToken), 'mig-north'],
    ['dev-south', hashSecret(southToken), 'mig-south'],
  ];
  for (const [deviceId, tokenHash, storeId] of devices) {
    await execute('INSERT INTO devices (device_id, token_hash, store_id, device_name, paired_at) VALUES (?, ?, ?, ?, ?)', [
      deviceId,
      tokenHash,
      storeId,
      'Till 1',
      PAIRED_AT,
    ]);
    await execute(
      `INSERT INTO orders (order_id, store_id, device_id, created_at, fulfillment_type, content_json, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [`ord-${storeId}`, storeId, deviceId, PAIRED_AT, 'in_store_purchase', '{}', PAIRED_AT],
    );
  }
  await execute('INSERT INTO pairing_codes (code_hash, store_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [
    hashSecret('OLDCODE1'),
    'mig-code',
    PAIRED_AT,
    '2025-02-01T08:15:00.000Z',
  ]);
  await execute('INSERT INTO app_configs (scope, config_json, updated_at) VALUES (?, ?, ?)', ['store:mig-config', '{}', PAIRED_AT]);
  await execute(
    `INSERT INTO pick_lists (pick_list_id, order_id, store_id, status, content_json, created_at)
     VALUES (?, ?, ?, 'open', ?, ?)`,
    ['PL-OLD', 'ORD-OLD', 'mig-pick', '{}', PAIRED_AT],
  );
}

beforeAll(async () => {
  if (backend === 'postgres') {
    database = await createThrowawayDatabase();
    await buildOldPostgres(database.url, PAIRED_AT, POSTGRES_VERSION_BEFORE_STORES, writeOldData);
    server = await startTestServer({ backend, databaseUrl: database.url });
  } else {
    dataDir = await mkdtemp(join(tmpdir(), 'serial-capture-stores-migration-'));
    await buildOldSqlite(join(dataDir, 'serial-capture.sqlite'), PAIRED_AT, SQLITE_VERSION_BEFORE_STORES, writeOldData);
    server = await startTestServer({ backend, dataDir });
  }
});

afterAll(async () => {
  await server?.close();
  await database?.drop();
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
});

describe('store registry migration', () => {
  it('registers every store in use', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/stores', { token: server.adminToken });

    expect(reply.status).toBe(200);
    expect(reply.body.items.map((store: { store_id: string }) => store.store_id)).toEqual([
      'mig-code',
      'mig-config',
      'mig-north',
      'mig-pick',
      'mig-south',
    ]);
  });

  it('registers them without a name', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/stores', { token: server.adminToken });

    for (const store of reply.body.items) expect(store.name).toBeNull();
  });

  it('writes registration times as ISO 8601 in UTC', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/stores', { token: server.adminToken });

    for (const store of reply.body.items) expect(store.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('counts the devices found', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/stores', { token: server.adminToken });
    const north = reply.body.items.find((store: { store_id: string }) => store.store_id === 'mig-north');

    expect(north.device_count).toBe(1);
  });

  it('keeps the devices working', async () => {
    const north = await callApi(server, 'GET', '/api/v1/app-config', { token: northToken });
    const south = await callApi(server, 'GET', '/api/v1/app-config', { token: southToken });

    expect(north.status).toBe(200);
    expect(south.status).toBe(200);
  });

  it('keeps the orders', async () => {
    expect(await server.countOrders()).toBe(2);
  });

  it('accepts a pairing code for a store found in use', async () => {
    const reply = await callApi(server, 'POST', '/api/v1/pairing-codes', { token: server.adminToken, body: { store_id: 'mig-south' } });

    expect(reply.status).toBe(201);
  });

  it('accepts the configuration of a store found in use', async () => {
    const reply = await callApi(server, 'PUT', '/api/v1/app-config?store=mig-config', { token: server.adminToken, body: {} });

    expect(reply.status).toBe(200);
  });

  it('keeps a store with a device and an order from deletion', async () => {
    const reply = await callApi(server, 'DELETE', '/api/v1/stores/mig-north', { token: server.adminToken });

    expectProblem(reply, 409);
    expect(reply.body.detail).toContain('it still has 1 paired device and 1 order.');
  });

  it('lets a store with only an expired pairing code be deleted', async () => {
    const reply = await callApi(server, 'DELETE', '/api/v1/stores/mig-code', { token: server.adminToken });

    expect(reply.status).toBe(204);
  });
});
