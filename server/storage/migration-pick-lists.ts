import type { Migration } from './migrations.ts';

/**
 * Version 2: pick lists routed to stores, their completions and the units picked.
 *
 * Version 1's `serials` table keeps the sales as they are, because its foreign key points
 * at `order_lines` and rebuilding it would rewrite every recorded sale. A picked unit keeps
 * its serial in `picked_units`, and the view `serial_records` joins both kinds, so that one
 * duplicate check spans sales and picks.
 */
export const PICK_LISTS_MIGRATION: Migration = {
  version: 2,
  name: 'pick lists',
  sql: `
    -- content_json is the pick list as the order system sent it, with sorted keys, so that
    -- an identical resend can be told apart from a different list under the same id.
    CREATE TABLE pick_lists (
      pick_list_id TEXT PRIMARY KEY,
      order_id TEXT NOT NULL,
      store_id TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('open', 'completed')),
      content_json TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE INDEX pick_lists_by_store ON pick_lists (store_id, status, created_at);

    CREATE TABLE pick_list_items (
      pick_list_id TEXT NOT NULL REFERENCES pick_lists (pick_list_id),
      line_index INTEGER NOT NULL,
      line_id TEXT NOT NULL,
      product_id TEXT NOT NULL,
      quantity INTEGER NOT NULL CHECK (quantity > 0),
      PRIMARY KEY (pick_list_id, line_id)
    );

    -- completed_at is the device's clock; received_at is the server's.
    CREATE TABLE pick_completions (
      pick_list_id TEXT PRIMARY KEY REFERENCES pick_lists (pick_list_id),
      device_id TEXT NOT NULL REFERENCES devices (device_id),
      completed_at TEXT NOT NULL,
      content_json TEXT NOT NULL,
      received_at TEXT NOT NULL
    );

    -- unit_index counts the units of one line from 0, in the order the device sent them.
    CREATE TABLE picked_units (
      unit_id INTEGER PRIMARY KEY,
      pick_list_id TEXT NOT NULL REFERENCES pick_completions (pick_list_id),
      line_id TEXT NOT NULL,
      unit_index INTEGER NOT NULL,
      product_id TEXT NOT NULL,
      serial_number TEXT,
      UNIQUE (pick_list_id, line_id, unit_index),
      FOREIGN KEY (pick_list_id, line_id) REFERENCES pick_list_items (pick_list_id, line_id)
    );
    CREATE INDEX picked_units_by_product_serial ON picked_units (product_id, serial_number)
      WHERE serial_number IS NOT NULL;
    CREATE INDEX picked_units_by_serial ON picked_units (serial_number)
      WHERE serial_number IS NOT NULL;

    CREATE TABLE pick_conflicts (
      conflict_id INTEGER PRIMARY KEY,
      pick_list_id TEXT NOT NULL REFERENCES pick_completions (pick_list_id),
      line_id TEXT NOT NULL,
      unit_index INTEGER NOT NULL,
      product_id TEXT NOT NULL,
      serial_number TEXT,
      reason TEXT NOT NULL,
      detail TEXT NOT NULL,
      flagged_at TEXT NOT NULL,
      FOREIGN KEY (pick_list_id, line_id) REFERENCES pick_list_items (pick_list_id, line_id)
    );
    CREATE INDEX pick_conflicts_by_pick_list ON pick_conflicts (pick_list_id);
    CREATE INDEX pick_conflicts_by_serial ON pick_conflicts (serial_number, product_id);

    -- Every recorded serial, sold or picked. record_id orders records of one kind that
    -- share a received_at; it is unique only together with kind.
    CREATE VIEW serial_records AS
      SELECT 'sale' AS kind, serial_id AS record_id, product_id, serial_number,
             order_id, NULL AS pick_list_id, line_id, store_id, captured_at, received_at
      FROM serials
      UNION ALL
      SELECT 'pick', u.unit_id, u.product_id, u.serial_number,
             NULL, u.pick_list_id, u.line_id, l.store_id, c.completed_at, c.received_at
      FROM picked_units AS u
      JOIN pick_completions AS c ON c.pick_list_id = u.pick_list_id
      JOIN pick_lists AS l ON l.pick_list_id = u.pick_list_id
      WHERE u.serial_number IS NOT NULL;

    -- Every flagged conflict, on a sale or on a pick, for the serial lookup.
    CREATE VIEW flagged_conflicts AS
      SELECT 'sale' AS kind, conflict_id, order_id, NULL AS pick_list_id, line_id,
             product_id, serial_number, reason, detail, flagged_at
      FROM order_conflicts
      UNION ALL
      SELECT 'pick', conflict_id, NULL, pick_list_id, line_id,
             product_id, serial_number, reason, detail, flagged_at
      FROM pick_conflicts;
  `,
};
