// Records of the picking state machine. picking-session.ts re-exports them, so callers
// import everything from there.

import type { Gs1Outcome, InvalidScan, ScanDeps } from './checkout-types.ts';
import type { SerialOutcome } from './serial-checks.ts';
import type { PickCompletion, Product } from './types.ts';

/** One unit taken from the shelf for a line of the pick list. */
export interface PickUnit {
  /** Made on the device, so that one unit can be undone or given its serial. */
  unit_id: string;
  line_id: string;
  product_id: string;
  /** The product's title when it was picked, or its `product_id` when it has none. */
  title: string;
  /** The product's `serialized_inventory` when the unit was picked. */
  serialized: boolean;
  serial_number?: string;
}

/** Step the session waits for: an item, or the serial of one picked unit. */
export type PickAwaitingStep = { step: 'item' } | { step: 'serial'; unit_id: string };

/** One line of the pick list as the session needs it. */
export interface PickSessionLine {
  line_id: string;
  product_id: string;
  quantity: number;
}

/**
 * Progress on one pick list. Functions of picking-session.ts never change a session in
 * place. `units` keeps the order in which the units were picked.
 */
export interface PickSession {
  pick_list_id: string;
  lines: PickSessionLine[];
  units: PickUnit[];
  awaiting: PickAwaitingStep;
}

/** Dependencies of a scan: catalog lookup, serial policy and unit ids. */
export type PickScanDeps = Pick<ScanDeps, 'findProduct' | 'policy'> & { newUnitId(): string };

/** Result of one scan or typed entry on a pick list, for the message to the associate. */
export type PickOutcome =
  | { kind: 'unit_picked'; unit_id: string; line_id: string; product: Product; picked: number; quantity: number; needs_serial: boolean }
  | { kind: 'pick_serial_captured'; unit_id: string; serial: string; title: string }
  | { kind: 'not_on_pick_list'; code: string; product: Product }
  | { kind: 'already_picked_in_full'; code: string; product: Product; quantity: number }
  | { kind: 'product_not_found'; code: string }
  /** Not found while waiting for an item, but the text matches the serial pattern. */
  | { kind: 'looks_like_serial'; code: string }
  /** `reason` is `empty`, `too_long`, `unit_not_found` or `serial_not_needed`. */
  | InvalidScan
  | Gs1Outcome
  | Exclude<SerialOutcome, { kind: 'serial_ok' | 'serial_in_order' }>
  /** The serial is already on another unit of this pick list. */
  | { kind: 'serial_on_pick_list'; serial: string; unit_id: string; title: string };

/** A session and what happened to it. */
export interface PickScanResult {
  session: PickSession;
  outcome: PickOutcome;
}

/** A line that still needs units. */
export interface LineShortfall {
  line_id: string;
  product_id: string;
  missing: number;
}

/** Reason a pick cannot be completed yet. Units are counted before serials. */
export type PickBlocked =
  | { kind: 'units_missing'; lines: LineShortfall[] }
  | { kind: 'pick_serials_missing'; units: Array<Pick<PickUnit, 'unit_id' | 'title'>> };

/** The completion payload, or the reason the pick cannot be completed yet. */
export type PickCompletionResult = { ok: true; completion: PickCompletion } | { ok: false; blocked: PickBlocked };
