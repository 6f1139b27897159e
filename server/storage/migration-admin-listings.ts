import type { Migration } from './migrations.ts';

// The admin lists orders newest received first, and pick lists newest created first, in
// pages that continue after the (time, id) of the previous page's last row. Each index
// serves one set of filters (none, a store, a device, a status, a store and a status) in that
// order, so a page reads only its own rows instead of sorting the whole table. The last one
// replaces pick_lists_by_store (store_id, status, created_at), which a device's list used,
// because ending with the id also serves that list's order without a sort.
const SQLITE_ADMIN_LISTINGS_SQL = `
  CREATE INDEX orders_by_received_at ON orders (received_at, order_id);
  CREATE INDEX orders_by_store_received_at ON orders (store_id, received_at, order_id);
  CREATE INDEX orders_by_device_received_at ON orders (device_id, received_at, order_id);
  CREATE INDEX pick_lists_by_created_at ON pick_lists (created_at, pick_list_id);
  CREATE INDEX pick_lists_by_store_created_at ON pick_lists (store_id, created_at, pick_list_id);
  CREATE INDEX pick_lists_by_status_created_at ON pick_lists (status, created_at, pick_list_id);
  CREATE INDEX pick_lists_by_store_status_created_at ON pick_lists (store_id, status, created_at, pick_list_id);
  DROP INDEX pick_lists_by_store;
`;

/** SQLite version 6: indexes for the admin's lists of orders and pick lists. */
export const ADMIN_LISTINGS_MIGRATION: Migration = {
  version: 6,
  name: 'admin order and pick list indexes',
  sql: SQLITE_ADMIN_LISTINGS_SQL,
};

// order_id sorts in the "C" collation, as in SQLite, so that ties on received_at break by
// code point on both databases. The listing queries name the same collation, because
// PostgreSQL would not use these indexes otherwise. pick_list_id and the times are "C"
// columns already.
const POSTGRES_ADMIN_LISTINGS_SQL = `
  CREATE INDEX orders_by_received_at ON orders (received_at, order_id COLLATE "C");
  CREATE INDEX orders_by_store_received_at ON orders (store_id, received_at, order_id COLLATE "C");
  CREATE INDEX orders_by_device_received_at ON orders (device_id, received_at, order_id COLLATE "C");
  CREATE INDEX pick_lists_by_created_at ON pick_lists (created_at, pick_list_id);
  CREATE INDEX pick_lists_by_store_created_at ON pick_lists (store_id, created_at, pick_list_id);
  CREATE INDEX pick_lists_by_status_created_at ON pick_lists (status, created_at, pick_list_id);
  CREATE INDEX pick_lists_by_store_status_created_at ON pick_lists (store_id, status, created_at, pick_list_id);
  DROP INDEX pick_lists_by_store;
`;

/** PostgreSQL version 5: the same indexes as SQLite version 6. */
export const POSTGRES_ADMIN_LISTINGS_MIGRATION: Migration = {
  version: 5,
  name: 'admin order and pick list indexes',
  sql: POSTGRES_ADMIN_LISTINGS_SQL,
};
