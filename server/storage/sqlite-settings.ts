import type { Database } from 'better-sqlite3';
import type { SettingsStore } from './storage.ts';

const ADMIN_TOKEN_HASH = 'admin_token_sha256';

/** Creates the store of server-wide settings, such as the admin token's hash. */
export function createSqliteSettingsStore(db: Database): SettingsStore {
  const select = db.prepare('SELECT value FROM settings WHERE name = ?').pluck();
  const upsert = db.prepare(
    'INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
  );

  return {
    async getAdminTokenHash() {
      return (select.get(ADMIN_TOKEN_HASH) as string | undefined) ?? null;
    },

    async setAdminTokenHash(tokenHash) {
      upsert.run(ADMIN_TOKEN_HASH, tokenHash);
    },
  };
}
