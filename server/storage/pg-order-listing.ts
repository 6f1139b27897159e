import type { Pool } from 'pg';
import type { Order } from '../../src/domain/types.ts';
import type { OrderListQuery, OrderStore, OrderSummary } from './storage.ts';

/**
 * Builds the admin's reads of orders on PostgreSQL, with the same rows and order as on
 * SQLite. The WHERE clause names only the filters given, so that the planner can choose the
 * index of that filter. order_id compares in the "C" collation, the collation of the indexes.
 */
export function createPostgresOrderListing(pool: Pool): Pick<OrderStore, 'listOrders' | 'findOrder'> {
  return {
    async listOrders(query) {
      const { sql, values } = buildOrderListSql(query);
      const result = await pool.query<OrderSummary>(sql, values);
      return result.rows;
    },

    async findOrder(orderId) {
      const result = await pool.query<{ content_json: string; device_id: string; received_at: string }>(
        'SELECT content_json, device_id, received_at FROM orders WHERE order_id = $1',
        [orderId],
      );
      const row = result.rows[0];
      if (row === undefined) return null;
      return { order: JSON.parse(row.content_json) as Order, deviceId: row.device_id, receivedAt: row.received_at };
    },
  };
}

function buildOrderListSql(query: OrderListQuery): { sql: string; values: unknown[] } {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const bind = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  if (query.storeId !== undefined) conditions.push(`o.store_id = ${bind(query.storeId)}`);
  if (query.deviceId !== undefined) conditions.push(`o.device_id = ${bind(query.deviceId)}`);
  if (query.from !== undefined) conditions.push(`o.received_at >= ${bind(query.from)}`);
  if (query.to !== undefined) conditions.push(`o.received_at < ${bind(query.to)}`);
  if (query.after !== undefined) {
    conditions.push(`(o.received_at, o.order_id COLLATE "C") < (${bind(query.after.at)}, ${bind(query.after.id)})`);
  }
  const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
  // COUNT returns bigint, which pg returns as a string, so the casts keep the counts numbers.
  const sql = `
    SELECT o.order_id, o.store_id, o.device_id, o.created_at, o.received_at, o.fulfillment_type,
           (SELECT COUNT(*)::int FROM order_lines AS l WHERE l.order_id = o.order_id) AS line_count,
           (SELECT COUNT(*)::int FROM order_lines AS l WHERE l.order_id = o.order_id AND l.serial_number IS NOT NULL) AS serial_count,
           (SELECT COUNT(*)::int FROM order_conflicts AS c WHERE c.order_id = o.order_id) AS conflict_count
    FROM orders AS o
    ${where}
    ORDER BY o.received_at DESC, o.order_id COLLATE "C" DESC
    LIMIT ${bind(query.limit)}`;
  return { sql, values };
}
