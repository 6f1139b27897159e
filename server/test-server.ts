import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { generateToken, hashSecret } from './auth.ts';
import { issuePairingCode } from './pairing.ts';
import { seedDemoData } from './seed-demo-data.ts';
import { openSqliteStorage } from './storage/sqlite-storage.ts';
import type { Storage } from './storage/storage.ts';

export interface TestServerOptions {
  /** Folder for the SQLite file; a fresh folder under the OS temp folder when left out. */
  dataDir?: string;
  /** Built app to serve at `/`. */
  staticDir?: string;
  /** Loads the demo catalog, the demo global configuration and the demo pick lists first. */
  seedDemo?: boolean;
}

export interface TestServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:40123`. */
  url: string;
  adminToken: string;
  app: FastifyInstance;
  db: Storage;
  /** Closes the app and the database, and removes the data folder if this helper made it. */
  close(): Promise<void>;
  /** Issues a pairing code for the store, valid for 15 minutes. */
  createPairingCode(storeId: string): Promise<string>;
  /** Counts the stored orders, read straight from the SQLite file. */
  countOrders(): number;
  /** Lists an order's stored lines in their order, read straight from the SQLite file. */
  orderLines(orderId: string): StoredOrderLine[];
  /** Counts the stored completions of a pick list (0 or 1), read straight from the SQLite file. */
  countPickCompletions(pickListId: string): number;
  /** Lists a pick list's stored units in the order they were sent, read straight from the SQLite file. */
  pickedUnits(pickListId: string): StoredPickedUnit[];
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

/**
 * Starts the reference server on 127.0.0.1 with a free port, a temporary SQLite file and
 * a fresh admin token, without logs. For tests and browser tests.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'serial-capture-test-')));
  const dbFile = join(dataDir, 'serial-capture.sqlite');
  const db = openSqliteStorage(dbFile);

  const adminToken = generateToken();
  const adminTokenHash = hashSecret(adminToken);
  await db.settings.setAdminTokenHash(adminTokenHash);
  if (options.seedDemo) await seedDemoData(db);

  const app = buildApp({
    db,
    adminTokenHash,
    logger: false,
    ...(options.staticDir === undefined ? {} : { staticDir: options.staticDir }),
  });
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
  } catch (error) {
    await db.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    adminToken,
    app,
    db,
    async close() {
      await app.close();
      await db.close();
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
    async createPairingCode(storeId) {
      return (await issuePairingCode(db, storeId)).code;
    },
    countOrders() {
      return readDatabase(dbFile, (reader) => reader.prepare('SELECT COUNT(*) FROM orders').pluck().get() as number);
    },
    orderLines(orderId) {
      return readDatabase(dbFile, (reader) =>
        reader
          .prepare(`
            SELECT line_id, product_id, quantity, fulfillment, serial_number FROM order_lines
            WHERE order_id = ? ORDER BY line_index`)
          .all(orderId) as StoredOrderLine[],
      );
    },
    countPickCompletions(pickListId) {
      return readDatabase(dbFile, (reader) =>
        reader.prepare('SELECT COUNT(*) FROM pick_completions WHERE pick_list_id = ?').pluck().get(pickListId) as number,
      );
    },
    pickedUnits(pickListId) {
      return readDatabase(dbFile, (reader) =>
        reader
          .prepare(`
            SELECT line_id, unit_index, product_id, serial_number FROM picked_units
            WHERE pick_list_id = ? ORDER BY unit_id`)
          .all(pickListId) as StoredPickedUnit[],
      );
    },
  };
}

// A second, read-only connection shows what another process would see in the file.
function readDatabase<T>(file: string, read: (reader: BetterSqlite3.Database) => T): T {
  const reader = new BetterSqlite3(file, { readonly: true });
  try {
    return read(reader);
  } finally {
    reader.close();
  }
}
