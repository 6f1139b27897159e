import type { Pool, PoolClient } from 'pg';
import type { Order } from '../../src/domain/types.ts';
import { createPostgresOrderListing } from './pg-order-listing.ts';
import { selectSerialOwners, toSerialOwners, type SerialOwnerRow } from './pg-serials.ts';
import { withLockedTransaction } from './pg-transaction.ts';
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
 *
 * A new order takes four round trips: BEGIN with the locks, one read of everything that
 * decides the outcome, one write of all its rows, and COMMIT. The read must be a statement of its own
 * after the locks, because in READ COMMITTED a statement sees the rows committed before it
 * started, and only after the locks are the other writers of these serials committed.
 */
export function createPostgresOrderStore(pool: Pool): OrderStore {
  return {
    async recordOrder(request) {
      const { order } = request;
      const serialLines = order.lines.filter((line) => line.serial_number !== undefined);
      const lockNames = [
        orderLockName(order.order_id),
        ...serialLines.map((line) => serialLockName(line.product_id, line.serial_number as string)),
      ];
      return withLockedTransaction(pool, lockNames, async (client) => {
        const stored = await readStoredState(client, order);
        if (stored.content !== null) {
          if (stored.content !== request.contentJson) return { outcome: 'content_mismatch' as const };
          return { outcome: 'resent' as const, conflicts: await readConflicts(client, order.order_id) };
        }

        const conflicts = request.findConflicts(stored.facts);
        await writeOrder(client, request, conflicts);
        return { outcome: 'created' as const, conflicts };
      });
    },
    ...createPostgresOrderListing(pool),
  };
}

interface StoredStateRow {
  stored_content: string | null;
  known_product_ids: string[];
  serial_owners: SerialOwnerRow[];
}

// Reads, in one statement, the stored content of the order (null when it is new) and the
// facts its conflicts depend on. A resend reads the facts too and ignores them, which costs
// less than a second round trip for the nine orders in ten that are new.
async function readStoredState(client: PoolClient, order: Order): Promise<{ content: string | null; facts: OrderFacts }> {
  const serialLines = order.lines.filter((line) => line.serial_number !== undefined);
  const result = await client.query<StoredStateRow>(
    `SELECT
       (SELECT content_json FROM orders WHERE order_id = $1) AS stored_content,
       ARRAY(SELECT product_id FROM products WHERE product_id = ANY($2::text[]) AND NOT deleted) AS known_product_ids,
       (SELECT coalesce(json_agg(owner), '[]'::json) FROM (${selectSerialOwners(3, 4)}) AS owner) AS serial_owners`,
    [
      order.order_id,
      [...new Set(order.lines.map((line) => line.product_id))],
      serialLines.map((line) => line.product_id),
      serialLines.map((line) => line.serial_number),
    ],
  );
  const row = result.rows[0]!;
  return {
    content: row.stored_content,
    facts: { knownProductIds: new Set(row.known_product_ids), serialOwners: toSerialOwners(row.serial_owners) },
  };
}

async function readConflicts(client: PoolClient, orderId: string): Promise<OrderConflict[]> {
  const result = await client.query<OrderConflict & { serial_number: string | null }>(
    `SELECT line_id, product_id, serial_number, reason, detail FROM order_conflicts
     WHERE order_id = $1 ORDER BY conflict_id`,
    [orderId],
  );
  return result.rows.map(({ serial_number, ...rest }) => (serial_number === null ? rest : { ...rest, serial_number }));
}

// Writes the order, its lines, its serials and its conflicts in one statement. The foreign
// keys from serials and conflicts to the lines, and from the lines to the order, are checked
// at the end of the statement, when all four inserts are done. unnest keeps the array order,
// so serial_id and conflict_id follow the order of the lines and of the conflicts.
async function writeOrder(client: PoolClient, request: RecordRequest, conflicts: OrderConflict[]): Promise<void> {
  const { order, receivedAt } = request;
  const serialLines = order.lines.filter((line) => line.serial_number !== undefined);
  await client.query(
    `WITH new_order AS (
       INSERT INTO orders (order_id, store_id, device_id, created_at, fulfillment_type, content_json, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
     ),
     new_lines AS (
       INSERT INTO order_lines (order_id, line_index, line_id, product_id, quantity, fulfillment, serial_number)
       SELECT $1, line_index, line_id, product_id, quantity, fulfillment, serial_number
       FROM unnest($8::int[], $9::text[], $10::text[], $11::int[], $12::text[], $13::text[])
         AS t (line_index, line_id, product_id, quantity, fulfillment, serial_number)
     ),
     new_serials AS (
       INSERT INTO serials (product_id, serial_number, order_id, line_id, store_id, captured_at, received_at)
       SELECT product_id, serial_number, $1, line_id, $2, $4, $7
       FROM unnest($14::text[], $15::text[], $16::text[]) WITH ORDINALITY AS t (product_id, serial_number, line_id, position)
       ORDER BY position
     )
     INSERT INTO order_conflicts (order_id, line_id, product_id, serial_number, reason, detail, flagged_at)
     SELECT $1, line_id, product_id, serial_number, reason, detail, $7
     FROM unnest($17::text[], $18::text[], $19::text[], $20::text[], $21::text[]) WITH ORDINALITY
       AS t (line_id, product_id, serial_number, reason, detail, position)
     ORDER BY position`,
    [
      order.order_id,
      order.store_id,
      request.deviceId,
      order.created_at,
      order.fulfillment_type,
      request.contentJson,
      receivedAt,
      order.lines.map((_line, index) => index),
      order.lines.map((line) => line.line_id),
      order.lines.map((line) => line.product_id),
      order.lines.map((line) => line.quantity),
      order.lines.map((line) => line.fulfillment),
      order.lines.map((line) => line.serial_number ?? null),
      serialLines.map((line) => line.product_id),
      serialLines.map((line) => line.serial_number),
      serialLines.map((line) => line.line_id),
      conflicts.map((conflict) => conflict.line_id),
      conflicts.map((conflict) => conflict.product_id),
      conflicts.map((conflict) => conflict.serial_number ?? null),
      conflicts.map((conflict) => conflict.reason),
      conflicts.map((conflict) => conflict.detail),
    ],
  );
}
