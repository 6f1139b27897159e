// Edits the associate makes to a pick outside scanning, and counts the screen shows. Each
// edit returns a new session.

import type { PickSession, PickUnit } from './picking-types.ts';

/** Counts the units picked so far for the pick-list line `lineId`. */
export function countPicked(session: PickSession, lineId: string): number {
  return session.units.filter((unit) => unit.line_id === lineId).length;
}

/** Lists the picked units of serialized products that have no serial yet, in pick order. */
export function unitsNeedingSerial(session: PickSession): PickUnit[] {
  return session.units.filter((unit) => unit.serialized && unit.serial_number === undefined);
}

/**
 * Makes the session wait for the serial of `unitId`, as when the associate taps "Add
 * serial" on a unit. Also allowed when the unit has a serial, to replace it. Returns the
 * session unchanged when the unit is missing or needs no serial.
 */
export function askPickSerialFor(session: PickSession, unitId: string): PickSession {
  const unit = session.units.find((candidate) => candidate.unit_id === unitId);
  if (unit === undefined || !unit.serialized) {
    return session;
  }
  return { ...session, awaiting: { step: 'serial', unit_id: unitId } };
}

/** Goes back to waiting for an item. The skipped unit stays among the units needing a serial. */
export function skipPickSerial(session: PickSession): PickSession {
  if (session.awaiting.step === 'item') {
    return session;
  }
  return { ...session, awaiting: { step: 'item' } };
}

/**
 * Puts the picked unit `unitId` back: removes it together with its serial, so the serial
 * can be used on another unit, and stops waiting for it. Unknown units leave the session
 * as it is.
 */
export function undoPickedUnit(session: PickSession, unitId: string): PickSession {
  if (!session.units.some((unit) => unit.unit_id === unitId)) {
    return session;
  }
  const { awaiting } = session;
  return {
    ...session,
    units: session.units.filter((unit) => unit.unit_id !== unitId),
    awaiting: awaiting.step === 'serial' && awaiting.unit_id === unitId ? { step: 'item' } : awaiting,
  };
}
