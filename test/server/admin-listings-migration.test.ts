// An install made before the admin's lists: its database has orders and pick lists but not
// the indexes that page them. The server must add them when it migrates and list what the
// older server stored.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToken, hashSecret } from '../../server/auth.ts';
import { canonicalJson } from '../../server/canonical-json.ts';
import { createThrowawayDatabase, testBackend, type ThrowawayDatabase } from '../../server/test-database.ts';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { buildOldPostgres, buildOldSqlite, type Execute } from './old-database.ts';
import { callApi, makeOrder } from './server-fixture.ts';

/** The newest schema versions without the listing indexes: SQLite 5 and PostgreSQL 4. */
const SQLITE_VERSION_BEFORE_LISTINGS = 5;
const POSTGRES_VERSION_BEFORE_LISTINGS = 4;
const OLD_TIME = '2025-02-01T08:00:00.000Z';
const LISTING_INDEXES = [
  'orders_by_device_received_at',
  'orders_by_received_at',
  'orders_by_store_received_at',
  'pick_lists_by_created_at',
  'pick_lists_by_status_created_at',
  'pick_lists_by_store_created_at',
  'pick_lists_by_store_status_created_at',
];

/** Runs one statement with `?` placeholders on the old database. */

const backend = testBackend();
const deviceToken = generateToken();
let dataDir: string | undefined;
let database: ThrowawayDatabase | undefined;
let server: TestServer;

/** Writes what an older server left behind: a device with two orders, and two pick lists. */
async function writeOldData(execute: Execute): Promise<void> {
  await execute('INSERT INTO stores (store_id, name, created_at, updated_at) VALUES (?, NULL, ?, ?)', ['old-store', OLD_TIME, OLD_TIME]);
  await execute('INSERT INTO devices (device_id, token_hash, store_id, device_name, paired_at) VALUES (?, ?, ?, ?, ?)', [
    'dev-old',
    hashSecret(deviceToken),
    'old-store',
    'Till 1',
    OLD_TIME,
  ]);
  for (const [orderId, receivedAt] of [['ord-old-1', '2025-02-01T09:00:00.000Z'], ['ord-old-2', '2025-02-02T09:00:00.000Z']] as const) {
    const order = makeOrder(orderId, 'old-store', [{ line_id: 'L1', product_id: '1017', quantity: 1, fulfillment: 'SHIPPING' }]);
    await execute(
      `INSERT INTO orders (order_id, store_id, device_id, created_at, fulfillment_type, content_json, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [orderId, 'old-store', 'dev-old', order.created_at, order.fulfillment_type, canonicalJson(order), receivedAt],
    );
    await execute(
      `INSERT INTO order_lines (order_id, line_index, line_id, product_id, quantity, fulfillment, serial_number)
       VALUES (?, 0, 'L1', '1017', 1, 'SHIPPING', NULL)`,
      [orderId],
    );
  }
  for (const [pickListId, createdAt] of [['PL-old-1', '2025-02-01T10:00:00.000Z'], ['PL-old-2', '2025-02-03T10:00:00.000Z']] as const) {
    await execute(
      `INSERT INTO pick_lists (pick_list_id, order_id, store_id, status, content_json, created_at)
       VALUES (?, ?, 'old-store', 'open', '{}', ?)`,
      [pickListId, `ORD-${pickListId}`, createdAt],
    );
    await execute(
      `INSERT INTO pick_list_items (pick_list_id, line_index, line_id, product_id, quantity) VALUES (?, 0, 'L1', '1021', 2)`,
      [pickListId],
    );
  }
}

/** Names the indexes of the orders and pick_lists tables, read on a connection of its own. */
async function listIndexNames(): Promise<string[]> {
  if (backend === 'postgres') {
    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    try {
      const result = await client.query<{ indexname: string }>(
        "SELECT indexname FROM pg_indexes WHERE tablename IN ('orders', 'pick_lists') ORDER BY indexname",
      );
      return result.rows.map((row) => row.indexname);
    } finally {
      await client.end();
    }
  }
  const db = new BetterSqlite3(join(dataDir as string, 'serial-capture.sqlite'), { readonly: true });
  try {
    const rows = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('orders', 'pick_lists') ORDER BY name")
      .all() as Array<{ name: string }>;
    return rows.map((row) => row.name);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  if (backend === 'postgres') {
    database = await createThrowawayDatabase();
    await buildOldPostgres(database.url, OLD_TIME, POSTGRES_VERSION_BEFORE_LISTINGS, writeOldData);
    server = await startTestServer({ backend, databaseUrl: database.url });
  } else {
    dataDir = await mkdtemp(join(tmpdir(), 'serial-capture-listings-migration-'));
    await buildOldSqlite(join(dataDir, 'serial-capture.sqlite'), OLD_TIME, SQLITE_VERSION_BEFORE_LISTINGS, writeOldData);
    server = await startTestServer({ backend, dataDir });
  }
});

afterAll(async () => {
  await server?.close();
  await database?.drop();
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
});

describe('admin listings migration', () => {
  it('adds the listing indexes', async () => {
    const names = await listIndexNames();

    expect(names).toEqual(expect.arrayContaining(LISTING_INDEXES));
  });

  it('drops the index it replaces', async () => {
    expect(await listIndexNames()).not.toContain('pick_lists_by_store');
  });

  it('lists the orders of the older server', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/orders?store=old-store', { token: server.adminToken });

    expect(reply.status).toBe(200);
    expect(reply.body.items.map((item: { order_id: string }) => item.order_id)).toEqual(['ord-old-2', 'ord-old-1']);
    expect(reply.body.items[0]).toMatchObject({ device_id: 'dev-old', line_count: 1, serial_count: 0, conflict_count: 0 });
  });

  it('reads an order of the older server', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/orders/ord-old-1', { token: server.adminToken });

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ order_id: 'ord-old-1', received_at: '2025-02-01T09:00:00.000Z', conflicts: [] });
  });

  it('lists the pick lists of the older server', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/pick-lists?store=old-store', { token: server.adminToken });

    expect(reply.body.items.map((item: { id: string }) => item.id)).toEqual(['PL-old-2', 'PL-old-1']);
  });

  it('keeps the device list working', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/pick-lists', { token: deviceToken });

    expect(reply.status).toBe(200);
    expect(reply.body.items.map((item: { id: string }) => item.id)).toEqual(['PL-old-1', 'PL-old-2']);
  });
});
