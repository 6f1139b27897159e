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
  // Two scalar subqueries return one row. In a micro-benchmark with better-sqlite3 12 this
  // read took about half the time of `scope IN (?, 'global')`.
  const selectStoreAndGlobal = db
    .prepare("SELECT (SELECT config_json FROM app_configs WHERE scope = ?), (SELECT config_json FROM app_configs WHERE scope = 'global')")
    .raw();

  return {
    async getConfig(storeId) {
      const json = select.get(scopeOf(storeId)) as string | undefined;
      return json === undefined ? null : (JSON.parse(json) as AppConfig);
    },

    async getConfigTexts(storeId) {
      const [store, global] = selectStoreAndGlobal.get(scopeOf(storeId)) as [string | null, string | null];
      return { store, global };
    },

    async putConfig(storeId, config, now) {
      upsert.run(scopeOf(storeId), JSON.stringify(config), now);
    },

    async deleteStoreConfig(storeId) {
      return remove.run(scopeOf(storeId)).changes > 0;
    },
  };
}
