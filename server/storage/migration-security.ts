import type { Migration } from './migrations.ts';

/**
 * SQLite version 3: device tokens the admin can revoke, and the audit log of admin changes.
 * A revoked device keeps its row, because its orders and picks refer to it.
 */
export const SECURITY_MIGRATION: Migration = {
  version: 3,
  name: 'device revocation and audit log',
  sql: `
    ALTER TABLE devices ADD COLUMN revoked_at TEXT;

    CREATE TABLE audit_log (
      audit_id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      target TEXT,
      details_json TEXT NOT NULL
    );
  `,
};

/** PostgreSQL version 2: the same change as SQLite version 3. */
export const POSTGRES_SECURITY_MIGRATION: Migration = {
  version: 2,
  name: 'device revocation and audit log',
  sql: `
    ALTER TABLE devices ADD COLUMN revoked_at TEXT;

    CREATE TABLE audit_log (
      audit_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      target TEXT,
      details_json TEXT NOT NULL
    );
  `,
};
