import type { Database } from 'better-sqlite3';
import type { AppConfig } from '../../src/domain/types.ts';
import type { ConfigStore } from './storage.ts';

function scopeOf(storeId: string | null): string {
  return storeId === null ? 'global' : `store:${storeId}`;
}

/** Creates the configuration store: one document per scope, replaced whole on every write. */
export function createSqliteConfigStore(db: Database): ConfigStore {
  const select = db.prepare('SELECT config_json FROM app_configs WHERE scope = ?').pluck();
  const upsert = db.prepare(`
    INSERT INTO app_configs (scope, config_json, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (scope) DO UPDATE SET config_json = excluded.config_json, updated_at = excluded.updated_at`);
  const remove = db.prepare('DELETE FROM app_configs WHERE scope = ?');

  return {
    async getConfig(storeId) {
      const json = select.get(scopeOf(storeId)) as string | undefined;
      return json === undefined ? null : (JSON.parse(json) as AppConfig);
    },

    async putConfig(storeId, config, now) {
      upsert.run(scopeOf(storeId), JSON.stringify(config), now);
    },

    async deleteStoreConfig(storeId) {
      return remove.run(scopeOf(storeId)).changes > 0;
    },
  };
}
