import type { Database } from 'better-sqlite3';
import type { PickCompletion } from '../../src/domain/types.ts';
import type { PickListStore, PickListSummary, PickListSummaryQuery } from './pick-list-store.ts';
import { createStatementCache } from './sqlite-statement-cache.ts';

/**
 * Builds the admin's reads of pick lists on SQLite. As for orders, the WHERE clause names
 * only the filters given, so that SQLite can choose the index of that filter, and one
 * statement is prepared per set of filters.
 */
export function createSqlitePickListListing(db: Database): Pick<PickListStore, 'listPickListSummaries' | 'findCompletion'> {
  const prepared = createStatementCache(db);
  const findOne = db.prepare('SELECT content_json, device_id, received_at FROM pick_completions WHERE pick_list_id = ?');

  return {
    async listPickListSummaries(query) {
      const { sql, parameters } = buildPickListSummarySql(query);
      return prepared(sql).all(parameters) as PickListSummary[];
    },

    async findCompletion(pickListId) {
      const row = findOne.get(pickListId) as { content_json: string; device_id: string; received_at: string } | undefined;
      if (row === undefined) return null;
      return { completion: JSON.parse(row.content_json) as PickCompletion, deviceId: row.device_id, receivedAt: row.received_at };
    },
  };
}

function buildPickListSummarySql(query: PickListSummaryQuery): { sql: string; parameters: Record<string, unknown> } {
  const conditions: string[] = [];
  const parameters: Record<string, unknown> = { limit: query.limit };
  if (query.storeId !== undefined) {
    conditions.push('l.store_id = @storeId');
    parameters.storeId = query.storeId;
  }
  if (query.status !== 'all') {
    conditions.push('l.status = @status');
    parameters.status = query.status;
  }
  if (query.after !== undefined) {
    conditions.push('(l.created_at, l.pick_list_id) < (@afterAt, @afterId)');
    parameters.afterAt = query.after.at;
    parameters.afterId = query.after.id;
  }
  const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
  const sql = `
    SELECT l.pick_list_id AS id, l.order_id, l.store_id, l.status, l.created_at,
           c.completed_at, c.received_at, c.device_id,
           (SELECT COUNT(*) FROM pick_list_items AS i WHERE i.pick_list_id = l.pick_list_id) AS line_count,
           (SELECT COALESCE(SUM(i.quantity), 0) FROM pick_list_items AS i WHERE i.pick_list_id = l.pick_list_id) AS unit_count,
           (SELECT COUNT(*) FROM picked_units AS u WHERE u.pick_list_id = l.pick_list_id AND u.serial_number IS NOT NULL) AS serial_count,
           (SELECT COUNT(*) FROM pick_conflicts AS k WHERE k.pick_list_id = l.pick_list_id) AS conflict_count
    FROM pick_lists AS l
    LEFT JOIN pick_completions AS c ON c.pick_list_id = l.pick_list_id
    ${where}
    ORDER BY l.created_at DESC, l.pick_list_id DESC
    LIMIT @limit`;
  return { sql, parameters };
}
