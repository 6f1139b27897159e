// The checkout state machine: the associate identifies an item first, and only then is
// a serial asked for. A serial alone never identifies an item. Every function returns a
// new session and leaves the one it was given unchanged.

import { needsSerial, setFulfillment } from './cart-line-edits.ts';
import type {
  AwaitingStep,
  CartLine,
  CheckoutOutcome,
  CheckoutSession,
  FulfillmentResult,
  ScanDeps,
  ScanResult,
  SerialRejection,
} from './checkout-types.ts';
import { planGs1ItemScan, planGs1SerialScan, type Gs1ItemPlan } from './gs1-checkout-plan.ts';
import { readScanInput } from './gs1-scan.ts';
import { lookUpItem } from './item-lookup.ts';
import type { ScanEvent } from './scan-event.ts';
import { checkSerialForUnit } from './serial-checks.ts';
import { normaliseScanText } from './normalise-scan-text.ts';
import type { Fulfillment, Product } from './types.ts';

export type {
  AwaitingStep,
  CartLine,
  CheckoutOutcome,
  CheckoutSession,
  CompletionBlocked,
  FulfillmentOutcome,
  FulfillmentResult,
  Gs1Outcome,
  InvalidScan,
  ScanDeps,
  ScanResult,
  SerialRejection,
} from './checkout-types.ts';
export {
  askSerialFor,
  linesNeedingSerial,
  needsSerial,
  removeLine,
  setFulfillment,
  skipSerial,
} from './cart-line-edits.ts';
export { setQuantity } from './set-quantity.ts';
export { completeCheckout } from './complete-checkout.ts';

const ITEM_STEP: AwaitingStep = { step: 'item' };

/** Creates an empty session that waits for an item. */
export function createCheckoutSession(): CheckoutSession {
  return { lines: [], awaiting: ITEM_STEP };
}

/**
 * Applies one scan, given as a ScanEvent or as raw scanner or keyboard text: as the
 * serial of the unit the session waits for, or else as an item barcode, SKU or
 * `product_id`. A GS1 element string identifies the item by its GTIN, and one with a
 * serial (AI 21) also fills the new unit's serial.
 */
export async function handleScan(session: CheckoutSession, scan: ScanEvent | string, deps: ScanDeps): Promise<ScanResult> {
  const { awaiting } = session;
  if (awaiting.step === 'serial' && session.lines.some((line) => line.line_id === awaiting.line_id)) {
    return handleSerialScan(session, awaiting.line_id, scan, deps);
  }

  const input = await readScanInput(scan);
  const waiting = { ...session, awaiting: ITEM_STEP };
  if (input.gs1 !== undefined) {
    return applyGs1ItemPlan(waiting, await planGs1ItemScan(input.gs1, deps), deps);
  }

  const lookup = await lookUpItem(input.text, deps);
  if (lookup.kind !== 'found') return { session: waiting, outcome: lookup };
  return addProduct(waiting, lookup.product, deps.newLineId);
}

/**
 * Applies one scan as the serial of the unit on `lineId`. A GS1 element string gives its
 * serial (AI 21) when its GTIN, if it has one, is this unit's product. Any other scan is
 * the serial itself, checked by `captureSerial`.
 */
export async function handleSerialScan(
  session: CheckoutSession,
  lineId: string,
  scan: ScanEvent | string,
  deps: ScanDeps,
): Promise<ScanResult> {
  const input = await readScanInput(scan);
  const target = session.lines.find((line) => line.line_id === lineId);
  if (input.gs1 === undefined || target === undefined || !needsSerial(target)) {
    return captureSerial(session, lineId, input.rawText, deps);
  }

  const plan = await planGs1SerialScan(input.gs1, target.product_id, deps);
  if (plan.action === 'reject') {
    return { session, outcome: plan.outcome };
  }
  return captureSerial(session, lineId, plan.serial, deps);
}

/**
 * Adds one unit of `product`, handed over in the store. A serialized product gets its
 * own line and the session then waits for that unit's serial. A plain product raises
 * the quantity of its in-store line, or gets a new line when it has none.
 */
export function addProduct(session: CheckoutSession, product: Product, newLineId: () => string): ScanResult {
  if (!product.serialized_inventory) {
    const existing = session.lines.find(
      (line) => !line.serialized && line.product_id === product.product_id && line.fulfillment === 'IN_STORE_HANDOVER',
    );
    if (existing !== undefined) {
      const quantity = existing.quantity + 1;
      const lines = session.lines.map((line) => (line === existing ? { ...line, quantity } : line));
      return {
        session: { lines, awaiting: ITEM_STEP },
        outcome: { kind: 'quantity_increased', line_id: existing.line_id, product, quantity },
      };
    }
  }

  const line: CartLine = {
    line_id: newLineId(),
    product_id: product.product_id,
    title: product.title ?? product.product_id,
    serialized: product.serialized_inventory,
    quantity: 1,
    fulfillment: 'IN_STORE_HANDOVER',
  };
  const awaiting: AwaitingStep = line.serialized ? { step: 'serial', line_id: line.line_id } : ITEM_STEP;
  return {
    session: { lines: [...session.lines, line], awaiting },
    outcome: { kind: 'item_added', line_id: line.line_id, product, needs_serial: line.serialized },
  };
}

