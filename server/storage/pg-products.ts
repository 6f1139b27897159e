import type { Pool, PoolClient } from 'pg';
import type { Product } from '../../src/domain/types.ts';
import { canonicalJson } from '../canonical-json.ts';
import { lockNames, withTransaction } from './pg-transaction.ts';
import type { CatalogChange, IdentifierConflict, ProductCandidate, ProductStore } from './storage.ts';

interface ProductRow {
  product_id: string;
  product_json: string;
  deleted: boolean;
  change_sequence: string;
}

// Catalog writers take this lock, so change sequences are handed out and committed in the
// same order: a device that has read up to sequence N never misses a later commit below N.
const CATALOG_LOCK_NAME = 'catalog';

/** Creates the products store on PostgreSQL, with the same change feed as the SQLite store. */
export function createPostgresProductStore(pool: Pool): ProductStore {
  const nextSequence = async (client: PoolClient): Promise<number> => {
    const result = await client.query<{ next: string }>('SELECT COALESCE(MAX(change_sequence), 0) + 1 AS next FROM products');
    return Number(result.rows[0]?.next);
  };

  const findProduct = async (client: PoolClient, productId: string): Promise<ProductRow | undefined> => {
    const result = await client.query<ProductRow>(
      'SELECT product_id, product_json, deleted, change_sequence FROM products WHERE product_id = $1',
      [productId],
    );
    return result.rows[0];
  };

  const writeCandidate = async (client: PoolClient, candidate: ProductCandidate, now: string): Promise<IdentifierConflict | null> => {
    const productId = candidate.product.product_id;
    if (candidate.identifierKeys.length > 0) {
      const owners = await client.query<{ identifier_key: string; product_id: string }>(
        'SELECT identifier_key, product_id FROM product_identifiers WHERE identifier_key = ANY($1::text[]) AND product_id <> $2',
        [candidate.identifierKeys.map((identifier) => identifier.key), productId],
      );
      const ownerByKey = new Map(owners.rows.map((row) => [row.identifier_key, row.product_id]));
      // The first identifier of the row that another product holds, as the SQLite store reports it.
      for (const identifier of candidate.identifierKeys) {
        const owner = ownerByKey.get(identifier.key);
        if (owner !== undefined) return { index: candidate.index, identifier, ownerProductId: owner };
      }
    }

    const productJson = canonicalJson(candidate.product);
    const existing = await findProduct(client, productId);
    // An unchanged row keeps its sequence, so a daily full import does not resend the catalog.
    if (existing && !existing.deleted && existing.product_json === productJson) return null;

    await client.query(
      `INSERT INTO products (product_id, product_json, deleted, change_sequence, updated_at)
       VALUES ($1, $2, FALSE, $3, $4)
       ON CONFLICT (product_id) DO UPDATE SET
         product_json = excluded.product_json,
         deleted = FALSE,
         change_sequence = excluded.change_sequence,
         updated_at = excluded.updated_at`,
      [productId, productJson, await nextSequence(client), now],
    );
    await client.query('DELETE FROM product_identifiers WHERE product_id = $1', [productId]);
    if (candidate.identifierKeys.length > 0) {
      await client.query(
        `INSERT INTO product_identifiers (identifier_key, product_id, type, value)
         SELECT key, $1, type, value FROM unnest($2::text[], $3::text[], $4::text[]) AS t (key, type, value)
         ON CONFLICT (identifier_key) DO NOTHING`,
        [
          productId,
          candidate.identifierKeys.map((identifier) => identifier.key),
          candidate.identifierKeys.map((identifier) => identifier.type),
          candidate.identifierKeys.map((identifier) => identifier.value),
        ],
      );
    }
    return null;
  };

  return {
    async countActive() {
      const result = await pool.query<{ count: number }>('SELECT COUNT(*)::int AS count FROM products WHERE NOT deleted');
      return result.rows[0]?.count ?? 0;
    },

    // NOTE: each row costs four round trips, so an import of tens of thousands of rows takes
    // seconds here where SQLite takes a fraction. Batching the rows would remove that.
    async upsertProducts(candidates, now) {
      return withTransaction(pool, async (client) => {
        await lockNames(client, [CATALOG_LOCK_NAME]);
        const conflicts: IdentifierConflict[] = [];
        for (const candidate of candidates) {
          const conflict = await writeCandidate(client, candidate, now);
          if (conflict) conflicts.push(conflict);
        }
        return conflicts;
      });
    },

    async deleteProduct(productId, now) {
      return withTransaction(pool, async (client) => {
        await lockNames(client, [CATALOG_LOCK_NAME]);
        const existing = await findProduct(client, productId);
        if (!existing) return 'not_found' as const;
        if (existing.deleted) return 'already_deleted' as const;
        await client.query('UPDATE products SET deleted = TRUE, change_sequence = $1, updated_at = $2 WHERE product_id = $3', [
          await nextSequence(client),
          now,
          productId,
        ]);
        // Frees the identifiers so that another product may take them.
        await client.query('DELETE FROM product_identifiers WHERE product_id = $1', [productId]);
        return 'deleted' as const;
      });
    },

    async listChanges(afterSequence, limit) {
      // One extra row shows whether another page follows.
      const result = await pool.query<ProductRow>(
        `SELECT product_id, product_json, deleted, change_sequence FROM products
         WHERE change_sequence > $1 ORDER BY change_sequence LIMIT $2`,
        [afterSequence, limit + 1],
      );
      const changes: CatalogChange[] = result.rows.slice(0, limit).map((row) =>
        row.deleted
          ? { sequence: Number(row.change_sequence), deleted: row.product_id }
          : { sequence: Number(row.change_sequence), product: JSON.parse(row.product_json) as Product },
      );
      const lastSequence = changes.at(-1)?.sequence ?? afterSequence;
      // change_sequence is UNIQUE, so this count walks its index, and only when a page follows.
      const remaining =
        result.rows.length > limit
          ? Number(
              (await pool.query<{ count: number }>('SELECT COUNT(*)::int AS count FROM products WHERE change_sequence > $1', [lastSequence]))
                .rows[0]?.count ?? 0,
            )
          : 0;
      return { changes, hasMore: result.rows.length > limit, remaining };
    },
  };
}
