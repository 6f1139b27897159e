import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp, type BuildAppOptions } from './app.ts';
import { generateToken, hashSecret } from './auth.ts';
import { issuePairingCode } from './pairing.ts';
import { seedDemoData } from './seed-demo-data.ts';
import { openPostgresStorage } from './storage/pg-storage.ts';
import { openSqliteStorage } from './storage/sqlite-storage.ts';
import type { Storage } from './storage/storage.ts';
import { createThrowawayDatabase, testBackend, type TestBackend } from './test-database.ts';

export interface TestServerOptions {
  /** Database to run on; SERVER_TEST_BACKEND decides when left out, else SQLite. */
  backend?: TestBackend;
  /** SQLite: folder for the database file; a fresh folder under the OS temp folder when left out. */
  dataDir?: string;
  /** PostgreSQL: database to use, e.g. one an earlier test server used; a fresh one when left out. */
  databaseUrl?: string;
  /** Built app to serve at `/`. */
  staticDir?: string;
  /** Registers the demo stores, and loads the demo catalog, global configuration and pick lists first. */
  seedDemo?: boolean;
  /** Store ids to register besides the demo ones, for tests that pair with or name other stores. */
  stores?: readonly string[];
  /** Request limits; the server's defaults when left out. */
  rateLimits?: BuildAppOptions['rateLimits'];
  /** Origins allowed to call the API from a browser; none when left out. */
  corsOrigins?: readonly string[];
  /** Receives the server's JSON log lines; without it the server logs nothing. */
  logStream?: { write(line: string): void };
  /** Pino level of the lines sent to `logStream`; info when left out. */
  logLevel?: string;
}

export interface TestServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:40123`. */
  url: string;
  backend: TestBackend;
  /** PostgreSQL: the database's URL, to reopen it or to share it with another server. */
  databaseUrl?: string;
  adminToken: string;
  app: FastifyInstance;
  db: Storage;
  /** Closes the app and the database, and removes the data folder or database if this helper made it. */
  close(): Promise<void>;
  /** Issues a pairing code for the store, valid for 15 minutes. */
  createPairingCode(storeId: string): Promise<string>;
  /** Counts the rows of a table, or those of one order, read through a second connection. */
  countRows(table: 'orders' | 'order_lines' | 'serials' | 'order_conflicts', orderId?: string): Promise<number>;
  /** Counts the stored orders, read through a second connection. */
  countOrders(): Promise<number>;
  /** Lists an order's stored lines in their order, read through a second connection. */
  orderLines(orderId: string): Promise<StoredOrderLine[]>;
  /** Counts the stored completions of a pick list (0 or 1), read through a second connection. */
  countPickCompletions(pickListId: string): Promise<number>;
  /** Lists a pick list's stored units in the order they were sent, read through a second connection. */
  pickedUnits(pickListId: string): Promise<StoredPickedUnit[]>;
}

/** One row of the `order_lines` table; `serial_number` is null on lines without one. */
export interface StoredOrderLine {
  line_id: string;
  product_id: string;
  quantity: number;
  fulfillment: string;
  serial_number: string | null;
}

/** One row of the `picked_units` table; `serial_number` is null on units without one. */
export interface StoredPickedUnit {
  line_id: string;
  unit_index: number;
  product_id: string;
  serial_number: string | null;
}

/** Runs one read-only query with `?` placeholders on a connection of its own. */
type ReadQuery = <T>(sql: string, parameters: unknown[]) => Promise<T[]>;

/**
 * Starts the reference server on 127.0.0.1 with a free port, a throwaway database and a
 * fresh admin token, without logs unless a log stream is given. For tests and browser tests.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const backend = options.backend ?? testBackend();
  const opened = backend === 'postgres' ? await openPostgres(options.databaseUrl) : await openSqlite(options.dataDir);
  const { db } = opened;

  const adminToken = generateToken();
  const adminTokenHash = hashSecret(adminToken);
  await db.settings.setAdminTokenHash(adminTokenHash);
  if (options.seedDemo) await seedDemoData(db);
  for (const storeId of options.stores ?? []) await db.stores.putStore(storeId, null, new Date().toISOString());

  const app = buildApp({
    db,
    adminTokenHash,
    logger: options.logStream === undefined ? false : { stream: options.logStream, level: options.logLevel ?? 'info' },
    ...(options.staticDir === undefined ? {} : { staticDir: options.staticDir }),
    ...(options.rateLimits === undefined ? {} : { rateLimits: options.rateLimits }),
    ...(options.corsOrigins === undefined ? {} : { corsOrigins: options.corsOrigins }),
  });
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
  } catch (error) {
    await db.close();
    await opened.cleanUp();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const read = opened.read;
  const count = async (sql: string, parameters: unknown[]): Promise<number> =>
    Number((await read<{ count: number | string }>(sql, parameters))[0]?.count ?? 0);

  return {
    url: `http://127.0.0.1:${port}`,
    backend,
    ...(opened.databaseUrl === undefined ? {} : { databaseUrl: opened.databaseUrl }),
    adminToken,
    app,
    db,
    async close() {
      await app.close();
      await db.close();
      await opened.cleanUp();
    },
    async createPairingCode(storeId) {
      return (await issuePairingCode(db, storeId)).code;
    },
    async countRows(table, orderId) {
      if (orderId === undefined) return count(`SELECT COUNT(*) AS count FROM ${table}`, []);
      return count(`SELECT COUNT(*) AS count FROM ${table} WHERE order_id = ?`, [orderId]);
    },
    async countOrders() {
      return count('SELECT COUNT(*) AS count FROM orders', []);
    },
    async orderLines(orderId) {
      return read<StoredOrderLine>(
        `SELECT line_id, product_id, quantity, fulfillment, serial_number FROM order_lines
         WHERE order_id = ? ORDER BY line_index`,
        [orderId],
      );
    },
    async countPickCompletions(pickListId) {
      return count('SELECT COUNT(*) AS count FROM pick_completions WHERE pick_list_id = ?', [pickListId]);
    },
    async pickedUnits(pickListId) {
      return read<StoredPickedUnit>(
        `SELECT line_id, unit_index, product_id, serial_number FROM picked_units
         WHERE pick_list_id = ? ORDER BY unit_id`,
        [pickListId],
      );
    },
  };
}

