import type { Pool, PoolClient } from 'pg';
import {
  EXPORT_BATCH_ROWS,
  type ExportedCapture,
  type FlaggedConflict,
  type SerialCapture,
  type SerialOwner,
  type SerialStore,
} from './serial-store.ts';
import { serialKey } from './storage.ts';

interface RecordRow {
  kind: 'sale' | 'pick';
  product_id: string;
  serial_number: string;
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

/** A row of `selectSerialOwners`: the first record of one (product, serial) pair. */
export type SerialOwnerRow = RecordRow;

/**
 * Builds the query for the first recorded sale or pick of each (product, serial) pair, with
 * the product ids and serials in the text-array parameters `$productsParam` and
 * `$serialsParam`. "First" is the same order the SQLite store uses.
 */
export function selectSerialOwners(productsParam: number, serialsParam: number): string {
  return `SELECT DISTINCT ON (r.product_id, r.serial_number)
       r.kind, r.product_id, r.serial_number, r.order_id, r.pick_list_id, r.line_id, r.store_id, r.captured_at, r.received_at
     FROM serial_records AS r
     JOIN unnest($${productsParam}::text[], $${serialsParam}::text[]) AS wanted (product_id, serial_number)
       ON r.product_id = wanted.product_id AND r.serial_number = wanted.serial_number
     ORDER BY r.product_id, r.serial_number, r.received_at, r.kind DESC, r.record_id`;
}

/**
 * Finds the first recorded sale or pick of each (product, serial) pair, keyed by
 * `serialKey`. Callers run it inside their write transaction, after locking the serials and
 * before writing their own records.
 */
export async function findSerialOwners(
  client: PoolClient,
  pairs: Array<{ productId: string; serialNumber: string }>,
): Promise<Map<string, SerialOwner>> {
  if (pairs.length === 0) return new Map();
  const result = await client.query<RecordRow>(selectSerialOwners(1, 2), [
    pairs.map((pair) => pair.productId),
    pairs.map((pair) => pair.serialNumber),
  ]);
  return toSerialOwners(result.rows);
}

/** Keys the rows of `selectSerialOwners` by `serialKey`. */
export function toSerialOwners(rows: SerialOwnerRow[]): Map<string, SerialOwner> {
  const owners = new Map<string, SerialOwner>();
  for (const row of rows) {
    const owner: SerialOwner =
      row.kind === 'pick'
        ? { kind: 'pick', pick_list_id: row.pick_list_id ?? '', line_id: row.line_id, store_id: row.store_id }
        : { kind: 'sale', order_id: row.order_id ?? '', line_id: row.line_id, store_id: row.store_id };
    owners.set(serialKey(row.product_id, row.serial_number), owner);
  }
  return owners;
}

/** Creates the serial lookup on PostgreSQL over the serials of sales and picks. */
export function createPostgresSerialStore(pool: Pool): SerialStore {
  return {
    async lookupSerial(query) {
      const parameters = [query.serialNumber, query.productId ?? null];
      // At equal received_at, sales sort before picks, and records of one kind in insertion order.
      const captures = await pool.query<RecordRow>(
        `SELECT kind, product_id, serial_number, order_id, pick_list_id, line_id, store_id, captured_at, received_at
         FROM serial_records
         WHERE serial_number = $1 AND ($2::text IS NULL OR product_id = $2)
         ORDER BY received_at, kind DESC, record_id`,
        parameters,
      );
      const flagged = await pool.query<ConflictRow>(
        `SELECT kind, product_id, order_id, pick_list_id, line_id, reason, detail, flagged_at
         FROM flagged_conflicts
         WHERE serial_number = $1 AND ($2::text IS NULL OR product_id = $2)
         ORDER BY flagged_at, kind DESC, conflict_id`,
        parameters,
      );
      return { captures: captures.rows.map(toCapture), conflicts: flagged.rows.map(toFlaggedConflict) };
    },

    // A cursor in a read-only REPEATABLE READ transaction reads one snapshot in batches; it
    // holds one pooled connection until the export ends or the client goes away.
    async *exportCaptures(query) {
      const client = await pool.connect();
      let failure: Error | undefined;
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        await client.query(
          `DECLARE capture_export NO SCROLL CURSOR FOR
           SELECT kind, product_id, serial_number, order_id, pick_list_id, line_id, store_id, captured_at, received_at
           FROM serial_records
           WHERE received_at >= $1 AND received_at < $2 AND ($3::text IS NULL OR store_id = $3)
           ORDER BY received_at, kind DESC, record_id`,
          [query.from, query.to, query.storeId ?? null],
        );
        for (;;) {
          const page = await client.query<RecordRow>(`FETCH ${EXPORT_BATCH_ROWS} FROM capture_export`);
          if (page.rows.length > 0) {
            yield page.rows.map((row): ExportedCapture => ({ ...toCapture(row), serial_number: row.serial_number }));
          }
          if (page.rows.length < EXPORT_BATCH_ROWS) break;
        }
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
        throw error;
      } finally {
        // Ending the transaction also closes the cursor. A connection that failed is
        // dropped from the pool rather than handed to the next request.
        if (failure === undefined) await client.query('ROLLBACK').catch((error: Error) => (failure = error));
        client.release(failure);
      }
    },
  };
}

function toCapture({ kind, order_id, pick_list_id, serial_number: _serialNumber, ...rest }: RecordRow): SerialCapture {
  if (kind === 'pick') return { kind, pick_list_id: pick_list_id ?? '', ...rest };
  return { kind, order_id: order_id ?? '', ...rest };
}

function toFlaggedConflict({ kind, order_id, pick_list_id, ...rest }: ConflictRow): FlaggedConflict {
  if (kind === 'pick') return { kind, pick_list_id: pick_list_id ?? '', ...rest };
  return { kind, order_id: order_id ?? '', ...rest };
}
