import type { Database } from 'better-sqlite3';
import type { DeleteStoreResult, PutStoreResult, StoreRecord, StoreReferences, StoreRegistry, StoreSummary } from './store-registry.ts';

/** Creates the registry of stores on SQLite. */
export function createSqliteStoreRegistry(db: Database): StoreRegistry {
  const listAll = db.prepare(`
    SELECT s.store_id, s.name, s.created_at, s.updated_at, COUNT(d.device_id) AS device_count
    FROM stores AS s
    LEFT JOIN devices AS d ON d.store_id = s.store_id AND d.revoked_at IS NULL
    GROUP BY s.store_id ORDER BY s.store_id`);
  const findOne = db.prepare('SELECT store_id, name, created_at, updated_at FROM stores WHERE store_id = ?');
  const idsBefore = db.prepare('SELECT store_id FROM stores WHERE store_id < ? ORDER BY store_id DESC LIMIT ?').pluck();
  const idsAfter = db.prepare('SELECT store_id FROM stores WHERE store_id > ? ORDER BY store_id LIMIT ?').pluck();
  const countAll = db.prepare('SELECT COUNT(*) FROM stores').pluck();
  const insert = db.prepare('INSERT INTO stores (store_id, name, created_at, updated_at) VALUES (?, ?, ?, ?)');
  const rename = db.prepare('UPDATE stores SET name = ?, updated_at = ? WHERE store_id = ?');
  const remove = db.prepare('DELETE FROM stores WHERE store_id = ?');
  const countReferences = db.prepare(`
    SELECT
      (SELECT COUNT(*) FROM devices WHERE store_id = @id) AS devices,
      (SELECT COUNT(*) FROM pairing_codes WHERE store_id = @id AND used_at IS NULL AND expires_at > @now) AS pairingCodes,
      (SELECT COUNT(*) FROM app_configs WHERE scope = 'store:' || @id) AS storeConfigs,
      (SELECT COUNT(*) FROM orders WHERE store_id = @id) AS orders,
      (SELECT COUNT(*) FROM pick_lists WHERE store_id = @id) AS pickLists`);

  const put = db.transaction((storeId: string, name: string | null, now: string): PutStoreResult => {
    const existing = findOne.get(storeId) as StoreRecord | undefined;
    if (existing === undefined) {
      insert.run(storeId, name, now, now);
      return { outcome: 'created', store: { store_id: storeId, name, created_at: now, updated_at: now } };
    }
    if (name === null || name === existing.name) return { outcome: 'unchanged', store: existing };
    rename.run(name, now, storeId);
    return { outcome: 'renamed', store: { ...existing, name, updated_at: now } };
  });

  const deleteIfUnused = db.transaction((storeId: string, now: string): DeleteStoreResult => {
    if (findOne.get(storeId) === undefined) return { outcome: 'not_found' };
    const references = countReferences.get({ id: storeId, now }) as StoreReferences;
    if (Object.values(references).some((count) => count > 0)) return { outcome: 'in_use', references };
    remove.run(storeId);
    return { outcome: 'deleted' };
  });

  return {
    async listStores() {
      return listAll.all() as StoreSummary[];
    },

    async isRegistered(storeId) {
      return findOne.get(storeId) !== undefined;
    },

    async listIdsAround(storeId, limit) {
      return {
        before: idsBefore.all(storeId, limit) as string[],
        after: idsAfter.all(storeId, limit) as string[],
        total: countAll.get() as number,
      };
    },

    async putStore(storeId, name, now) {
      return put(storeId, name, now);
    },

    async deleteStore(storeId, now) {
      return deleteIfUnused(storeId, now);
    },
  };
}