interface OpenedDatabase {
  db: Storage;
  databaseUrl?: string;
  read: ReadQuery;
  /** Removes what this helper made for the test; run after `db.close()`. */
  cleanUp(): Promise<void>;
}

async function openSqlite(givenDataDir: string | undefined): Promise<OpenedDatabase> {
  const dataDir = givenDataDir ?? (await mkdtemp(join(tmpdir(), 'serial-capture-test-')));
  const dbFile = join(dataDir, 'serial-capture.sqlite');
  return {
    db: openSqliteStorage(dbFile),
    // A second, read-only connection shows what another process would see in the file.
    async read<T>(sql: string, parameters: unknown[]) {
      const reader = new BetterSqlite3(dbFile, { readonly: true });
      try {
        return reader.prepare(sql).all(...parameters) as T[];
      } finally {
        reader.close();
      }
    },
    async cleanUp() {
      if (givenDataDir === undefined) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(givenUrl: string | undefined): Promise<OpenedDatabase> {
  const made = givenUrl === undefined ? await createThrowawayDatabase() : undefined;
  const databaseUrl = givenUrl ?? (made?.url as string);
  let db: Storage;
  try {
    db = await openPostgresStorage(databaseUrl);
  } catch (error) {
    await made?.drop();
    throw error;
  }
  return {
    db,
    databaseUrl,
    // A connection of its own shows what another server process would see.
    async read<T>(sql: string, parameters: unknown[]) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        let position = 0;
        const numbered = sql.replaceAll('?', () => `$${(position += 1)}`);
        return (await client.query(numbered, parameters)).rows as T[];
      } finally {
        await client.end();
      }
    },
    async cleanUp() {
      await made?.drop();
    },
  };
}
