// Checks the database after the server bench: every acknowledged order is stored once with
// its lines and serial, and each true duplicate serial is flagged exactly once.
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { PushResult } from './bench-server-devices.ts';

/** The database the bench's server wrote to. */
export type BenchDatabase = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface StoredCounts {
  /** Acknowledged orders that are not in the database. */
  lost: number;
  /** Extra order rows, and order lines whose serial row is there more than once. */
  duplicated: number;
  /** Stored orders whose lines or serial rows are missing. */
  incomplete: number;
  /** True duplicate serials flagged exactly once. */
  duplicatesFlaggedOnce: number;
  /** Conflicts flagged other than the planned duplicates: any means the bench or the server is wrong. */
  unexpectedConflicts: number;
}

const QUERIES = {
  orderIds: `SELECT order_id FROM orders WHERE order_id LIKE 'bench-%'`,
  extraOrderRows: `SELECT COUNT(*) - COUNT(DISTINCT order_id) AS count FROM orders`,
  doubledSerialRows: `SELECT COUNT(*) AS count FROM (
    SELECT order_id, line_id FROM serials GROUP BY order_id, line_id HAVING COUNT(*) > 1) AS doubled`,
  // Every bench order has two lines, and a serial on its first.
  incompleteOrders: `SELECT COUNT(*) AS count FROM orders o
    LEFT JOIN (SELECT order_id, COUNT(*) AS n FROM order_lines GROUP BY order_id) lines ON lines.order_id = o.order_id
    LEFT JOIN (SELECT order_id, COUNT(*) AS n FROM serials GROUP BY order_id) serial_rows ON serial_rows.order_id = o.order_id
    WHERE o.order_id LIKE 'bench-%' AND (COALESCE(lines.n, 0) <> 2 OR COALESCE(serial_rows.n, 0) <> 1)`,
  flags: `SELECT reason, serial_number, COUNT(*) AS count FROM order_conflicts GROUP BY reason, serial_number`,
} as const;

type Row = Record<string, unknown>;

/** Reads the database named by `database` and counts what was lost, doubled or flagged. */
export async function countStored(database: BenchDatabase, push: PushResult): Promise<StoredCounts> {
  const rows = await runQueries(database);
  const storedIds = new Set(rows.orderIds.map((row) => String(row.order_id)));
  let lost = 0;
  for (const id of push.acknowledgedOrderIds) if (!storedIds.has(id)) lost += 1;

  const plannedSerials = new Set(push.duplicates.map((sale) => sale.serialNumber));
  let duplicatesFlaggedOnce = 0;
  let unexpectedConflicts = 0;
  for (const row of rows.flags) {
    const count = Number(row.count);
    const planned = row.reason === 'duplicate_serial' && plannedSerials.has(String(row.serial_number));
    if (planned && count === 1) duplicatesFlaggedOnce += 1;
    else unexpectedConflicts += count;
  }

  return {
    lost,
    duplicated: Number(rows.extraOrderRows[0]?.count) + Number(rows.doubledSerialRows[0]?.count),
    incomplete: Number(rows.incompleteOrders[0]?.count),
    duplicatesFlaggedOnce,
    unexpectedConflicts,
  };
}

async function runQueries(database: BenchDatabase): Promise<Record<keyof typeof QUERIES, Row[]>> {
  const names = Object.keys(QUERIES) as Array<keyof typeof QUERIES>;
  const results = {} as Record<keyof typeof QUERIES, Row[]>;

  if (database.kind === 'sqlite') {
    const db = new BetterSqlite3(database.file, { readonly: true, fileMustExist: true });
    try {
      for (const name of names) results[name] = db.prepare(QUERIES[name]).all() as Row[];
    } finally {
      db.close();
    }
    return results;
  }

  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    for (const name of names) results[name] = (await client.query(QUERIES[name])).rows as Row[];
  } finally {
    await client.end();
  }
  return results;
}
