import type { Database } from 'better-sqlite3';
import { ADMIN_LISTINGS_MIGRATION } from './migration-admin-listings.ts';
import { CONFLICT_REVIEWS_MIGRATION } from './migration-conflict-reviews.ts';
import { PICK_LISTS_MIGRATION } from './migration-pick-lists.ts';
import { SECURITY_MIGRATION } from './migration-security.ts';
import { STORES_MIGRATION } from './migration-stores.ts';

/** One schema change. Versions only grow; a released migration is never edited. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE settings (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      -- Deleted products keep their row so that the change feed can report the deletion.
      CREATE TABLE products (
        product_id TEXT PRIMARY KEY,
        product_json TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
        change_sequence INTEGER NOT NULL UNIQUE,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE product_identifiers (
        identifier_key TEXT PRIMARY KEY,
        product_id TEXT NOT NULL REFERENCES products (product_id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        value TEXT NOT NULL
      );
      CREATE INDEX product_identifiers_by_product ON product_identifiers (product_id);

      -- scope is 'global' or 'store:' followed by the store id.
      CREATE TABLE app_configs (
        scope TEXT PRIMARY KEY,
        config_json TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE devices (
        device_id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        store_id TEXT NOT NULL,
        device_name TEXT,
        paired_at TEXT NOT NULL
      );

      CREATE TABLE pairing_codes (
        code_hash TEXT PRIMARY KEY,
        store_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT,
        device_id TEXT REFERENCES devices (device_id)
      );

      CREATE TABLE orders (
        order_id TEXT PRIMARY KEY,
        store_id TEXT NOT NULL,
        device_id TEXT NOT NULL REFERENCES devices (device_id),
        created_at TEXT NOT NULL,
        fulfillment_type TEXT NOT NULL,
        content_json TEXT NOT NULL,
        received_at TEXT NOT NULL
      );

      CREATE TABLE order_lines (
        order_id TEXT NOT NULL REFERENCES orders (order_id),
        line_index INTEGER NOT NULL,
        line_id TEXT NOT NULL,
        product_id TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        fulfillment TEXT NOT NULL,
        serial_number TEXT,
        PRIMARY KEY (order_id, line_id)
      );

      CREATE TABLE serials (
        serial_id INTEGER PRIMARY KEY,
        product_id TEXT NOT NULL,
        serial_number TEXT NOT NULL,
        order_id TEXT NOT NULL,
        line_id TEXT NOT NULL,
        store_id TEXT NOT NULL,
        captured_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        FOREIGN KEY (order_id, line_id) REFERENCES order_lines (order_id, line_id)
      );
      CREATE INDEX serials_by_product_serial ON serials (product_id, serial_number);
      CREATE INDEX serials_by_serial ON serials (serial_number);

      CREATE TABLE order_conflicts (
        conflict_id INTEGER PRIMARY KEY,
        order_id TEXT NOT NULL,
        line_id TEXT NOT NULL,
        product_id TEXT NOT NULL,
        serial_number TEXT,
        reason TEXT NOT NULL,
        detail TEXT NOT NULL,
        flagged_at TEXT NOT NULL,
        FOREIGN KEY (order_id, line_id) REFERENCES order_lines (order_id, line_id)
      );
      CREATE INDEX order_conflicts_by_order ON order_conflicts (order_id);
      CREATE INDEX order_conflicts_by_serial ON order_conflicts (serial_number, product_id);
    `,
  },
  PICK_LISTS_MIGRATION,
  SECURITY_MIGRATION,
  CONFLICT_REVIEWS_MIGRATION,
  STORES_MIGRATION,
  ADMIN_LISTINGS_MIGRATION,
];

/** Newest schema version this server can migrate to. */
export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((migration) => migration.version));

/**
 * Applies the pending migrations up to `targetVersion`, each in its own transaction, and
 * records them in `schema_migrations`. Throws when the file was written by a newer server.
 * Tests pass an older `targetVersion` to build the databases that older servers left behind.
 */
export function runMigrations(db: Database, now: string, targetVersion: number = SCHEMA_VERSION): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);

  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null };
  const current = row.version ?? 0;
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `its schema version ${current} is newer than version ${SCHEMA_VERSION}, the newest this server supports. Run a newer server on it`,
    );
  }

  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of MIGRATIONS) {
    if (migration.version <= current || migration.version > targetVersion) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, now);
    })();
  }
}
