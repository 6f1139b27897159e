// Serial capture for picked units, with the same checks as checkout. The serials of the
// other units of the pick list count as already used.

import type { CheckoutOutcome } from './checkout-types.ts';
import { planGs1SerialScan } from './gs1-checkout-plan.ts';
import { readScanInput } from './gs1-scan.ts';
import type { PickOutcome, PickScanDeps, PickScanResult, PickSession, PickUnit } from './picking-types.ts';
import type { ScanEvent } from './scan-event.ts';
import { checkSerialForUnit } from './serial-checks.ts';
import { normaliseScanText } from './normalise-scan-text.ts';
import type { Product } from './types.ts';

/**
 * Applies one scan as the serial of the picked unit `unitId`. A GS1 element string gives
 * its serial (AI 21) when its GTIN, if it has one, is this unit's product. Any other scan
 * is the serial itself, checked by `capturePickSerial`.
 */
export async function handlePickSerialScan(
  session: PickSession,
  unitId: string,
  scan: ScanEvent | string,
  deps: PickScanDeps,
): Promise<PickScanResult> {
  const input = await readScanInput(scan);
  const target = session.units.find((unit) => unit.unit_id === unitId);
  if (input.gs1 === undefined || target === undefined || !target.serialized) {
    return capturePickSerial(session, unitId, input.rawText, deps);
  }

  const plan = await planGs1SerialScan(input.gs1, target.product_id, deps);
  if (plan.action === 'reject') {
    return { session, outcome: toPickOutcome(plan.outcome) };
  }
  return capturePickSerial(session, unitId, plan.serial, deps);
}

/**
 * Captures `rawText` as the serial of the picked unit `unitId`, with the checks of
 * `checkSerialForUnit` and with the serials of the other units of this pick list as the
 * ones already used. On success the unit carries the serial, replacing any earlier one,
 * and a session that waited for this unit waits for an item again. On failure the
 * session is returned unchanged.
 */
export async function capturePickSerial(
  session: PickSession,
  unitId: string,
  rawText: string,
  deps: PickScanDeps,
): Promise<PickScanResult> {
  const target = session.units.find((unit) => unit.unit_id === unitId);
  if (target === undefined || !target.serialized) {
    const code = normaliseScanText(rawText).text;
    const reason = target === undefined ? 'unit_not_found' : 'serial_not_needed';
    return { session, outcome: { kind: 'invalid_scan', code, reason } };
  }

  const usedSerials = new Map<string, string>();
  for (const unit of session.units) {
    if (unit.unit_id !== unitId && unit.serial_number !== undefined) {
      usedSerials.set(unit.serial_number, unit.unit_id);
    }
  }

  const product = await findUnitProduct(target, deps);
  const result = await checkSerialForUnit(rawText, {
    product,
    policy: deps.policy,
    usedSerials,
    findProduct: deps.findProduct,
  });
  if (result.kind === 'serial_in_order') {
    const other = session.units.find((unit) => unit.unit_id === result.line_id);
    const title = other?.title ?? '';
    return { session, outcome: { kind: 'serial_on_pick_list', serial: result.serial, unit_id: result.line_id, title } };
  }
  if (result.kind !== 'serial_ok') {
    return { session, outcome: result };
  }

  const units = session.units.map((unit) => (unit === target ? { ...unit, serial_number: result.serial } : unit));
  const { awaiting } = session;
  const waitedForThis = awaiting.step === 'serial' && awaiting.unit_id === unitId;
  const next: PickSession['awaiting'] = waitedForThis ? { step: 'item' } : awaiting;
  return {
    session: { ...session, units, awaiting: next },
    outcome: { kind: 'pick_serial_captured', unit_id: unitId, serial: result.serial, title: target.title },
  };
}

// The catalog may have dropped the product since the unit was picked. The checks then
// run against its product_id only.
async function findUnitProduct(unit: PickUnit, deps: PickScanDeps): Promise<Product> {
  const found = await deps.findProduct(unit.product_id);
  if (found !== undefined && found.product_id === unit.product_id) {
    return found;
  }
  return { product_id: unit.product_id, serialized_inventory: true, external_identifiers: [] };
}

/**
 * Narrows an outcome of the checkout GS1 planners to a picking outcome. They reject only
 * with GS1 outcomes, `product_not_found` and `serial_is_other_product`. The checkout-only
 * kinds are mapped to an invalid scan so that a change there cannot pass unnoticed.
 */
export function toPickOutcome(outcome: CheckoutOutcome): PickOutcome {
  switch (outcome.kind) {
    case 'item_added':
    case 'quantity_increased':
    case 'serial_captured':
    case 'serial_in_order':
      return { kind: 'invalid_scan', code: '', reason: outcome.kind };
    default:
      return outcome;
  }
}
