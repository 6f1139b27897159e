import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POSTGRES_SCHEMA_VERSION } from '../../server/storage/pg-migrations.ts';
import { describePostgresUrl, openPostgresStorage } from '../../server/storage/pg-storage.ts';
import { StorageOpenError } from '../../server/storage/storage-open-error.ts';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../../server/test-database.ts';

let database: ThrowawayDatabase;

beforeEach(async () => {
  database = await createThrowawayDatabase();
});

afterEach(async () => {
  await database.drop();
});

async function query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

describe('openPostgresStorage', () => {
  it('records each migration once', async () => {
    await (await openPostgresStorage(database.url)).close();
    await (await openPostgresStorage(database.url)).close();
    const rows = await query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');

    expect(rows.map((row) => row.version)).toEqual(Array.from({ length: POSTGRES_SCHEMA_VERSION }, (_, i) => i + 1));
  });

  it('migrates once when two processes start together', async () => {
    const opened = await Promise.all([openPostgresStorage(database.url), openPostgresStorage(database.url)]);
    await Promise.all(opened.map((storage) => storage.close()));
    const rows = await query<{ count: number }>('SELECT COUNT(*)::int AS count FROM schema_migrations');

    expect(rows[0]?.count).toBe(POSTGRES_SCHEMA_VERSION);
  });

  it('rejects a schema from a newer server', async () => {
    await (await openPostgresStorage(database.url)).close();
    await query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, 'future', 'now')", [POSTGRES_SCHEMA_VERSION + 1]);

    await expect(openPostgresStorage(database.url)).rejects.toThrow(StorageOpenError);
    await expect(openPostgresStorage(database.url)).rejects.toThrow(/newer than version/);
  });

  it('turns health into a rejection once closed', async () => {
    const storage = await openPostgresStorage(database.url);
    await storage.checkHealth();
    await storage.close();

    await expect(storage.checkHealth()).rejects.toThrow();
  });
});

describe('describePostgresUrl', () => {
  it('leaves out user name and password', () => {
    expect(describePostgresUrl('postgresql://capture:s3cret@db.internal:5432/capture')).toBe('postgresql://db.internal:5432/capture');
  });

  it('names the socket folder of a socket URL', () => {
    expect(describePostgresUrl('postgresql:///capture?host=/run/postgresql&user=capture')).toBe('postgresql:///run/postgresql/capture');
  });
});
