import type { Database } from 'better-sqlite3';
import type { Order } from '../../src/domain/types.ts';
import { createGroupCommit } from './sqlite-group-commit.ts';
import { createSqliteOrderListing } from './sqlite-order-listing.ts';
import { prepareFindSerialOwner } from './sqlite-serials.ts';
import { serialKey, type OrderConflict, type OrderFacts, type OrderStore } from './storage.ts';
import type { SerialOwner } from './serial-store.ts';

interface RecordRequest {
  order: Order;
  deviceId: string;
  contentJson: string;
  receivedAt: string;
  findConflicts: (facts: OrderFacts) => OrderConflict[];
}

/** Creates the store of orders, their lines, the serials they recorded and the conflicts flagged on them, and the admin's reads of them. */
export function createSqliteOrderStore(db: Database): OrderStore {
  const findContent = db.prepare('SELECT content_json FROM orders WHERE order_id = ?').pluck();
  const isKnownProduct = db.prepare('SELECT 1 FROM products WHERE product_id = ? AND deleted = 0').pluck();
  // Runs before the new order is written, so every record found belongs to another order
  // or to a pick.
  const findSerialOwner = prepareFindSerialOwner(db);
  const insertOrder = db.prepare(`
    INSERT INTO orders (order_id, store_id, device_id, created_at, fulfillment_type, content_json, received_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertLine = db.prepare(`
    INSERT INTO order_lines (order_id, line_index, line_id, product_id, quantity, fulfillment, serial_number)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertSerial = db.prepare(`
    INSERT INTO serials (product_id, serial_number, order_id, line_id, store_id, captured_at, received_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertConflict = db.prepare(`
    INSERT INTO order_conflicts (order_id, line_id, product_id, serial_number, reason, detail, flagged_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const listOrderConflicts = db.prepare(`
    SELECT line_id, product_id, serial_number, reason, detail FROM order_conflicts
    WHERE order_id = ? ORDER BY conflict_id`);

  const gatherFacts = (order: Order): OrderFacts => {
    const knownProductIds = new Set<string>();
    const serialOwners = new Map<string, SerialOwner>();
    for (const line of order.lines) {
      if (isKnownProduct.get(line.product_id) !== undefined) knownProductIds.add(line.product_id);
      if (line.serial_number === undefined) continue;
      const owner = findSerialOwner(line.product_id, line.serial_number);
      if (owner) serialOwners.set(serialKey(line.product_id, line.serial_number), owner);
    }
    return { knownProductIds, serialOwners };
  };

  const readConflicts = (orderId: string): OrderConflict[] => {
    const rows = listOrderConflicts.all(orderId) as Array<OrderConflict & { serial_number: string | null }>;
    return rows.map(({ serial_number, ...rest }) => (serial_number === null ? rest : { ...rest, serial_number }));
  };

  const writeOrder = (request: RecordRequest, conflicts: OrderConflict[]): void => {
    const { order, receivedAt } = request;
    insertOrder.run(
      order.order_id,
      order.store_id,
      request.deviceId,
      order.created_at,
      order.fulfillment_type,
      request.contentJson,
      receivedAt,
    );
    order.lines.forEach((line, index) => {
      insertLine.run(
        order.order_id,
        index,
        line.line_id,
        line.product_id,
        line.quantity,
        line.fulfillment,
        line.serial_number ?? null,
      );
      if (line.serial_number === undefined) return;
      insertSerial.run(
        line.product_id,
        line.serial_number,
        order.order_id,
        line.line_id,
        order.store_id,
        order.created_at,
        receivedAt,
      );
    });
    for (const conflict of conflicts) {
      insertConflict.run(
        order.order_id,
        conflict.line_id,
        conflict.product_id,
        conflict.serial_number ?? null,
        conflict.reason,
        conflict.detail,
        receivedAt,
      );
    }
  };

  const record = (request: RecordRequest) => {
    const storedContent = findContent.get(request.order.order_id) as string | undefined;
    if (storedContent !== undefined) {
      if (storedContent !== request.contentJson) return { outcome: 'content_mismatch' as const };
      return { outcome: 'resent' as const, conflicts: readConflicts(request.order.order_id) };
    }

    const conflicts = request.findConflicts(gatherFacts(request.order));
    writeOrder(request, conflicts);
    return { outcome: 'created' as const, conflicts };
  };

  // Each order runs in a savepoint of a group transaction that took the write lock
  // (IMMEDIATE) before any read, so two connections cannot both miss each other's serial
  // and record it twice without a conflict. Orders of one batch run one after the other,
  // so a later one sees an earlier one's serials, and each is acknowledged only after the
  // COMMIT that synced it to disk.
  const groupCommit = createGroupCommit(db);

  return {
    async recordOrder(request) {
      return groupCommit(() => record(request));
    },
    ...createSqliteOrderListing(db),
  };
}