/**
 * Captures `rawText` as the serial of the unit on `lineId`, after the checks of
 * `checkSerialForUnit`. On success the line carries the serial, replacing any earlier
 * one, and a session that waited for this line waits for an item again. On failure the
 * session is returned unchanged.
 */
export async function captureSerial(
  session: CheckoutSession,
  lineId: string,
  rawText: string,
  deps: ScanDeps,
): Promise<ScanResult> {
  const target = session.lines.find((line) => line.line_id === lineId);
  if (target === undefined) {
    const code = normaliseScanText(rawText).text;
    return { session, outcome: { kind: 'invalid_scan', code, reason: 'line_not_found' } };
  }
  if (!target.serialized || target.fulfillment !== 'IN_STORE_HANDOVER') {
    const code = normaliseScanText(rawText).text;
    return { session, outcome: { kind: 'invalid_scan', code, reason: 'serial_not_needed' } };
  }

  const usedSerials = new Map<string, string>();
  for (const line of session.lines) {
    if (line.line_id !== lineId && line.serial_number !== undefined) {
      usedSerials.set(line.serial_number, line.line_id);
    }
  }

  const product = await findLineProduct(target, deps);

  const result = await checkSerialForUnit(rawText, {
    product,
    policy: deps.policy,
    usedSerials,
    findProduct: deps.findProduct,
  });
  if (result.kind !== 'serial_ok') {
    return { session, outcome: result };
  }

  const lines = session.lines.map((line) => (line === target ? { ...line, serial_number: result.serial } : line));
  const { awaiting } = session;
  const next = awaiting.step === 'serial' && awaiting.line_id === lineId ? ITEM_STEP : awaiting;
  return {
    session: { lines, awaiting: next },
    outcome: {
      kind: 'serial_captured',
      line_id: lineId,
      serial: result.serial,
      product_id: target.product_id,
      title: target.title,
    },
  };
}

/**
 * Sets how `lineId` is fulfilled, as when the associate taps Take now or Ship, and reports
 * what happened to the line's serial. Switching to SHIPPING removes a captured serial and
 * sets it aside on the line (`serial_set_aside`). Switching back to IN_STORE_HANDOVER
 * captures a set-aside serial again with every check of `captureSerial`, so a serial
 * meanwhile used on another line, or no longer matching the format, is not restored
 * (`serial_not_restored`) and the session waits for the line's serial. Without a serial to
 * remove or restore, the outcome is undefined.
 */
export async function changeFulfillment(
  session: CheckoutSession,
  lineId: string,
  fulfillment: Fulfillment,
  deps: ScanDeps,
): Promise<FulfillmentResult> {
  const before = session.lines.find((line) => line.line_id === lineId);
  const switched = setFulfillment(session, lineId, fulfillment);
  if (before === undefined || switched === session) {
    return { session };
  }

  if (fulfillment === 'SHIPPING') {
    if (before.serial_number === undefined) return { session: switched };
    const outcome = { kind: 'serial_set_aside', line_id: lineId, serial: before.serial_number, title: before.title } as const;
    return { session: switched, outcome };
  }

  const serial = before.set_aside_serial;
  if (serial === undefined || !before.serialized) {
    return { session: switched };
  }
  const restored = await captureSerial(switched, lineId, serial, deps);
  const { outcome } = restored;
  if (outcome.kind === 'serial_captured') {
    return {
      session: restored.session,
      outcome: { kind: 'serial_restored', line_id: lineId, serial: outcome.serial, title: before.title },
    };
  }
  if (!isSerialRejection(outcome)) {
    // Not reached: the line exists and needs a serial, so only the serial checks can fail.
    return { session: switched };
  }
  return {
    session: { ...switched, awaiting: { step: 'serial', line_id: lineId } },
    outcome: { kind: 'serial_not_restored', line_id: lineId, serial, title: before.title, reason: outcome },
  };
}

function isSerialRejection(outcome: CheckoutOutcome): outcome is SerialRejection {
  switch (outcome.kind) {
    case 'serial_empty':
    case 'serial_too_long':
    case 'serial_is_own_code':
    case 'serial_is_other_product':
    case 'serial_in_order':
    case 'serial_format':
    case 'pattern_unusable':
      return true;
    default:
      return false;
  }
}

// A serial from the same GS1 scan that fails its checks leaves the unit in the cart,
// waiting for its serial, because captureSerial returns the session it was given.
async function applyGs1ItemPlan(session: CheckoutSession, plan: Gs1ItemPlan, deps: ScanDeps): Promise<ScanResult> {
  if (plan.action === 'reject') {
    return { session, outcome: plan.outcome };
  }

  const added = addProduct(session, plan.product, deps.newLineId);
  if (plan.serial === undefined || added.outcome.kind !== 'item_added') {
    return added;
  }
  return captureSerial(added.session, added.outcome.line_id, plan.serial, deps);
}

// The catalog may have dropped the product since the line was added. The checks then
// run against its product_id only.
async function findLineProduct(line: CartLine, deps: ScanDeps): Promise<Product> {
  const found = await deps.findProduct(line.product_id);
  if (found !== undefined && found.product_id === line.product_id) {
    return found;
  }
  return { product_id: line.product_id, serialized_inventory: true, external_identifiers: [] };
}
