import BetterSqlite3 from 'better-sqlite3';
import { runMigrations } from './migrations.ts';
import { createSqliteAuditStore } from './sqlite-audit.ts';
import { createSqliteConfigStore } from './sqlite-config.ts';
import { createSqliteConflictStore } from './sqlite-conflicts.ts';
import { createSqliteDeviceStore } from './sqlite-devices.ts';
import { createSqliteOrderStore } from './sqlite-orders.ts';
import { createSqlitePickListStore } from './sqlite-pick-lists.ts';
import { createSqliteProductStore } from './sqlite-products.ts';
import { createSqliteSerialStore } from './sqlite-serials.ts';
import { createSqliteSettingsStore } from './sqlite-settings.ts';
import { createSqliteStoreRegistry } from './sqlite-stores.ts';
import { StorageOpenError } from './storage-open-error.ts';
import type { Storage } from './storage.ts';

const BUSY_TIMEOUT_MS = 5000;

export { StorageOpenError };

/**
 * Opens or creates a SQLite database file in WAL mode with foreign keys on, and brings
 * its schema up to date. Throws StorageOpenError with a message that names the file.
 */
export function openSqliteStorage(file: string): Storage {
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(file);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // The first statement that reads the file is where a non-database file fails.
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // FULL (the SQLite default, set here on purpose) syncs every commit in WAL mode,
    // so an order acknowledged to a device survives a power loss.
    db.pragma('synchronous = FULL');
    runMigrations(db, new Date().toISOString());
  } catch (error) {
    db?.close();
    throw new StorageOpenError(describeOpenFailure(file, error), { cause: error });
  }

  return createStorage(db, file);
}

function describeOpenFailure(file: string, error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const reason = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_NOTADB') {
    return `Database file ${file} is not a SQLite database. Move it away or set DATA_DIR to another folder, then start the server again.`;
  }
  if (code === 'SQLITE_CANTOPEN') {
    return `Database file ${file} cannot be opened (${reason}). Check that its folder exists and is writable, or set DATA_DIR to another folder.`;
  }
  return `Database file ${file} cannot be used: ${reason}. Check the file, or set DATA_DIR to another folder.`;
}

function createStorage(db: BetterSqlite3.Database, file: string): Storage {
  const ping = db.prepare('SELECT 1').pluck();
  return {
    location: file,
    products: createSqliteProductStore(db),
    config: createSqliteConfigStore(db),
    devices: createSqliteDeviceStore(db),
    settings: createSqliteSettingsStore(db),
    orders: createSqliteOrderStore(db),
    pickLists: createSqlitePickListStore(db),
    serials: createSqliteSerialStore(db),
    conflicts: createSqliteConflictStore(db),
    audit: createSqliteAuditStore(db),
    stores: createSqliteStoreRegistry(db),

    async checkHealth() {
      ping.get();
    },

    async close() {
      if (db.open) db.close();
    },
  };
}
