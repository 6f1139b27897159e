// Types of the conflict review: the flagged conflicts of sales and picks, and their resolutions.

/** A conflict's name: its kind and the id of its row, e.g. `{ kind: 'sale', rowId: 12 }` for `sale-12`. */
export interface ConflictRef {
  kind: 'sale' | 'pick';
  rowId: number;
}

export interface ConflictResolution {
  resolved_at: string;
  /** The resolver: `admin`, the holder of the admin token. */
  resolved_by: string;
  note: string;
}

interface ReviewFields {
  /** `sale-12` or `pick-7`: the kind and the row id. */
  id: string;
  line_id: string;
  store_id: string;
  product_id: string;
  serial_number: string | null;
  reason: string;
  detail: string;
  flagged_at: string;
  /** Null while the conflict is open. */
  resolution: ConflictResolution | null;
}

/** A flagged conflict as the review lists it. */
export type ConflictReview =
  | ({ kind: 'sale'; order_id: string } & ReviewFields)
  | ({ kind: 'pick'; pick_list_id: string } & ReviewFields);

/** Where a page of the review list starts: after this conflict, in list order. */
export interface ConflictCursor {
  flaggedAt: string;
  kind: 'sale' | 'pick';
  rowId: number;
}

export interface ConflictListQuery {
  status: 'open' | 'resolved' | 'all';
  storeId?: string;
  limit: number;
  after?: ConflictCursor;
}

export type ResolveOutcome = 'resolved' | 'already_resolved' | 'not_found';

export interface ConflictStore {
  /** Lists conflicts oldest flagged first, then by kind and row id, at most `limit`. */
  list(query: ConflictListQuery): Promise<ConflictReview[]>;
  find(ref: ConflictRef): Promise<ConflictReview | null>;
  /** Lists the conflicts flagged on one order, or on one pick list's completion, in the order they were flagged. */
  listFor(record: { kind: 'sale'; orderId: string } | { kind: 'pick'; pickListId: string }): Promise<ConflictReview[]>;
  /** Records the resolution unless the conflict has one already, which then stays as it is. */
  resolve(ref: ConflictRef, resolution: ConflictResolution): Promise<ResolveOutcome>;
}

/** The columns every conflict query selects, before they become a ConflictReview. */
export interface ConflictRow {
  kind: 'sale' | 'pick';
  conflict_id: number | string;
  order_id: string | null;
  pick_list_id: string | null;
  line_id: string;
  store_id: string;
  product_id: string;
  serial_number: string | null;
  reason: string;
  detail: string;
  flagged_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  note: string | null;
}

/** Formats a conflict's public id, e.g. `sale-12`. */
export function formatConflictId(kind: 'sale' | 'pick', rowId: number | string): string {
  return `${kind}-${rowId}`;
}

/** Reads a public conflict id; null when it is not of the form `sale-12` or `pick-7`. */
export function parseConflictId(id: string): ConflictRef | null {
  const match = /^(sale|pick)-([1-9][0-9]{0,14})$/.exec(id);
  if (match === null) return null;
  return { kind: match[1] as 'sale' | 'pick', rowId: Number(match[2]) };
}

/** Turns a row of the conflict queries of either database into a ConflictReview. */
export function toConflictReview(row: ConflictRow): ConflictReview {
  const resolution =
    row.resolved_at === null ? null : { resolved_at: row.resolved_at, resolved_by: row.resolved_by ?? '', note: row.note ?? '' };
  const fields = {
    id: formatConflictId(row.kind, row.conflict_id),
    line_id: row.line_id,
    store_id: row.store_id,
    product_id: row.product_id,
    serial_number: row.serial_number,
    reason: row.reason,
    detail: row.detail,
    flagged_at: row.flagged_at,
    resolution,
  };
  if (row.kind === 'pick') return { kind: 'pick', pick_list_id: row.pick_list_id ?? '', ...fields };
  return { kind: 'sale', order_id: row.order_id ?? '', ...fields };
}
