import type { Database } from 'better-sqlite3';
import { toConflictReview, type ConflictRow, type ConflictStore } from './conflict-store.ts';

// Every flagged conflict with its store and resolution. Sorting by kind ascending puts a
// pick before a sale flagged at the same time, and any fixed order would do for paging.
const SELECT_CONFLICTS = `
  SELECT f.*, r.resolved_at, r.resolved_by, r.note
  FROM (
    SELECT 'sale' AS kind, c.conflict_id, c.order_id, NULL AS pick_list_id, c.line_id, o.store_id,
           c.product_id, c.serial_number, c.reason, c.detail, c.flagged_at
    FROM order_conflicts AS c JOIN orders AS o ON o.order_id = c.order_id
    UNION ALL
    SELECT 'pick', c.conflict_id, NULL, c.pick_list_id, c.line_id, l.store_id,
           c.product_id, c.serial_number, c.reason, c.detail, c.flagged_at
    FROM pick_conflicts AS c JOIN pick_lists AS l ON l.pick_list_id = c.pick_list_id
  ) AS f
  LEFT JOIN conflict_resolutions AS r ON r.kind = f.kind AND r.conflict_id = f.conflict_id`;

/** Creates the conflict review on SQLite. */
export function createSqliteConflictStore(db: Database): ConflictStore {
  const listPage = db.prepare(`${SELECT_CONFLICTS}
    WHERE (@store IS NULL OR f.store_id = @store)
      AND (@status = 'all'
           OR (@status = 'open' AND r.conflict_id IS NULL)
           OR (@status = 'resolved' AND r.conflict_id IS NOT NULL))
      AND (@afterAt IS NULL OR (f.flagged_at, f.kind, f.conflict_id) > (@afterAt, @afterKind, @afterId))
    ORDER BY f.flagged_at, f.kind, f.conflict_id
    LIMIT @limit`);
  const findOne = db.prepare(`${SELECT_CONFLICTS} WHERE f.kind = ? AND f.conflict_id = ?`);
  // The conflicts of one order or pick list come from their own table, because a filter on
  // SELECT_CONFLICTS would still scan the whole table of the other kind.
  const listForOrder = db.prepare(`
    SELECT 'sale' AS kind, c.conflict_id, c.order_id, NULL AS pick_list_id, c.line_id, o.store_id,
           c.product_id, c.serial_number, c.reason, c.detail, c.flagged_at, r.resolved_at, r.resolved_by, r.note
    FROM order_conflicts AS c JOIN orders AS o ON o.order_id = c.order_id
    LEFT JOIN conflict_resolutions AS r ON r.kind = 'sale' AND r.conflict_id = c.conflict_id
    WHERE c.order_id = ? ORDER BY c.conflict_id`);
  const listForPickList = db.prepare(`
    SELECT 'pick' AS kind, c.conflict_id, NULL AS order_id, c.pick_list_id, c.line_id, l.store_id,
           c.product_id, c.serial_number, c.reason, c.detail, c.flagged_at, r.resolved_at, r.resolved_by, r.note
    FROM pick_conflicts AS c JOIN pick_lists AS l ON l.pick_list_id = c.pick_list_id
    LEFT JOIN conflict_resolutions AS r ON r.kind = 'pick' AND r.conflict_id = c.conflict_id
    WHERE c.pick_list_id = ? ORDER BY c.conflict_id`);
  const saleExists = db.prepare('SELECT 1 FROM order_conflicts WHERE conflict_id = ?').pluck();
  const pickExists = db.prepare('SELECT 1 FROM pick_conflicts WHERE conflict_id = ?').pluck();
  const insertResolution = db.prepare(`
    INSERT INTO conflict_resolutions (kind, conflict_id, resolved_at, resolved_by, note)
    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);

  const resolve = db.transaction((kind: 'sale' | 'pick', rowId: number, resolution: { resolved_at: string; resolved_by: string; note: string }) => {
    const exists = kind === 'sale' ? saleExists.get(rowId) : pickExists.get(rowId);
    if (exists === undefined) return 'not_found' as const;
    const inserted = insertResolution.run(kind, rowId, resolution.resolved_at, resolution.resolved_by, resolution.note);
    return inserted.changes === 1 ? ('resolved' as const) : ('already_resolved' as const);
  });

  return {
    async list(query) {
      const rows = listPage.all({
        store: query.storeId ?? null,
        status: query.status,
        afterAt: query.after?.flaggedAt ?? null,
        afterKind: query.after?.kind ?? null,
        afterId: query.after?.rowId ?? null,
        limit: query.limit,
      }) as ConflictRow[];
      return rows.map(toConflictReview);
    },

    async find(ref) {
      const row = findOne.get(ref.kind, ref.rowId) as ConflictRow | undefined;
      return row === undefined ? null : toConflictReview(row);
    },

    async listFor(record) {
      const rows = record.kind === 'sale' ? listForOrder.all(record.orderId) : listForPickList.all(record.pickListId);
      return (rows as ConflictRow[]).map(toConflictReview);
    },

    async resolve(ref, resolution) {
      return resolve(ref.kind, ref.rowId, resolution);
    },
  };
}
