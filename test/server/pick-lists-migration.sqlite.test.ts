import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToken, hashSecret } from '../../server/auth.ts';
import { canonicalJson } from '../../server/canonical-json.ts';
import { runMigrations, SCHEMA_VERSION } from '../../server/storage/migrations.ts';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { createPickList, makeCompletion, makePickList, sendCompletion } from './pick-list-fixture.ts';
import { callApi, makeOrder, serialLine } from './server-fixture.ts';

const RECEIVED_AT = '2025-02-01T08:00:00.000Z';
const OLD_ORDER = makeOrder('ord-v1', 'store-001', [
  serialLine('L1', '1001', 'VERSIONONE0001'),
  serialLine('L2', '1001', 'VERSIONONE0001'),
]);

let dataDir: string;
let server: TestServer;
let deviceToken: string;

/** Writes a version-1 database with one paired device and one order with a flagged duplicate. */
function writeVersionOneDatabase(file: string, tokenHash: string): void {
  const db = new BetterSqlite3(file);
  db.pragma('foreign_keys = ON');
  runMigrations(db, RECEIVED_AT, 1);
  db.prepare('INSERT INTO devices (device_id, token_hash, store_id, device_name, paired_at) VALUES (?, ?, ?, ?, ?)')
    .run('dev-v1', tokenHash, 'store-001', 'Till 1', RECEIVED_AT);
  db.prepare(`
    INSERT INTO orders (order_id, store_id, device_id, created_at, fulfillment_type, content_json, received_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`)
    .run('ord-v1', 'store-001', 'dev-v1', OLD_ORDER.created_at, 'in_store_purchase', canonicalJson(OLD_ORDER), RECEIVED_AT);
  OLD_ORDER.lines.forEach((line, index) => {
    db.prepare(`
      INSERT INTO order_lines (order_id, line_index, line_id, product_id, quantity, fulfillment, serial_number)
      VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run('ord-v1', index, line.line_id, line.product_id, 1, line.fulfillment, line.serial_number);
    db.prepare(`
      INSERT INTO serials (product_id, serial_number, order_id, line_id, store_id, captured_at, received_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(line.product_id, line.serial_number, 'ord-v1', line.line_id, 'store-001', OLD_ORDER.created_at, RECEIVED_AT);
  });
  db.prepare(`
    INSERT INTO order_conflicts (order_id, line_id, product_id, serial_number, reason, detail, flagged_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`)
    .run('ord-v1', 'L2', '1001', 'VERSIONONE0001', 'duplicate_serial', 'Serial is also on line L1 of this order.', RECEIVED_AT);
  db.close();
}

function readVersions(): number[] {
  const db = new BetterSqlite3(join(dataDir, 'serial-capture.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all() as number[];
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'serial-capture-migration-'));
  deviceToken = generateToken();
  writeVersionOneDatabase(join(dataDir, 'serial-capture.sqlite'), hashSecret(deviceToken));
  server = await startTestServer({ dataDir, seedDemo: true });
});

afterAll(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('migration from version 1', () => {
  it('records every later version', () => {
    expect(readVersions()).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
  });

  it('keeps the order', async () => {
    const resend = await callApi(server, 'POST', '/api/v1/orders', { token: deviceToken, body: OLD_ORDER });

    expect(resend.status).toBe(200);
    expect(await server.countOrders()).toBe(1);
    expect(await server.orderLines('ord-v1')).toHaveLength(2);
  });

  it('keeps the order conflicts', async () => {
    const resend = await callApi(server, 'POST', '/api/v1/orders', { token: deviceToken, body: OLD_ORDER });

    expect(resend.body.conflicts).toEqual([
      expect.objectContaining({ line_id: 'L2', serial_number: 'VERSIONONE0001', reason: 'duplicate_serial' }),
    ]);
  });

  it('keeps the serials', async () => {
    const lookup = await callApi(server, 'GET', '/api/v1/serials?serial_number=VERSIONONE0001', { token: server.adminToken });

    expect(lookup.body.captures.map((capture: { kind: string; line_id: string }) => `${capture.kind} ${capture.line_id}`)).toEqual([
      'sale L1',
      'sale L2',
    ]);
    expect(lookup.body.captures[0]).toMatchObject({ order_id: 'ord-v1', received_at: RECEIVED_AT });
    expect(lookup.body.conflicts).toHaveLength(1);
  });

  it('lists the old conflict for review, and resolves it', async () => {
    const listed = await callApi(server, 'GET', '/api/v1/conflicts?store=store-001', { token: server.adminToken });
    const old = listed.body.items.find((item: { order_id?: string }) => item.order_id === 'ord-v1');
    const resolved = await callApi(server, 'POST', `/api/v1/conflicts/${old.id}/resolution`, { token: server.adminToken, body: { note: 'Old data' } });

    expect(old).toMatchObject({ line_id: 'L2', flagged_at: RECEIVED_AT, resolution: null });
    expect(resolved.status).toBe(200);
  });

  it('exports the old serials', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/exports/serials.csv?from=2025-02-01&to=2025-02-02', { token: server.adminToken });

    expect(reply.body.split('\r\n').filter((row: string) => row.includes('VERSIONONE0001'))).toHaveLength(2);
  });

  it('keeps the paired device', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/pick-lists', { token: deviceToken });

    expect(reply.status).toBe(200);
  });

  it('flags a pick of an old serial', async () => {
    await createPickList(server, makePickList('PL-after-v1', 'store-001', [{ line_id: 'L1', product_id: '1001', quantity: 1 }]));
    const units = [{ line_id: 'L1', product_id: '1001', serial_number: 'VERSIONONE0001' }];
    const reply = await sendCompletion(server, deviceToken, makeCompletion('PL-after-v1', units));

    expect(reply.status).toBe(201);
    expect(reply.body.conflicts[0]).toMatchObject({ reason: 'duplicate_serial' });
    expect(reply.body.conflicts[0].detail).toContain('order ord-v1 (line L1');
  });
});
