// Completion of a pick: the gate on missing units and serials, and the payload sent to
// the server.

import type { LineShortfall, PickBlocked, PickCompletionResult, PickSession } from './picking-types.ts';
import type { PickedUnit } from './types.ts';

/**
 * Returns why the pick cannot be completed yet, or undefined when it can. Lines that
 * still need units come first. Missing serials are named only when every unit is picked.
 */
export function findPickBlocker(session: PickSession): PickBlocked | undefined {
  const shortfalls: LineShortfall[] = [];
  for (const line of session.lines) {
    const picked = session.units.filter((unit) => unit.line_id === line.line_id).length;
    if (picked < line.quantity) {
      shortfalls.push({ line_id: line.line_id, product_id: line.product_id, missing: line.quantity - picked });
    }
  }
  if (shortfalls.length > 0) {
    return { kind: 'units_missing', lines: shortfalls };
  }

  const withoutSerial = session.units.filter((unit) => unit.serialized && unit.serial_number === undefined);
  if (withoutSerial.length > 0) {
    return {
      kind: 'pick_serials_missing',
      units: withoutSerial.map((unit) => ({ unit_id: unit.unit_id, title: unit.title })),
    };
  }
  return undefined;
}

/**
 * Builds the completion for `session`, or returns why the pick cannot be completed yet.
 * Units are listed in pick-list line order and, within a line, in the order they were
 * picked. Only units of serialized products carry `serial_number`.
 */
export function completePick(session: PickSession, completedAt: string): PickCompletionResult {
  const blocked = findPickBlocker(session);
  if (blocked !== undefined) {
    return { ok: false, blocked };
  }

  const units: PickedUnit[] = [];
  for (const line of session.lines) {
    for (const unit of session.units) {
      if (unit.line_id !== line.line_id) {
        continue;
      }
      const picked: PickedUnit = { line_id: unit.line_id, product_id: unit.product_id };
      if (unit.serialized && unit.serial_number !== undefined) {
        picked.serial_number = unit.serial_number;
      }
      units.push(picked);
    }
  }
  return { ok: true, completion: { pick_list_id: session.pick_list_id, completed_at: completedAt, units } };
}
