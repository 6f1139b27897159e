// Types of the serial records that sales and picks share, so that one duplicate check and
// one lookup span both kinds.

/** The earlier record of a product's serial: a sale (order line) or a pick (pick list line). */
export type SerialOwner =
  | { kind: 'sale'; order_id: string; line_id: string; store_id: string }
  | { kind: 'pick'; pick_list_id: string; line_id: string; store_id: string };

interface CaptureTimes {
  product_id: string;
  line_id: string;
  store_id: string;
  /** The device's time: an order's `created_at` or a pick's `completed_at`. */
  captured_at: string;
  /** The server's time when the sale or pick arrived. */
  received_at: string;
}

/** One recorded serial, as the serial lookup lists it. */
export type SerialCapture =
  | ({ kind: 'sale'; order_id: string } & CaptureTimes)
  | ({ kind: 'pick'; pick_list_id: string } & CaptureTimes);

interface FlaggedFields {
  product_id: string;
  line_id: string;
  reason: string;
  detail: string;
  flagged_at: string;
}

/** A conflict flagged on a sale or on a pick, as the serial lookup lists it. */
export type FlaggedConflict =
  | ({ kind: 'sale'; order_id: string } & FlaggedFields)
  | ({ kind: 'pick'; pick_list_id: string } & FlaggedFields);

/** Which captures an export holds: received in `[from, to)`, both ISO 8601 times in UTC. */
export interface CaptureExportQuery {
  from: string;
  to: string;
  storeId?: string;
}

/** A recorded serial as the export lists it. */
export type ExportedCapture = SerialCapture & { serial_number: string };

/** Rows an export hands over at a time: large enough to cut per-row overhead, small enough to stream. */
export const EXPORT_BATCH_ROWS = 500;

export interface SerialStore {
  /**
   * Lists the sales and picks that recorded `serialNumber` (of `productId` when given),
   * oldest first, and the conflicts flagged on that serial.
   */
  lookupSerial(query: { serialNumber: string; productId?: string }): Promise<{
    captures: SerialCapture[];
    conflicts: FlaggedConflict[];
  }>;
  /**
   * Reads the captures of the query in batches, ordered by `received_at`, from one snapshot
   * of the database. Stopping the iteration early releases what it holds.
   */
  exportCaptures(query: CaptureExportQuery): AsyncIterable<ExportedCapture[]>;
}

/** Names the sale or pick that recorded a serial first, for conflict details. */
export function describeSerialOwner(owner: SerialOwner): string {
  const record = owner.kind === 'sale' ? `order ${owner.order_id}` : `pick list ${owner.pick_list_id}`;
  return `${record} (line ${owner.line_id}, store ${owner.store_id})`;
}
