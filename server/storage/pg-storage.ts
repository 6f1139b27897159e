import pg from 'pg';
import { createPostgresAuditStore } from './pg-audit.ts';
import { createPostgresConfigStore } from './pg-config.ts';
import { createPostgresConflictStore } from './pg-conflicts.ts';
import { createPostgresDeviceStore } from './pg-devices.ts';
import { runPostgresMigrations } from './pg-migrations.ts';
import { createPostgresOrderStore } from './pg-orders.ts';
import { createPostgresPickListStore } from './pg-pick-lists.ts';
import { createPostgresProductStore } from './pg-products.ts';
import { createPostgresSerialStore } from './pg-serials.ts';
import { createPostgresSettingsStore } from './pg-settings.ts';
import { createPostgresStoreRegistry } from './pg-stores.ts';
import { StorageOpenError } from './storage-open-error.ts';
import type { Storage } from './storage.ts';

// A guess: ten connections per server process keep two cores busy; with several processes
// on one managed database, their sum must stay under its max_connections.
const POOL_CONNECTIONS_MAX = 10;
const CONNECT_TIMEOUT_MS = 10_000;

export interface PostgresStorageOptions {
  /** Told about a pooled connection that failed while idle; the pool replaces it. */
  onIdleError?: (error: Error) => void;
}

/**
 * Connects to the PostgreSQL database at `connectionString` and brings its schema up to
 * date. Throws StorageOpenError with a message that names the database, never its password.
 */
export async function openPostgresStorage(connectionString: string, options: PostgresStorageOptions = {}): Promise<Storage> {
  const location = describePostgresUrl(connectionString);
  const pool = new pg.Pool({ connectionString, max: POOL_CONNECTIONS_MAX, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  pool.on('error', options.onIdleError ?? ((error) => console.error(`PostgreSQL connection to ${location} failed while idle: ${error.message}`)));

  try {
    const client = await pool.connect();
    try {
      await runPostgresMigrations(client, new Date().toISOString());
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new StorageOpenError(
      `Database ${location} cannot be used: ${reason}. Check DATABASE_URL and that PostgreSQL runs and accepts this user.`,
      { cause: error },
    );
  }

  let closed = false;
  return {
    location,
    products: createPostgresProductStore(pool),
    config: createPostgresConfigStore(pool),
    devices: createPostgresDeviceStore(pool),
    settings: createPostgresSettingsStore(pool),
    orders: createPostgresOrderStore(pool),
    pickLists: createPostgresPickListStore(pool),
    serials: createPostgresSerialStore(pool),
    conflicts: createPostgresConflictStore(pool),
    audit: createPostgresAuditStore(pool),
    stores: createPostgresStoreRegistry(pool),

    async checkHealth() {
      await pool.query('SELECT 1');
    },

    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** Names a database by its URL without user name or password, for messages and logs. */
export function describePostgresUrl(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    const socket = url.searchParams.get('host');
    const host = url.host !== '' ? url.host : (socket ?? 'localhost');
    return `postgresql://${host}${url.pathname}`;
  } catch {
    return 'the PostgreSQL database of DATABASE_URL';
  }
}
