// Records of the checkout state machine. checkout-session.ts re-exports them, so callers
// import everything from there.

import type { Gs1ErrorCode } from './gs1-element-string.ts';
import type { SerialOutcome } from './serial-checks.ts';
import type { SerialPolicy } from './serial-policy.ts';
import type { Fulfillment, Product } from './types.ts';

/** One cart line. A serialized product has one line per unit, with quantity 1. */
export interface CartLine {
  line_id: string;
  product_id: string;
  /** The product's title when it was added, or its `product_id` when it has none. */
  title: string;
  serialized: boolean;
  quantity: number;
  fulfillment: Fulfillment;
  /** The captured serial. Only serialized lines handed over in the store carry one. */
  serial_number?: string;
  /**
   * The serial the line carried when it was switched to SHIPPING. Switching it back to
   * IN_STORE_HANDOVER before the sale is completed restores it, after the serial checks.
   * It is never part of the order.
   */
  set_aside_serial?: string;
  /** Never set: a line's own codes are looked up from the catalog when a serial is checked. */
  own_codes?: never;
}

/** Step the session waits for: an item, or the serial of one unit line. */
export type AwaitingStep = { step: 'item' } | { step: 'serial'; line_id: string };

/** The open sale. Functions of checkout-session.ts never change a session in place. */
export interface CheckoutSession {
  lines: CartLine[];
  awaiting: AwaitingStep;
}

/** Dependencies of a scan outside the session: catalog lookup, serial policy and line ids. */
export interface ScanDeps {
  findProduct(code: string): Promise<Product | undefined>;
  policy: SerialPolicy;
  newLineId(): string;
}

/**
 * A scan or typed entry that was not used, with the reason. `reason` is one of:
 * `empty`, `too_long` (then `length` is set), `line_not_found` (the line was removed
 * meanwhile) or `serial_not_needed` (the line is not a serialized unit handed over now).
 */
export interface InvalidScan {
  kind: 'invalid_scan';
  code: string;
  reason: string;
  length?: number;
}

/** A serial that failed one of the checks of `checkSerialForUnit`. */
export type SerialRejection = Exclude<SerialOutcome, { kind: 'serial_ok' }>;

/** Result of one scan or typed entry, for the message to the associate. */
export type CheckoutOutcome =
  | { kind: 'item_added'; line_id: string; product: Product; needs_serial: boolean }
  | { kind: 'quantity_increased'; line_id: string; product: Product; quantity: number }
  | { kind: 'serial_captured'; line_id: string; serial: string; product_id: string; title: string }
  | { kind: 'product_not_found'; code: string }
  /** Not found while waiting for an item, but the text matches the serial pattern. */
  | { kind: 'looks_like_serial'; code: string }
  | InvalidScan
  | Gs1Outcome
  | SerialRejection;

/** A GS1 scan that was not used. */
export type Gs1Outcome =
  /** The element string could not be parsed; `error` names the fault. */
  | { kind: 'gs1_invalid'; code: Gs1ErrorCode; error: string }
  /** A GS1 scan without a GTIN (AI 01) while the session waits for an item. */
  | { kind: 'gs1_no_gtin' }
  /** A GS1 scan without a serial (AI 21) while the session waits for a serial. */
  | { kind: 'gs1_no_serial' }
  /** A GS1 scan whose GTIN matches no product while the session waits for a serial. */
  | { kind: 'gs1_unknown_gtin'; gtin: string };

/** A session and what happened to it. */
export interface ScanResult {
  session: CheckoutSession;
  outcome: CheckoutOutcome;
}

/** Effect of a change of fulfillment on the line's serial. */
export type FulfillmentOutcome =
  /** A line switched to SHIPPING lost its serial, which stays set aside on the line. */
  | { kind: 'serial_set_aside'; line_id: string; serial: string; title: string }
  /** A line switched back to IN_STORE_HANDOVER got its set-aside serial back. */
  | { kind: 'serial_restored'; line_id: string; serial: string; title: string }
  /** A line switched back to IN_STORE_HANDOVER whose set-aside serial failed `reason`. */
  | { kind: 'serial_not_restored'; line_id: string; serial: string; title: string; reason: SerialRejection };

/** A session after a change of fulfillment. `outcome` is undefined when no serial was removed or restored. */
export interface FulfillmentResult {
  session: CheckoutSession;
  outcome?: FulfillmentOutcome;
}

/** Reason a sale cannot be completed yet. */
export type CompletionBlocked = { kind: 'cart_empty' } | { kind: 'serial_missing'; line_ids: string[] };
