import type { Pool } from 'pg';
import type { SettingsStore } from './storage.ts';

const ADMIN_TOKEN_HASH = 'admin_token_sha256';

/** Creates the store of server-wide settings on PostgreSQL, such as the admin token's hash. */
export function createPostgresSettingsStore(pool: Pool): SettingsStore {
  return {
    async getAdminTokenHash() {
      const result = await pool.query<{ value: string }>('SELECT value FROM settings WHERE name = $1', [ADMIN_TOKEN_HASH]);
      return result.rows[0]?.value ?? null;
    },

    async setAdminTokenHash(tokenHash) {
      await pool.query(
        'INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
        [ADMIN_TOKEN_HASH, tokenHash],
      );
    },
  };
}
