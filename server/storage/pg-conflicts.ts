import type { Pool } from 'pg';
import { toConflictReview, type ConflictRow, type ConflictStore } from './conflict-store.ts';

// The same rows and order as the SQLite store. kind and flagged_at sort in the "C"
// collation, as in SQLite, so a cursor from one page means the same on every process.
const SELECT_CONFLICTS = `
  SELECT f.*, r.resolved_at, r.resolved_by, r.note
  FROM (
    SELECT 'sale'::text COLLATE "C" AS kind, c.conflict_id, c.order_id, NULL::text AS pick_list_id, c.line_id,
           o.store_id, c.product_id, c.serial_number, c.reason, c.detail, c.flagged_at
    FROM order_conflicts AS c JOIN orders AS o ON o.order_id = c.order_id
    UNION ALL
    SELECT 'pick', c.conflict_id, NULL, c.pick_list_id, c.line_id,
           l.store_id, c.product_id, c.serial_number, c.reason, c.detail, c.flagged_at
    FROM pick_conflicts AS c JOIN pick_lists AS l ON l.pick_list_id = c.pick_list_id
  ) AS f
  LEFT JOIN conflict_resolutions AS r ON r.kind = f.kind AND r.conflict_id = f.conflict_id`;

// The conflicts of one order or pick list, read from their own table as in the SQLite store.
const SELECT_ORDER_CONFLICTS = `
  SELECT 'sale' AS kind, c.conflict_id, c.order_id, NULL AS pick_list_id, c.line_id, o.store_id,
         c.product_id, c.serial_number, c.reason, c.detail, c.flagged_at, r.resolved_at, r.resolved_by, r.note
  FROM order_conflicts AS c JOIN orders AS o ON o.order_id = c.order_id
  LEFT JOIN conflict_resolutions AS r ON r.kind = 'sale' AND r.conflict_id = c.conflict_id
  WHERE c.order_id = $1 ORDER BY c.conflict_id`;
const SELECT_PICK_LIST_CONFLICTS = `
  SELECT 'pick' AS kind, c.conflict_id, NULL AS order_id, c.pick_list_id, c.line_id, l.store_id,
         c.product_id, c.serial_number, c.reason, c.detail, c.flagged_at, r.resolved_at, r.resolved_by, r.note
  FROM pick_conflicts AS c JOIN pick_lists AS l ON l.pick_list_id = c.pick_list_id
  LEFT JOIN conflict_resolutions AS r ON r.kind = 'pick' AND r.conflict_id = c.conflict_id
  WHERE c.pick_list_id = $1 ORDER BY c.conflict_id`;

// Table names come from this fixed map, never from the request.
const CONFLICT_TABLES = { sale: 'order_conflicts', pick: 'pick_conflicts' } as const;

/** Creates the conflict review on PostgreSQL. */
export function createPostgresConflictStore(pool: Pool): ConflictStore {
  return {
    async list(query) {
      const result = await pool.query<ConflictRow>(
        `${SELECT_CONFLICTS}
         WHERE ($1::text IS NULL OR f.store_id = $1)
           AND ($2::text = 'all'
                OR ($2::text = 'open' AND r.conflict_id IS NULL)
                OR ($2::text = 'resolved' AND r.conflict_id IS NOT NULL))
           AND ($3::text IS NULL OR (f.flagged_at, f.kind, f.conflict_id) > ($3::text, $4::text, $5::bigint))
         ORDER BY f.flagged_at, f.kind, f.conflict_id
         LIMIT $6`,
        [
          query.storeId ?? null,
          query.status,
          query.after?.flaggedAt ?? null,
          query.after?.kind ?? null,
          query.after?.rowId ?? null,
          query.limit,
        ],
      );
      return result.rows.map(toConflictReview);
    },

    async find(ref) {
      const result = await pool.query<ConflictRow>(`${SELECT_CONFLICTS} WHERE f.kind = $1 AND f.conflict_id = $2`, [ref.kind, ref.rowId]);
      const row = result.rows[0];
      return row === undefined ? null : toConflictReview(row);
    },

    async listFor(record) {
      const result =
        record.kind === 'sale'
          ? await pool.query<ConflictRow>(SELECT_ORDER_CONFLICTS, [record.orderId])
          : await pool.query<ConflictRow>(SELECT_PICK_LIST_CONFLICTS, [record.pickListId]);
      return result.rows.map(toConflictReview);
    },

    async resolve(ref, resolution) {
      // One statement, so two processes resolving the same conflict at once store one
      // resolution: the primary key turns the second insert into nothing.
      const inserted = await pool.query(
        `INSERT INTO conflict_resolutions (kind, conflict_id, resolved_at, resolved_by, note)
         SELECT $1, $2, $3, $4, $5
         WHERE EXISTS (SELECT 1 FROM ${CONFLICT_TABLES[ref.kind]} WHERE conflict_id = $2)
         ON CONFLICT DO NOTHING`,
        [ref.kind, ref.rowId, resolution.resolved_at, resolution.resolved_by, resolution.note],
      );
      if (inserted.rowCount === 1) return 'resolved';
      const exists = await pool.query(`SELECT 1 FROM ${CONFLICT_TABLES[ref.kind]} WHERE conflict_id = $1`, [ref.rowId]);
      return exists.rowCount === 0 ? 'not_found' : 'already_resolved';
    },
  };
}
