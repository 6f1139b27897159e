import type { Database } from 'better-sqlite3';
import type { Order } from '../../src/domain/types.ts';
import type { OrderListQuery, OrderStore, OrderSummary } from './storage.ts';
import { createStatementCache } from './sqlite-statement-cache.ts';

/**
 * Builds the admin's reads of orders on SQLite. The list's WHERE clause names only the
 * filters given, because a clause such as `(? IS NULL OR store_id = ?)` would keep SQLite
 * from choosing the index of that filter. One statement is prepared per set of filters.
 */
export function createSqliteOrderListing(db: Database): Pick<OrderStore, 'listOrders' | 'findOrder'> {
  const prepared = createStatementCache(db);
  const findOne = db.prepare('SELECT content_json, device_id, received_at FROM orders WHERE order_id = ?');

  return {
    async listOrders(query) {
      const { sql, parameters } = buildOrderListSql(query);
      return prepared(sql).all(parameters) as OrderSummary[];
    },

    async findOrder(orderId) {
      const row = findOne.get(orderId) as { content_json: string; device_id: string; received_at: string } | undefined;
      if (row === undefined) return null;
      return { order: JSON.parse(row.content_json) as Order, deviceId: row.device_id, receivedAt: row.received_at };
    },
  };
}

function buildOrderListSql(query: OrderListQuery): { sql: string; parameters: Record<string, unknown> } {
  const conditions: string[] = [];
  const parameters: Record<string, unknown> = { limit: query.limit };
  if (query.storeId !== undefined) {
    conditions.push('o.store_id = @storeId');
    parameters.storeId = query.storeId;
  }
  if (query.deviceId !== undefined) {
    conditions.push('o.device_id = @deviceId');
    parameters.deviceId = query.deviceId;
  }
  if (query.from !== undefined) {
    conditions.push('o.received_at >= @from');
    parameters.from = query.from;
  }
  if (query.to !== undefined) {
    conditions.push('o.received_at < @to');
    parameters.to = query.to;
  }
  if (query.after !== undefined) {
    conditions.push('(o.received_at, o.order_id) < (@afterAt, @afterId)');
    parameters.afterAt = query.after.at;
    parameters.afterId = query.after.id;
  }
  const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
  const sql = `
    SELECT o.order_id, o.store_id, o.device_id, o.created_at, o.received_at, o.fulfillment_type,
           (SELECT COUNT(*) FROM order_lines AS l WHERE l.order_id = o.order_id) AS line_count,
           (SELECT COUNT(*) FROM order_lines AS l WHERE l.order_id = o.order_id AND l.serial_number IS NOT NULL) AS serial_count,
           (SELECT COUNT(*) FROM order_conflicts AS c WHERE c.order_id = o.order_id) AS conflict_count
    FROM orders AS o
    ${where}
    ORDER BY o.received_at DESC, o.order_id DESC
    LIMIT @limit`;
  return { sql, parameters };
}
