import type { Pool } from 'pg';
import type { PickCompletion } from '../../src/domain/types.ts';
import type { PickListStore, PickListSummary, PickListSummaryQuery } from './pick-list-store.ts';

/**
 * Builds the admin's reads of pick lists on PostgreSQL, with the same rows and order as on
 * SQLite. The WHERE clause names only the filters given, so that the planner can choose the
 * index of that filter.
 */
export function createPostgresPickListListing(pool: Pool): Pick<PickListStore, 'listPickListSummaries' | 'findCompletion'> {
  return {
    async listPickListSummaries(query) {
      const { sql, values } = buildPickListSummarySql(query);
      const result = await pool.query<PickListSummary>(sql, values);
      return result.rows;
    },

    async findCompletion(pickListId) {
      const result = await pool.query<{ content_json: string; device_id: string; received_at: string }>(
        'SELECT content_json, device_id, received_at FROM pick_completions WHERE pick_list_id = $1',
        [pickListId],
      );
      const row = result.rows[0];
      if (row === undefined) return null;
      return { completion: JSON.parse(row.content_json) as PickCompletion, deviceId: row.device_id, receivedAt: row.received_at };
    },
  };
}

function buildPickListSummarySql(query: PickListSummaryQuery): { sql: string; values: unknown[] } {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const bind = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  if (query.storeId !== undefined) conditions.push(`l.store_id = ${bind(query.storeId)}`);
  if (query.status !== 'all') conditions.push(`l.status = ${bind(query.status)}`);
  if (query.after !== undefined) {
    conditions.push(`(l.created_at, l.pick_list_id) < (${bind(query.after.at)}, ${bind(query.after.id)})`);
  }
  const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
  // COUNT and SUM return bigint, which pg returns as a string, so the casts keep the counts numbers.
  const sql = `
    SELECT l.pick_list_id AS id, l.order_id, l.store_id, l.status, l.created_at,
           c.completed_at, c.received_at, c.device_id,
           (SELECT COUNT(*)::int FROM pick_list_items AS i WHERE i.pick_list_id = l.pick_list_id) AS line_count,
           (SELECT COALESCE(SUM(i.quantity), 0)::int FROM pick_list_items AS i WHERE i.pick_list_id = l.pick_list_id) AS unit_count,
           (SELECT COUNT(*)::int FROM picked_units AS u WHERE u.pick_list_id = l.pick_list_id AND u.serial_number IS NOT NULL) AS serial_count,
           (SELECT COUNT(*)::int FROM pick_conflicts AS k WHERE k.pick_list_id = l.pick_list_id) AS conflict_count
    FROM pick_lists AS l
    LEFT JOIN pick_completions AS c ON c.pick_list_id = l.pick_list_id
    ${where}
    ORDER BY l.created_at DESC, l.pick_list_id DESC
    LIMIT ${bind(query.limit)}`;
  return { sql, values };
}
