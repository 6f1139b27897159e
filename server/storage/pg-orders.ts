import type { Pool, PoolClient } from 'pg';
import type { Order } from '../../src/domain/types.ts';
import { findSerialOwners } from './pg-serials.ts';
import { lockNames, withTransaction } from './pg-transaction.ts';
import { serialKey, type OrderConflict, type OrderFacts, type OrderStore } from './storage.ts';

type RecordRequest = Parameters<OrderStore['recordOrder']>[0];

/** Names the advisory lock of an order id, shared by every server process on the database. */
export function orderLockName(orderId: string): string {
  return `order:${orderId}`;
}

/** Names the advisory lock of a product's serial, taken by every sale and pick that records it. */
export function serialLockName(productId: string, serialNumber: string): string {
  return `serial:${serialKey(productId, serialNumber)}`;
}

/**
 * Creates the store of orders on PostgreSQL. Each order is written in one transaction that
 * first locks its order id and its serials. So server processes sharing the database store
 * a resent order once, and flag a serial sold twice on exactly one of the two sales.
 */
export function createPostgresOrderStore(pool: Pool): OrderStore {
  return {
    async recordOrder(request) {
      const { order } = request;
      const serialLines = order.lines.filter((line) => line.serial_number !== undefined);
      return withTransaction(pool, async (client) => {
        await lockNames(client, [
          orderLockName(order.order_id),
          ...serialLines.map((line) => serialLockName(line.product_id, line.serial_number as string)),
        ]);

        const stored = await client.query<{ content_json: string }>('SELECT content_json FROM orders WHERE order_id = $1', [order.order_id]);
        const storedContent = stored.rows[0]?.content_json;
        if (storedContent !== undefined) {
          if (storedContent !== request.contentJson) return { outcome: 'content_mismatch' as const };
          return { outcome: 'resent' as const, conflicts: await readConflicts(client, order.order_id) };
        }

        const conflicts = request.findConflicts(await gatherFacts(client, order));
        await writeOrder(client, request, conflicts);
        return { outcome: 'created' as const, conflicts };
      });
    },
  };
}

async function gatherFacts(client: PoolClient, order: Order): Promise<OrderFacts> {
  const productIds = [...new Set(order.lines.map((line) => line.product_id))];
  const known = await client.query<{ product_id: string }>(
    'SELECT product_id FROM products WHERE product_id = ANY($1::text[]) AND NOT deleted',
    [productIds],
  );
  const serialOwners = await findSerialOwners(
    client,
    order.lines.flatMap((line) =>
      line.serial_number === undefined ? [] : [{ productId: line.product_id, serialNumber: line.serial_number }],
    ),
  );
  return { knownProductIds: new Set(known.rows.map((row) => row.product_id)), serialOwners };
}

async function readConflicts(client: PoolClient, orderId: string): Promise<OrderConflict[]> {
  const result = await client.query<OrderConflict & { serial_number: string | null }>(
    `SELECT line_id, product_id, serial_number, reason, detail FROM order_conflicts
     WHERE order_id = $1 ORDER BY conflict_id`,
    [orderId],
  );
  return result.rows.map(({ serial_number, ...rest }) => (serial_number === null ? rest : { ...rest, serial_number }));
}

async function writeOrder(client: PoolClient, request: RecordRequest, conflicts: OrderConflict[]): Promise<void> {
  const { order, receivedAt } = request;
  await client.query(
    `INSERT INTO orders (order_id, store_id, device_id, created_at, fulfillment_type, content_json, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [order.order_id, order.store_id, request.deviceId, order.created_at, order.fulfillment_type, request.contentJson, receivedAt],
  );
  await client.query(
    `INSERT INTO order_lines (order_id, line_index, line_id, product_id, quantity, fulfillment, serial_number)
     SELECT $1, line_index, line_id, product_id, quantity, fulfillment, serial_number
     FROM unnest($2::int[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[])
       AS t (line_index, line_id, product_id, quantity, fulfillment, serial_number)`,
    [
      order.order_id,
      order.lines.map((_line, index) => index),
      order.lines.map((line) => line.line_id),
      order.lines.map((line) => line.product_id),
      order.lines.map((line) => line.quantity),
      order.lines.map((line) => line.fulfillment),
      order.lines.map((line) => line.serial_number ?? null),
    ],
  );
  const serialLines = order.lines.filter((line) => line.serial_number !== undefined);
  if (serialLines.length > 0) {
    // unnest keeps the array order, so serial_id follows the order of the lines.
    await client.query(
      `INSERT INTO serials (product_id, serial_number, order_id, line_id, store_id, captured_at, received_at)
       SELECT product_id, serial_number, $3, line_id, $4, $5, $6
       FROM unnest($1::text[], $2::text[], $7::text[]) WITH ORDINALITY AS t (product_id, serial_number, line_id, position)
       ORDER BY position`,
      [
        serialLines.map((line) => line.product_id),
        serialLines.map((line) => line.serial_number),
        order.order_id,
        order.store_id,
        order.created_at,
        receivedAt,
        serialLines.map((line) => line.line_id),
      ],
    );
  }
  if (conflicts.length > 0) {
    await client.query(
      `INSERT INTO order_conflicts (order_id, line_id, product_id, serial_number, reason, detail, flagged_at)
       SELECT $1, line_id, product_id, serial_number, reason, detail, $2
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY
         AS t (line_id, product_id, serial_number, reason, detail, position)
       ORDER BY position`,
      [
        order.order_id,
        receivedAt,
        conflicts.map((conflict) => conflict.line_id),
        conflicts.map((conflict) => conflict.product_id),
        conflicts.map((conflict) => conflict.serial_number ?? null),
        conflicts.map((conflict) => conflict.reason),
        conflicts.map((conflict) => conflict.detail),
      ],
    );
  }
}
