import type { Pool } from 'pg';
import { withTransaction } from './pg-transaction.ts';
import type { PutStoreResult, StoreRecord, StoreReferences, StoreRegistry, StoreSummary } from './store-registry.ts';

const STORE_COLUMNS = 'store_id, name, created_at, updated_at';

/** Creates the registry of stores on PostgreSQL. */
export function createPostgresStoreRegistry(pool: Pool): StoreRegistry {
  return {
    async listStores() {
      const result = await pool.query<StoreSummary>(`
        SELECT s.store_id, s.name, s.created_at, s.updated_at, COUNT(d.device_id)::int AS device_count
        FROM stores AS s
        LEFT JOIN devices AS d ON d.store_id = s.store_id AND d.revoked_at IS NULL
        GROUP BY s.store_id ORDER BY s.store_id`);
      return result.rows;
    },

    async isRegistered(storeId) {
      const result = await pool.query('SELECT 1 FROM stores WHERE store_id = $1', [storeId]);
      return result.rowCount === 1;
    },

    async listIdsAround(storeId, limit) {
      const result = await pool.query<{ before: string[] | null; after: string[] | null; total: number }>(
        `SELECT
           ARRAY(SELECT store_id FROM stores WHERE store_id < $1 ORDER BY store_id DESC LIMIT $2) AS before,
           ARRAY(SELECT store_id FROM stores WHERE store_id > $1 ORDER BY store_id LIMIT $2) AS after,
           (SELECT COUNT(*)::int FROM stores) AS total`,
        [storeId, limit],
      );
      const row = result.rows[0];
      return { before: row?.before ?? [], after: row?.after ?? [], total: row?.total ?? 0 };
    },

    async putStore(storeId, name, now) {
      return withTransaction(pool, async (client): Promise<PutStoreResult> => {
        // ON CONFLICT lets two processes register the same store at once: one inserts, and
        // the other then finds the row below.
        const inserted = await client.query<StoreRecord>(
          `INSERT INTO stores (store_id, name, created_at, updated_at) VALUES ($1, $2, $3, $3)
           ON CONFLICT (store_id) DO NOTHING RETURNING ${STORE_COLUMNS}`,
          [storeId, name, now],
        );
        const created = inserted.rows[0];
        if (created !== undefined) return { outcome: 'created', store: created };

        const found = await client.query<StoreRecord>(`SELECT ${STORE_COLUMNS} FROM stores WHERE store_id = $1 FOR UPDATE`, [storeId]);
        const existing = found.rows[0] as StoreRecord;
        if (name === null || name === existing.name) return { outcome: 'unchanged', store: existing };
        await client.query('UPDATE stores SET name = $1, updated_at = $2 WHERE store_id = $3', [name, now, storeId]);
        return { outcome: 'renamed', store: { ...existing, name, updated_at: now } };
      });
    },

    async deleteStore(storeId, now) {
      return withTransaction(pool, async (client) => {
        const found = await client.query('SELECT 1 FROM stores WHERE store_id = $1 FOR UPDATE', [storeId]);
        if (found.rowCount !== 1) return { outcome: 'not_found' as const };
        const counted = await client.query<StoreReferences>(
          `SELECT
             (SELECT COUNT(*)::int FROM devices WHERE store_id = $1) AS "devices",
             (SELECT COUNT(*)::int FROM pairing_codes WHERE store_id = $1 AND used_at IS NULL AND expires_at > $2) AS "pairingCodes",
             (SELECT COUNT(*)::int FROM app_configs WHERE scope = 'store:' || $1) AS "storeConfigs",
             (SELECT COUNT(*)::int FROM orders WHERE store_id = $1) AS "orders",
             (SELECT COUNT(*)::int FROM pick_lists WHERE store_id = $1) AS "pickLists"`,
          [storeId, now],
        );
        const references = counted.rows[0] as StoreReferences;
        if (Object.values(references).some((count) => count > 0)) return { outcome: 'in_use' as const, references };
        await client.query('DELETE FROM stores WHERE store_id = $1', [storeId]);
        return { outcome: 'deleted' as const };
      });
    },
  };
}
