import type { ClientBase } from 'pg';
import { POSTGRES_ADMIN_LISTINGS_MIGRATION } from './migration-admin-listings.ts';
import { POSTGRES_CONFLICT_REVIEWS_MIGRATION } from './migration-conflict-reviews.ts';
import { POSTGRES_SECURITY_MIGRATION } from './migration-security.ts';
import { POSTGRES_STORES_MIGRATION } from './migration-stores.ts';
import type { Migration } from './migrations.ts';

// The PostgreSQL schema starts at version 1 with everything the SQLite schema reached in its
// versions 1 and 2, because no PostgreSQL database predates pick lists. Text columns that
// queries sort by use the "C" collation, so that ids and ISO 8601 times sort by code point
// as they do in SQLite, whatever locale the managed database was created with.
const POSTGRES_MIGRATIONS: Migration[] = [
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
        deleted BOOLEAN NOT NULL DEFAULT FALSE,
        change_sequence BIGINT NOT NULL UNIQUE,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE product_identifiers (
        identifier_key TEXT PRIMARY KEY,
        product_id TEXT NOT NULL REFERENCES products (product_id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        value TEXT NOT NULL
      );
      CREATE INDEX product_identifiers_by_product ON product_identifiers (product_id);

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
        expires_at TEXT COLLATE "C" NOT NULL,
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
        received_at TEXT COLLATE "C" NOT NULL
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
        serial_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        product_id TEXT NOT NULL,
        serial_number TEXT NOT NULL,
        order_id TEXT NOT NULL,
        line_id TEXT NOT NULL,
        store_id TEXT NOT NULL,
        captured_at TEXT NOT NULL,
        received_at TEXT COLLATE "C" NOT NULL,
        FOREIGN KEY (order_id, line_id) REFERENCES order_lines (order_id, line_id)
      );
      CREATE INDEX serials_by_product_serial ON serials (product_id, serial_number);
      CREATE INDEX serials_by_serial ON serials (serial_number);

      CREATE TABLE order_conflicts (
        conflict_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        order_id TEXT NOT NULL,
        line_id TEXT NOT NULL,
        product_id TEXT NOT NULL,
        serial_number TEXT,
        reason TEXT NOT NULL,
        detail TEXT NOT NULL,
        flagged_at TEXT COLLATE "C" NOT NULL,
        FOREIGN KEY (order_id, line_id) REFERENCES order_lines (order_id, line_id)
      );
      CREATE INDEX order_conflicts_by_order ON order_conflicts (order_id);
      CREATE INDEX order_conflicts_by_serial ON order_conflicts (serial_number, product_id);

      CREATE TABLE pick_lists (
        pick_list_id TEXT COLLATE "C" PRIMARY KEY,
        order_id TEXT NOT NULL,
        store_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'completed')),
        content_json TEXT NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX pick_lists_by_store ON pick_lists (store_id, status, created_at);

      CREATE TABLE pick_list_items (
        pick_list_id TEXT COLLATE "C" NOT NULL REFERENCES pick_lists (pick_list_id),
        line_index INTEGER NOT NULL,
        line_id TEXT NOT NULL,
        product_id TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (pick_list_id, line_id)
      );

      CREATE TABLE pick_completions (
        pick_list_id TEXT COLLATE "C" PRIMARY KEY REFERENCES pick_lists (pick_list_id),
        device_id TEXT NOT NULL REFERENCES devices (device_id),
        completed_at TEXT NOT NULL,
        content_json TEXT NOT NULL,
        received_at TEXT COLLATE "C" NOT NULL
      );

      CREATE TABLE picked_units (
        unit_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        pick_list_id TEXT COLLATE "C" NOT NULL REFERENCES pick_completions (pick_list_id),
        line_id TEXT NOT NULL,
        unit_index INTEGER NOT NULL,
        product_id TEXT NOT NULL,
        serial_number TEXT,
        UNIQUE (pick_list_id, line_id, unit_index),
        FOREIGN KEY (pick_list_id, line_id) REFERENCES pick_list_items (pick_list_id, line_id)
      );
      CREATE INDEX picked_units_by_product_serial ON picked_units (product_id, serial_number)
        WHERE serial_number IS NOT NULL;
      CREATE INDEX picked_units_by_serial ON picked_units (serial_number)
        WHERE serial_number IS NOT NULL;

      CREATE TABLE pick_conflicts (
        conflict_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        pick_list_id TEXT COLLATE "C" NOT NULL REFERENCES pick_completions (pick_list_id),
        line_id TEXT NOT NULL,
        unit_index INTEGER NOT NULL,
        product_id TEXT NOT NULL,
        serial_number TEXT,
        reason TEXT NOT NULL,
        detail TEXT NOT NULL,
        flagged_at TEXT COLLATE "C" NOT NULL,
        FOREIGN KEY (pick_list_id, line_id) REFERENCES pick_list_items (pick_list_id, line_id)
      );
      CREATE INDEX pick_conflicts_by_pick_list ON pick_conflicts (pick_list_id);
      CREATE INDEX pick_conflicts_by_serial ON pick_conflicts (serial_number, product_id);

      -- Every recorded serial, sold or picked; record_id is unique only together with kind.
      CREATE VIEW serial_records AS
        SELECT 'sale'::text COLLATE "C" AS kind, serial_id AS record_id, product_id, serial_number,
               order_id, NULL::text AS pick_list_id, line_id, store_id, captured_at, received_at
        FROM serials
        UNION ALL
        SELECT 'pick', u.unit_id, u.product_id, u.serial_number,
               NULL, u.pick_list_id, u.line_id, l.store_id, c.completed_at, c.received_at
        FROM picked_units AS u
        JOIN pick_completions AS c ON c.pick_list_id = u.pick_list_id
        JOIN pick_lists AS l ON l.pick_list_id = u.pick_list_id
        WHERE u.serial_number IS NOT NULL;

      CREATE VIEW flagged_conflicts AS
        SELECT 'sale'::text COLLATE "C" AS kind, conflict_id, order_id, NULL::text AS pick_list_id, line_id,
               product_id, serial_number, reason, detail, flagged_at
        FROM order_conflicts
        UNION ALL
        SELECT 'pick', conflict_id, NULL, pick_list_id, line_id,
               product_id, serial_number, reason, detail, flagged_at
        FROM pick_conflicts;
    `,
  },
  POSTGRES_SECURITY_MIGRATION,
  POSTGRES_CONFLICT_REVIEWS_MIGRATION,
  POSTGRES_STORES_MIGRATION,
  POSTGRES_ADMIN_LISTINGS_MIGRATION,
];

/** Newest PostgreSQL schema version this server can migrate to. */
export const POSTGRES_SCHEMA_VERSION = Math.max(...POSTGRES_MIGRATIONS.map((migration) => migration.version));

// Any constant works; it only has to be the same in every server process.
const MIGRATION_LOCK_KEY = 7_301_552_019;

/**
 * Applies the pending migrations in one transaction and records them in
 * `schema_migrations`. An advisory lock makes server processes that start together on one
 * database migrate one after the other. Throws when a newer server wrote the schema.
 * Tests pass an older `targetVersion` to build the databases that older servers left behind.
 */
export async function runPostgresMigrations(
  client: ClientBase,
  now: string,
  targetVersion: number = POSTGRES_SCHEMA_VERSION,
): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const result = await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
    const current = result.rows[0]?.version ?? 0;
    if (current > POSTGRES_SCHEMA_VERSION) {
      throw new Error(
        `its schema version ${current} is newer than version ${POSTGRES_SCHEMA_VERSION}, the newest this server supports. Run a newer server on it`,
      );
    }
    for (const migration of POSTGRES_MIGRATIONS) {
      if (migration.version <= current || migration.version > targetVersion) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        now,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
