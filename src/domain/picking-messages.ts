// Messages to the associate for picking outcomes. Outcomes that read the same as at
// checkout (a product not found, a serial that fails a check) come from messages.ts, so
// that both screens word them alike.

import { messageFor, type AssociateMessage } from './messages.ts';
import type { PickBlocked, PickOutcome } from './picking-types.ts';

/** Optional facts that make a message more specific. */
export interface PickMessageContext {
  /** Finds the product title of a pick-list line, to name the lines that still need units. */
  lineTitle?(lineId: string): string | undefined;
}

/** Builds the message for a picking outcome or for a pick that cannot be completed yet. */
export function pickMessageFor(outcome: PickOutcome | PickBlocked, ctx: PickMessageContext = {}): AssociateMessage {
  switch (outcome.kind) {
    case 'unit_picked': {
      const title = outcome.product.title ?? `Product ${outcome.product.product_id}`;
      const count = `${outcome.picked} of ${outcome.quantity} picked`;
      return outcome.needs_serial
        ? { tone: 'success', text: `Picked ${title} (${count}). Scan the serial number on the unit.` }
        : { tone: 'success', text: `Picked ${title} (${count}).` };
    }
    case 'pick_serial_captured':
      return { tone: 'success', text: `Serial ${outcome.serial} saved for ${outcome.title}.` };
    case 'not_on_pick_list': {
      const title = outcome.product.title ?? `product ${outcome.product.product_id}`;
      return {
        tone: 'error',
        text: `${outcome.code} is ${title}, which is not on this pick list. Put it back and scan an item from the list.`,
      };
    }
    case 'already_picked_in_full': {
      const title = outcome.product.title ?? `product ${outcome.product.product_id}`;
      const units = outcome.quantity === 1 ? '1 unit' : `all ${outcome.quantity} units`;
      return {
        tone: 'error',
        text: `${title} is already picked in full (${units}). Put this one back, or undo a picked unit to replace it.`,
      };
    }
    case 'serial_on_pick_list': {
      const where = outcome.title === '' ? 'another unit of this pick list' : `another unit of this pick list (${outcome.title})`;
      return {
        tone: 'error',
        text: `Serial ${outcome.serial} is already on ${where}. Scan the serial number of this unit.`,
      };
    }
    case 'serial_is_other_product': {
      const other = outcome.product.title ?? `product ${outcome.product.product_id}`;
      return {
        tone: 'error',
        text:
          `${outcome.serial} is the barcode of ${other}, not a serial. The app is still waiting for the serial ` +
          `of this item. Scan the serial number on the unit, or tap Later to pick ${other} first.`,
      };
    }
    case 'invalid_scan':
      if (outcome.reason === 'unit_not_found') {
        return {
          tone: 'error',
          text: `Serial ${outcome.code} was not saved because its unit was undone meanwhile. Pick the item again.`,
        };
      }
      if (outcome.reason === 'serial_not_needed') {
        return {
          tone: 'info',
          text: `Serial ${outcome.code} was not saved. This unit needs no serial because its product is not serialized.`,
        };
      }
      return messageFor(outcome);
    case 'units_missing':
      return describeMissingUnits(outcome, ctx);
    case 'pick_serials_missing': {
      const count = outcome.units.length;
      const units = count === 1 ? '1 picked unit still needs its serial' : `${count} picked units still need their serials`;
      const titles = outcome.units.map((unit) => unit.title).join(', ');
      return { tone: 'error', text: `${units} (${titles}). Scan the serial of each, then complete the pick.` };
    }
    default:
      return messageFor(outcome);
  }
}

function describeMissingUnits(outcome: Extract<PickBlocked, { kind: 'units_missing' }>, ctx: PickMessageContext): AssociateMessage {
  const total = outcome.lines.reduce((sum, line) => sum + line.missing, 0);
  const units = total === 1 ? '1 unit is still to be picked' : `${total} units are still to be picked`;
  const lines = outcome.lines.map((line) => `${line.missing} × ${ctx.lineTitle?.(line.line_id) ?? `product ${line.product_id}`}`);
  return { tone: 'error', text: `${units} (${lines.join(', ')}). Scan each item, then complete the pick.` };
}
