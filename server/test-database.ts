// Throwaway databases for tests: a SQLite file in a temporary folder, or a fresh database on
// the PostgreSQL server named by TEST_DATABASE_URL. Never used by `npm start`.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The backends a test server can run on. */
export type TestBackend = 'sqlite' | 'postgres';

/**
 * Returns the backend of this test run: `postgres` when SERVER_TEST_BACKEND is `postgres`
 * (the server-postgres test project sets it), else `sqlite`.
 */
export function testBackend(): TestBackend {
  return process.env.SERVER_TEST_BACKEND === 'postgres' ? 'postgres' : 'sqlite';
}

/** Returns the URL of the PostgreSQL server for tests, or throws an error that explains how to provide one. */
export function testPostgresUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (url === undefined || url === '') {
    throw new Error(
      'TEST_DATABASE_URL is not set, so the PostgreSQL tests have no server. Run them through `npm test`, which starts a throwaway PostgreSQL, or set TEST_DATABASE_URL to a server where this user may create databases.',
    );
  }
  return url;
}

/** A database made for one test, with the URL a server process connects to. */
export interface ThrowawayDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database with a random name on the test PostgreSQL server. */
export async function createThrowawayDatabase(): Promise<ThrowawayDatabase> {
  const serverUrl = testPostgresUrl();
  const name = `serial_capture_test_${randomBytes(6).toString('hex')}`;
  await runAsAdmin(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      // FORCE ends connections a failed test left open, so the drop cannot hang.
      await runAsAdmin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function runAsAdmin(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
