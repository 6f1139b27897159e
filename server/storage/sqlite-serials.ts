import BetterSqlite3, { type Database } from 'better-sqlite3';
import {
  EXPORT_BATCH_ROWS,
  type ExportedCapture,
  type FlaggedConflict,
  type SerialCapture,
  type SerialOwner,
  type SerialStore,
} from './serial-store.ts';

const EXPORT_BUSY_TIMEOUT_MS = 5000;

interface RecordRow {
  kind: 'sale' | 'pick';
  product_id: string;
  order_id: string | null;
  pick_list_id: string | null;
  line_id: string;
  store_id: string;
  captured_at: string;
  received_at: string;
}

interface ConflictRow {
  kind: 'sale' | 'pick';
  product_id: string;
  order_id: string | null;
  pick_list_id: string | null;
  line_id: string;
  reason: string;
  detail: string;
  flagged_at: string;
}

/**
 * Prepares a query for the first recorded sale or pick of a product's serial, and returns
 * a function that runs it. Callers run it inside their write transaction, before writing
 * their own records.
 */
export function prepareFindSerialOwner(db: Database): (productId: string, serialNumber: string) => SerialOwner | undefined {
  const findFirst = db.prepare(`
    SELECT kind, product_id, order_id, pick_list_id, line_id, store_id, captured_at, received_at
    FROM serial_records WHERE product_id = ? AND serial_number = ?
    ORDER BY received_at, kind DESC, record_id LIMIT 1`);

  return (productId, serialNumber) => {
    const row = findFirst.get(productId, serialNumber) as RecordRow | undefined;
    if (row === undefined) return undefined;
    if (row.kind === 'pick') {
      return { kind: 'pick', pick_list_id: row.pick_list_id ?? '', line_id: row.line_id, store_id: row.store_id };
    }
    return { kind: 'sale', order_id: row.order_id ?? '', line_id: row.line_id, store_id: row.store_id };
  };
}

/** Creates the serial lookup over the serials of sales and picks. */
export function createSqliteSerialStore(db: Database): SerialStore {
  // At equal received_at, sales sort before picks, and records of one kind in insertion order.
  const findCaptures = db.prepare(`
    SELECT kind, product_id, order_id, pick_list_id, line_id, store_id, captured_at, received_at
    FROM serial_records
    WHERE serial_number = @serial AND (@product IS NULL OR product_id = @product)
    ORDER BY received_at, kind DESC, record_id`);
  const findFlagged = db.prepare(`
    SELECT kind, product_id, order_id, pick_list_id, line_id, reason, detail, flagged_at
    FROM flagged_conflicts
    WHERE serial_number = @serial AND (@product IS NULL OR product_id = @product)
    ORDER BY flagged_at, kind DESC, conflict_id`);

  return {
    async lookupSerial(query) {
      const parameters = { serial: query.serialNumber, product: query.productId ?? null };
      const captures = (findCaptures.all(parameters) as RecordRow[]).map(toCapture);
      const conflicts = (findFlagged.all(parameters) as ConflictRow[]).map(toFlaggedConflict);
      return { captures, conflicts };
    },

    // The export reads through a read-only connection of its own: the server's connection
    // cannot run other statements while an iteration is open on it, and WAL mode gives this
    // reader one snapshot while orders go on being written.
    async *exportCaptures(query) {
      const reader = new BetterSqlite3(db.name, { readonly: true, fileMustExist: true });
      try {
        reader.pragma(`busy_timeout = ${EXPORT_BUSY_TIMEOUT_MS}`);
        const rows = reader
          .prepare(`
            SELECT kind, product_id, serial_number, order_id, pick_list_id, line_id, store_id, captured_at, received_at
            FROM serial_records
            WHERE received_at >= @from AND received_at < @to AND (@store IS NULL OR store_id = @store)
            ORDER BY received_at, kind DESC, record_id`)
          .iterate({ from: query.from, to: query.to, store: query.storeId ?? null }) as IterableIterator<RecordRow & { serial_number: string }>;
        let batch: ExportedCapture[] = [];
        for (const row of rows) {
          batch.push({ ...toCapture(row), serial_number: row.serial_number });
          if (batch.length < EXPORT_BATCH_ROWS) continue;
          yield batch;
          batch = [];
        }
        if (batch.length > 0) yield batch;
      } finally {
        reader.close();
      }
    },
  };
}

function toCapture({ kind, order_id, pick_list_id, product_id, line_id, store_id, captured_at, received_at }: RecordRow): SerialCapture {
  const rest = { product_id, line_id, store_id, captured_at, received_at };
  if (kind === 'pick') return { kind, pick_list_id: pick_list_id ?? '', ...rest };
  return { kind, order_id: order_id ?? '', ...rest };
}

function toFlaggedConflict({ kind, order_id, pick_list_id, ...rest }: ConflictRow): FlaggedConflict {
  if (kind === 'pick') return { kind, pick_list_id: pick_list_id ?? '', ...rest };
  return { kind, order_id: order_id ?? '', ...rest };
}
