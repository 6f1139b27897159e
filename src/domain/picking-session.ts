// The picking state machine. As at checkout, the associate identifies an item first and
// only then is a serial asked for, but here the item must also be on the pick list and
// still need units. A GS1 symbol with a GTIN and a serial is the one scan that does both,
// as at checkout. Every function returns a new session and leaves the one it was given
// unchanged.

import { planGs1ItemScan } from './gs1-checkout-plan.ts';
import type { Gs1ParseResult } from './gs1-element-string.ts';
import { readScanInput } from './gs1-scan.ts';
import { lookUpItem } from './item-lookup.ts';
import { capturePickSerial, handlePickSerialScan, toPickOutcome } from './picking-serial.ts';
import type { PickAwaitingStep, PickScanDeps, PickScanResult, PickSession, PickUnit } from './picking-types.ts';
import type { ScanEvent } from './scan-event.ts';
import type { Product } from './types.ts';

export type {
  LineShortfall,
  PickAwaitingStep,
  PickBlocked,
  PickCompletionResult,
  PickOutcome,
  PickScanDeps,
  PickScanResult,
  PickSession,
  PickSessionLine,
  PickUnit,
} from './picking-types.ts';
export { askPickSerialFor, countPicked, skipPickSerial, undoPickedUnit, unitsNeedingSerial } from './picking-edits.ts';
export { completePick, findPickBlocker } from './picking-completion.ts';
export { createPickSession } from './create-pick-session.ts';
export { capturePickSerial, handlePickSerialScan } from './picking-serial.ts';

const ITEM_STEP: PickAwaitingStep = { step: 'item' };

/**
 * Applies one scan, given as a ScanEvent or as raw scanner or keyboard text: as the
 * serial of the unit the session waits for, or else as the barcode, SKU or `product_id`
 * of an item on the pick list.
 */
export async function handlePickScan(
  session: PickSession,
  scan: ScanEvent | string,
  deps: PickScanDeps,
): Promise<PickScanResult> {
  const { awaiting } = session;
  if (awaiting.step === 'serial' && session.units.some((unit) => unit.unit_id === awaiting.unit_id)) {
    return handlePickSerialScan(session, awaiting.unit_id, scan, deps);
  }

  const input = await readScanInput(scan);
  const waiting = { ...session, awaiting: ITEM_STEP };
  if (input.gs1 !== undefined) {
    return pickByGs1(waiting, input.gs1, deps);
  }

  const lookup = await lookUpItem(input.text, deps);
  if (lookup.kind !== 'found') return { session: waiting, outcome: lookup };
  return pickProduct(waiting, lookup.product, input.text, deps.newUnitId);
}

/**
 * Picks one unit of `product` for the first line of that product that still needs units.
 * A serialized unit then waits for its serial. `code` is what was scanned, for messages.
 */
export function pickProduct(session: PickSession, product: Product, code: string, newUnitId: () => string): PickScanResult {
  const lines = session.lines.filter((line) => line.product_id === product.product_id);
  if (lines.length === 0) {
    return { session, outcome: { kind: 'not_on_pick_list', code, product } };
  }

  const pickedOn = (lineId: string) => session.units.filter((unit) => unit.line_id === lineId).length;
  const open = lines.find((line) => pickedOn(line.line_id) < line.quantity);
  if (open === undefined) {
    const quantity = lines.reduce((sum, line) => sum + line.quantity, 0);
    return { session, outcome: { kind: 'already_picked_in_full', code, product, quantity } };
  }

  const unit: PickUnit = {
    unit_id: newUnitId(),
    line_id: open.line_id,
    product_id: product.product_id,
    title: product.title ?? product.product_id,
    serialized: product.serialized_inventory,
  };
  const awaiting: PickAwaitingStep = unit.serialized ? { step: 'serial', unit_id: unit.unit_id } : ITEM_STEP;
  return {
    session: { ...session, units: [...session.units, unit], awaiting },
    outcome: {
      kind: 'unit_picked',
      unit_id: unit.unit_id,
      line_id: open.line_id,
      product,
      picked: pickedOn(open.line_id) + 1,
      quantity: open.quantity,
      needs_serial: unit.serialized,
    },
  };
}

// The GTIN picks the unit. A serial from the same scan that fails its checks leaves the
// unit picked and waiting for its serial, because capturePickSerial then returns the
// session it was given.
async function pickByGs1(session: PickSession, gs1: Gs1ParseResult, deps: PickScanDeps): Promise<PickScanResult> {
  const plan = await planGs1ItemScan(gs1, deps);
  if (plan.action === 'reject') {
    return { session, outcome: toPickOutcome(plan.outcome) };
  }

  const gtin = gs1.ok && gs1.gtin !== undefined ? gs1.gtin : plan.product.product_id;
  const picked = pickProduct(session, plan.product, gtin, deps.newUnitId);
  if (plan.serial === undefined || picked.outcome.kind !== 'unit_picked' || !picked.outcome.needs_serial) {
    return picked;
  }
  return capturePickSerial(picked.session, picked.outcome.unit_id, plan.serial, deps);
}
