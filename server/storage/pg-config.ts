import type { Pool } from 'pg';
import type { AppConfig } from '../../src/domain/types.ts';
import type { ConfigStore } from './storage.ts';

function scopeOf(storeId: string | null): string {
  return storeId === null ? 'global' : `store:${storeId}`;
}

/** Creates the configuration store on PostgreSQL: one document per scope, replaced whole on every write. */
export function createPostgresConfigStore(pool: Pool): ConfigStore {
  return {
    async getConfig(storeId) {
      const result = await pool.query<{ config_json: string }>('SELECT config_json FROM app_configs WHERE scope = $1', [scopeOf(storeId)]);
      const json = result.rows[0]?.config_json;
      return json === undefined ? null : (JSON.parse(json) as AppConfig);
    },

    async getConfigTexts(storeId) {
      const result = await pool.query<{ store: string | null; global: string | null }>(
        `SELECT (SELECT config_json FROM app_configs WHERE scope = $1) AS store,
                (SELECT config_json FROM app_configs WHERE scope = 'global') AS global`,
        [scopeOf(storeId)],
      );
      const row = result.rows[0];
      return { store: row?.store ?? null, global: row?.global ?? null };
    },

    async putConfig(storeId, config, now) {
      await pool.query(
        `INSERT INTO app_configs (scope, config_json, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (scope) DO UPDATE SET config_json = excluded.config_json, updated_at = excluded.updated_at`,
        [scopeOf(storeId), JSON.stringify(config), now],
      );
    },

    async deleteStoreConfig(storeId) {
      const result = await pool.query('DELETE FROM app_configs WHERE scope = $1', [scopeOf(storeId)]);
      return (result.rowCount ?? 0) > 0;
    },
  };
}
