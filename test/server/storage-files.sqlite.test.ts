import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../server/storage/migrations.ts';
import { openSqliteStorage, StorageOpenError } from '../../server/storage/sqlite-storage.ts';
import { startTestServer } from '../../server/test-server.ts';
import { callApi, makeOrder, pairDevice } from './server-fixture.ts';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'serial-capture-files-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('reopened database', () => {
  it('keeps orders, devices and config', async () => {
    const first = await startTestServer({ dataDir, seedDemo: true });
    const device = await pairDevice(first, 'store-001');
    const order = makeOrder('ord-persist', 'store-001');
    await callApi(first, 'POST', '/api/v1/orders', { token: device.token, body: order });
    await first.close();

    const second = await startTestServer({ dataDir });
    const resend = await callApi(second, 'POST', '/api/v1/orders', { token: device.token, body: order });
    const config = await callApi(second, 'GET', '/api/v1/app-config', { token: device.token });
    const changes = await callApi(second, 'GET', '/api/v1/catalog/changes', { token: device.token });
    await second.close();

    expect(resend.status).toBe(200);
    expect(config.body.source).toBe('global');
    expect(changes.body.items).toHaveLength(32);
  });

  it('records each migration once', async () => {
    await openSqliteStorage(join(dataDir, 'serial-capture.sqlite')).close();
    await openSqliteStorage(join(dataDir, 'serial-capture.sqlite')).close();
    const db = new BetterSqlite3(join(dataDir, 'serial-capture.sqlite'), { readonly: true });
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    const journalMode = db.pragma('journal_mode', { simple: true });
    db.close();

    expect(versions).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    expect(journalMode).toBe('wal');
  });

  it('rejects a schema from a newer server', async () => {
    const file = join(dataDir, 'serial-capture.sqlite');
    await openSqliteStorage(file).close();
    const db = new BetterSqlite3(file);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', 'now')").run(SCHEMA_VERSION + 1);
    db.close();

    expect(() => openSqliteStorage(file)).toThrow(/newer than version/);
  });
});

describe('openSqliteStorage on a bad file', () => {
  it('throws StorageOpenError for a text file', async () => {
    const file = join(dataDir, 'serial-capture.sqlite');
    await writeFile(file, 'These are notes, not a database. '.repeat(40));

    expect(() => openSqliteStorage(file)).toThrow(StorageOpenError);
  });

  it('names the file and the fix', async () => {
    const file = join(dataDir, 'serial-capture.sqlite');
    await writeFile(file, 'These are notes, not a database. '.repeat(40));

    expect(() => openSqliteStorage(file)).toThrow(`Database file ${file} is not a SQLite database`);
    expect(() => openSqliteStorage(file)).toThrow(/set DATA_DIR to another folder/);
  });

  it('explains a folder in place of the file', async () => {
    expect(() => openSqliteStorage(dataDir)).toThrow(/cannot be opened/);
  });
});

describe('closed database', () => {
  it('turns health into a 503 problem', async () => {
    const server = await startTestServer({ dataDir });
    await server.db.close();
    const reply = await callApi(server, 'GET', '/api/v1/health');
    await server.close();

    expect(reply.status).toBe(503);
    expect(reply.body.code).toBe('database_unavailable');
  });

  it('turns a failed order into a 500 problem', async () => {
    const server = await startTestServer({ dataDir, seedDemo: true });
    const device = await pairDevice(server, 'store-001');
    await server.db.close();
    const reply = await callApi(server, 'POST', '/api/v1/orders', {
      token: device.token,
      body: makeOrder('ord-closed', 'store-001'),
    });
    await server.close();

    expect(reply.status).toBe(500);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.body.code).toBe('internal_error');
    expect(reply.body.detail).toMatch(/request req-\w+/);
  });
});
