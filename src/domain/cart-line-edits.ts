// Edits the associate makes to cart lines outside scanning. Each returns a new session.
// A unit needs a serial only while it is serialized and handed over in the store, so a
// shipped line never carries a serial and is never waited for. It keeps its former serial
// aside only so that switching it back to take now can restore it, and the order never contains it.

import type { CartLine, CheckoutSession } from './checkout-types.ts';
import type { Fulfillment } from './types.ts';

/** Tests whether `line` is a serialized unit handed over in the store. */
export function needsSerial(line: CartLine): boolean {
  return line.serialized && line.fulfillment === 'IN_STORE_HANDOVER';
}

/** Lists the units that need a serial and have none yet, in cart order. */
export function linesNeedingSerial(session: CheckoutSession): CartLine[] {
  return session.lines.filter((line) => needsSerial(line) && line.serial_number === undefined);
}

/**
 * Makes the session wait for the serial of `lineId`, as when the associate taps
 * "Add serial" on a line. Also allowed when the line has a serial, to replace it.
 * Returns the session unchanged when the line is missing or needs no serial.
 */
export function askSerialFor(session: CheckoutSession, lineId: string): CheckoutSession {
  const line = session.lines.find((candidate) => candidate.line_id === lineId);
  if (line === undefined || !needsSerial(line)) {
    return session;
  }
  return { ...session, awaiting: { step: 'serial', line_id: lineId } };
}

/** Goes back to waiting for an item. The skipped unit stays in the list of missing serials. */
export function skipSerial(session: CheckoutSession): CheckoutSession {
  if (session.awaiting.step === 'item') {
    return session;
  }
  return { ...session, awaiting: { step: 'item' } };
}

/**
 * Sets how `lineId` is fulfilled. Switching to SHIPPING stops waiting for the line's serial,
 * because a shipped unit's serial is not followed by this app, and moves a captured serial
 * to `set_aside_serial`. Switching back to IN_STORE_HANDOVER clears `set_aside_serial`
 * without restoring it: `changeFulfillment` of checkout-session.ts restores it after the
 * serial checks.
 */
export function setFulfillment(session: CheckoutSession, lineId: string, fulfillment: Fulfillment): CheckoutSession {
  const target = session.lines.find((line) => line.line_id === lineId);
  if (target === undefined || target.fulfillment === fulfillment) {
    return session;
  }

  const changed: CartLine = { ...target, fulfillment };
  delete changed.serial_number;
  delete changed.set_aside_serial;
  if (fulfillment === 'SHIPPING' && target.serial_number !== undefined) {
    changed.set_aside_serial = target.serial_number;
  }
  const lines = session.lines.map((line) => (line === target ? changed : line));
  const awaiting = fulfillment === 'SHIPPING' ? stopWaitingFor(session, [lineId]) : session.awaiting;
  return { lines, awaiting };
}

/** Removes the unit or line `lineId`, together with any serial it carries. */
export function removeLine(session: CheckoutSession, lineId: string): CheckoutSession {
  if (!session.lines.some((line) => line.line_id === lineId)) {
    return session;
  }
  return {
    lines: session.lines.filter((line) => line.line_id !== lineId),
    awaiting: stopWaitingFor(session, [lineId]),
  };
}

/** Returns the item step when the session waits for the serial of one of `lineIds`. */
export function stopWaitingFor(session: CheckoutSession, lineIds: readonly string[]): CheckoutSession['awaiting'] {
  const { awaiting } = session;
  if (awaiting.step === 'serial' && lineIds.includes(awaiting.line_id)) {
    return { step: 'item' };
  }
  return awaiting;
}
