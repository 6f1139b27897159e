// Quantity changes. A plain line simply carries its quantity. A serialized product has
// one line per unit, so its quantity is the number of unit lines of that product with
// the same fulfillment, and changing it adds or removes whole units.

import { stopWaitingFor } from './cart-line-edits.ts';
import type { CartLine, CheckoutSession } from './checkout-types.ts';

/**
 * Sets the quantity of the line `lineId` or, for a serialized product, of its group of
 * unit lines with the same product and fulfillment.
 *
 * A plain line takes the new quantity, and 0 removes it. A serialized group grows by new
 * unit lines without a serial, placed after its last unit, and shrinks by removing units
 * without a serial first, newest first. A unit removed with its serial takes the serial
 * with it, so no serial stays on a unit that no longer exists. Throws a RangeError when
 * `quantity` is not a whole number of 0 or more. Unknown lines leave the session as it is.
 */
export function setQuantity(
  session: CheckoutSession,
  lineId: string,
  quantity: number,
  newLineId: () => string,
): CheckoutSession {
  if (!Number.isSafeInteger(quantity) || quantity < 0) {
    throw new RangeError(`Quantity ${quantity} is not valid. Enter a whole number of 0 or more.`);
  }

  const target = session.lines.find((line) => line.line_id === lineId);
  if (target === undefined) {
    return session;
  }
  if (!target.serialized) {
    return setPlainQuantity(session, target, quantity);
  }

  const group = session.lines.filter(
    (line) => line.serialized && line.product_id === target.product_id && line.fulfillment === target.fulfillment,
  );
  if (quantity > group.length) {
    return addUnits(session, group, quantity - group.length, newLineId);
  }
  if (quantity < group.length) {
    return removeUnits(session, group, group.length - quantity);
  }
  return session;
}

function setPlainQuantity(session: CheckoutSession, target: CartLine, quantity: number): CheckoutSession {
  if (quantity === 0) {
    return { lines: session.lines.filter((line) => line !== target), awaiting: session.awaiting };
  }
  if (quantity === target.quantity) {
    return session;
  }
  return { ...session, lines: session.lines.map((line) => (line === target ? { ...line, quantity } : line)) };
}

function addUnits(
  session: CheckoutSession,
  group: readonly CartLine[],
  count: number,
  newLineId: () => string,
): CheckoutSession {
  const last = group[group.length - 1];
  if (last === undefined) {
    return session;
  }

  const added: CartLine[] = [];
  for (let i = 0; i < count; i += 1) {
    added.push({
      line_id: newLineId(),
      product_id: last.product_id,
      title: last.title,
      serialized: true,
      quantity: 1,
      fulfillment: last.fulfillment,
    });
  }

  const at = session.lines.indexOf(last) + 1;
  const lines = [...session.lines.slice(0, at), ...added, ...session.lines.slice(at)];
  return { ...session, lines };
}

function removeUnits(session: CheckoutSession, group: readonly CartLine[], count: number): CheckoutSession {
  const newestFirst = [...group].reverse();
  const withoutSerial = newestFirst.filter((line) => line.serial_number === undefined);
  const withSerial = newestFirst.filter((line) => line.serial_number !== undefined);
  const removed = new Set([...withoutSerial, ...withSerial].slice(0, count));

  const removedIds = Array.from(removed, (line) => line.line_id);
  return {
    lines: session.lines.filter((line) => !removed.has(line)),
    awaiting: stopWaitingFor(session, removedIds),
  };
}
