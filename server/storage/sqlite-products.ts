import type { Database } from 'better-sqlite3';
import type { Product } from '../../src/domain/types.ts';
import { canonicalJson } from '../canonical-json.ts';
import type { CatalogChange, IdentifierConflict, ProductCandidate, ProductStore } from './storage.ts';

interface ProductRow {
  product_id: string;
  product_json: string;
  deleted: number;
  change_sequence: number;
}

/** Creates the products store. Every upsert that changes a row, and every delete, takes the next change sequence. */
export function createSqliteProductStore(db: Database): ProductStore {
  const nextSequence = db.prepare('SELECT COALESCE(MAX(change_sequence), 0) + 1 AS next FROM products').pluck();
  const findProduct = db.prepare('SELECT product_id, product_json, deleted, change_sequence FROM products WHERE product_id = ?');
  const findIdentifierOwner = db.prepare('SELECT product_id FROM product_identifiers WHERE identifier_key = ?').pluck();
  const upsertProduct = db.prepare(`
    INSERT INTO products (product_id, product_json, deleted, change_sequence, updated_at)
    VALUES (@product_id, @product_json, 0, @change_sequence, @updated_at)
    ON CONFLICT (product_id) DO UPDATE SET
      product_json = excluded.product_json,
      deleted = 0,
      change_sequence = excluded.change_sequence,
      updated_at = excluded.updated_at`);
  const clearIdentifiers = db.prepare('DELETE FROM product_identifiers WHERE product_id = ?');
  const insertIdentifier = db.prepare(
    'INSERT OR IGNORE INTO product_identifiers (identifier_key, product_id, type, value) VALUES (?, ?, ?, ?)',
  );
  const markDeleted = db.prepare('UPDATE products SET deleted = 1, change_sequence = ?, updated_at = ? WHERE product_id = ?');
  const countActive = db.prepare('SELECT COUNT(*) FROM products WHERE deleted = 0').pluck();
  const listAfter = db.prepare(`
    SELECT product_id, product_json, deleted, change_sequence FROM products
    WHERE change_sequence > ? ORDER BY change_sequence LIMIT ?`);
  // change_sequence is UNIQUE, so SQLite counts in that column's index (a covering index
  // search) without reading the table rows.
  const countAfter = db.prepare('SELECT COUNT(*) FROM products WHERE change_sequence > ?').pluck();

  const writeCandidate = (candidate: ProductCandidate, now: string): IdentifierConflict | null => {
    const productId = candidate.product.product_id;
    for (const identifier of candidate.identifierKeys) {
      const owner = findIdentifierOwner.get(identifier.key) as string | undefined;
      if (owner !== undefined && owner !== productId) {
        return { index: candidate.index, identifier, ownerProductId: owner };
      }
    }

    const productJson = canonicalJson(candidate.product);
    const existing = findProduct.get(productId) as ProductRow | undefined;
    // An unchanged row keeps its sequence, so a daily full import does not resend the catalog.
    if (existing && existing.deleted === 0 && existing.product_json === productJson) return null;

    upsertProduct.run({
      product_id: productId,
      product_json: productJson,
      change_sequence: nextSequence.get() as number,
      updated_at: now,
    });
    clearIdentifiers.run(productId);
    for (const identifier of candidate.identifierKeys) {
      insertIdentifier.run(identifier.key, productId, identifier.type, identifier.value);
    }
    return null;
  };

  const upsertAll = db.transaction((candidates: ProductCandidate[], now: string) => {
    const conflicts: IdentifierConflict[] = [];
    for (const candidate of candidates) {
      const conflict = writeCandidate(candidate, now);
      if (conflict) conflicts.push(conflict);
    }
    return conflicts;
  });

  const deleteOne = db.transaction((productId: string, now: string) => {
    const existing = findProduct.get(productId) as ProductRow | undefined;
    if (!existing) return 'not_found' as const;
    if (existing.deleted === 1) return 'already_deleted' as const;
    markDeleted.run(nextSequence.get() as number, now, productId);
    // Frees the identifiers so that another product may take them.
    clearIdentifiers.run(productId);
    return 'deleted' as const;
  });

  return {
    async countActive() {
      return countActive.get() as number;
    },

    async upsertProducts(candidates, now) {
      return upsertAll(candidates, now);
    },

    async deleteProduct(productId, now) {
      return deleteOne(productId, now);
    },

    async listChanges(afterSequence, limit) {
      // One extra row shows whether another page follows.
      const rows = listAfter.all(afterSequence, limit + 1) as ProductRow[];
      const changes: CatalogChange[] = rows.slice(0, limit).map((row) =>
        row.deleted === 1
          ? { sequence: row.change_sequence, deleted: row.product_id }
          : { sequence: row.change_sequence, product: JSON.parse(row.product_json) as Product },
      );
      const lastSequence = changes.at(-1)?.sequence ?? afterSequence;
      const remaining = rows.length > limit ? (countAfter.get(lastSequence) as number) : 0;
      return { changes, hasMore: rows.length > limit, remaining };
    },
  };
}
