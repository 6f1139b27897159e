import type { Migration } from './migrations.ts';

// Every store id that an older server accepted without a registry, so that an upgraded
// install keeps serving its devices, configurations and pick lists. A store configuration's
// scope is 'store:' followed by the store id. Orders cover their serials and conflicts, and
// pick lists cover their completions.
const STORE_IDS_IN_USE_SQL = `
  SELECT store_id FROM devices
  UNION SELECT store_id FROM pairing_codes
  UNION SELECT substr(scope, 7) FROM app_configs WHERE substr(scope, 1, 6) = 'store:'
  UNION SELECT store_id FROM orders
  UNION SELECT store_id FROM pick_lists
`;

/**
 * SQLite version 5: the registry of stores that admin routes check store ids against, filled
 * with the stores already in use. The migration's own clock gives the registration time, in
 * the format of `toISOString`.
 */
export const STORES_MIGRATION: Migration = {
  version: 5,
  name: 'store registry',
  sql: `
    CREATE TABLE stores (
      store_id TEXT PRIMARY KEY,
      name TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    INSERT INTO stores (store_id, name, created_at, updated_at)
      SELECT store_id, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
      FROM (${STORE_IDS_IN_USE_SQL});
  `,
};

/** PostgreSQL version 4: the same change as SQLite version 5; ids sort by code point as in SQLite. */
export const POSTGRES_STORES_MIGRATION: Migration = {
  version: 4,
  name: 'store registry',
  sql: `
    CREATE TABLE stores (
      store_id TEXT COLLATE "C" PRIMARY KEY,
      name TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    INSERT INTO stores (store_id, name, created_at, updated_at)
      SELECT store_id, NULL,
             to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
             to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      FROM (${STORE_IDS_IN_USE_SQL}) AS in_use;
  `,
};
