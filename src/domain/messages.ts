// The one catalogue of messages to the associate for checkout outcomes. Each message
// states what happened, to which value, and what to do next.

import type { CheckoutOutcome, CompletionBlocked, FulfillmentOutcome, InvalidScan } from './checkout-types.ts';
import { SERIAL_MAX_LENGTH } from './serial-length.ts';
import type { ConfigSource } from './types.ts';

/** A message for the associate, and how the screen should present it. */
export interface AssociateMessage {
  tone: 'success' | 'error' | 'info';
  text: string;
}

/** Optional facts that make a message more specific. */
export interface MessageContext {
  /** Finds the title of a cart line, to name the units a message refers to. */
  lineTitle?(lineId: string): string | undefined;
}

/**
 * Builds the message for a checkout outcome, a change of fulfillment that removed or
 * restored a serial, or a sale that cannot be completed yet.
 */
export function messageFor(
  outcome: CheckoutOutcome | FulfillmentOutcome | CompletionBlocked,
  ctx: MessageContext = {},
): AssociateMessage {
  switch (outcome.kind) {
    case 'item_added': {
      const title = outcome.product.title ?? `Product ${outcome.product.product_id}`;
      return outcome.needs_serial
        ? { tone: 'success', text: `Added ${title}. Scan the serial number on the unit.` }
        : { tone: 'success', text: `Added ${title}.` };
    }
    case 'quantity_increased': {
      const title = outcome.product.title ?? `Product ${outcome.product.product_id}`;
      return { tone: 'success', text: `Added another ${title}. The quantity is now ${outcome.quantity}.` };
    }
    case 'serial_captured':
      return { tone: 'success', text: `Serial ${outcome.serial} saved for ${outcome.title}.` };
    case 'product_not_found':
      return { tone: 'error', text: `No product has the code ${outcome.code}. Check the code and scan the product barcode.` };
    case 'looks_like_serial':
      return {
        tone: 'error',
        text:
          `${outcome.code} looks like a serial number, but the app needs the product first. ` +
          'Scan the product barcode, then the serial.',
      };
    case 'invalid_scan':
      return describeInvalidScan(outcome);
    case 'gs1_invalid':
      return {
        tone: 'error',
        text: `The GS1 barcode could not be read. ${outcome.error} Scan it again, or scan the product barcode and the serial one by one.`,
      };
    case 'gs1_no_gtin':
      return {
        tone: 'error',
        text: 'This GS1 barcode has no GTIN (AI 01), so it does not name a product. Scan the product barcode first, then the serial.',
      };
    case 'gs1_no_serial':
      return {
        tone: 'error',
        text: 'This GS1 barcode has no serial number (AI 21). Scan the serial number on the unit.',
      };
    case 'gs1_unknown_gtin':
      return {
        tone: 'error',
        text:
          `This GS1 barcode is for GTIN ${outcome.gtin}, which no product in the catalog has. The app is still ` +
          'waiting for the serial of this item. Scan the serial number on the unit.',
      };
    case 'serial_empty':
      return { tone: 'error', text: 'The serial was empty. Scan the serial number on the unit or type it.' };
    case 'serial_too_long':
      return {
        tone: 'error',
        text:
          `The serial has ${outcome.length} characters, more than the ${outcome.max} allowed. ` +
          'Scan the serial number on the unit again or type it.',
      };
    case 'serial_is_own_code':
      return {
        tone: 'error',
        text: `${outcome.serial} is the ${outcome.code} of this item, not its serial. Scan the serial number on the unit.`,
      };
    case 'serial_is_other_product': {
      const other = outcome.product.title ?? `product ${outcome.product.product_id}`;
      return {
        tone: 'error',
        text:
          `${outcome.serial} is the barcode of ${other}, not a serial. The app is still waiting for the serial ` +
          `of this item. Scan the serial number on the unit, or tap Later to add ${other} first.`,
      };
    }
    case 'serial_in_order': {
      const title = ctx.lineTitle?.(outcome.line_id);
      const where = title === undefined ? 'another line of this sale' : `another line of this sale (${title})`;
      return {
        tone: 'error',
        text: `Serial ${outcome.serial} is already on ${where}. Scan the serial number of this unit.`,
      };
    }
    case 'serial_format':
      return {
        tone: 'error',
        text:
          `Serial ${outcome.serial} does not match ${describeFormatSource(outcome.source)} (${outcome.description}). ` +
          'Scan it again or type it.',
      };
    case 'pattern_unusable':
      return {
        tone: 'error',
        text:
          `Serial ${outcome.serial} was not saved because the serial number format "${outcome.pattern}" ` +
          `is invalid on this device (${outcome.error}). Ask an administrator to correct the format.`,
      };
    case 'serial_set_aside':
      return {
        tone: 'info',
        text:
          `Shipped items get no serial at checkout, so serial ${outcome.serial} was removed from ${outcome.title}. ` +
          'To keep it, set the line back to Take now before completing the sale.',
      };
    case 'serial_restored':
      return { tone: 'success', text: `Serial ${outcome.serial} is back on ${outcome.title}, which is taken now.` };
    case 'serial_not_restored':
      return {
        tone: 'error',
        text: `Serial ${outcome.serial} was not put back on ${outcome.title}. ${messageFor(outcome.reason, ctx).text}`,
      };
    case 'cart_empty':
      return { tone: 'info', text: 'The cart is empty. Scan a product barcode to start a sale.' };
    case 'serial_missing':
      return describeMissingSerials(outcome.line_ids, ctx);
  }
}

// A store's own format takes precedence over the global one, which is then the default.
function describeFormatSource(source: ConfigSource): string {
  switch (source) {
    case 'store':
      return 'the format set for this store';
    case 'global':
      return 'the default format for all stores';
    case 'none':
      return 'the serial number format';
  }
}

function describeInvalidScan(outcome: InvalidScan): AssociateMessage {
  switch (outcome.reason) {
    case 'empty':
      return { tone: 'error', text: 'The scan was empty. Scan the barcode again or type it.' };
    case 'too_long':
      return {
        tone: 'error',
        text:
          `The scan has ${outcome.length ?? outcome.code.length} characters, more than the ${SERIAL_MAX_LENGTH} ` +
          'allowed for a code. Scan the product barcode again.',
      };
    case 'line_not_found':
      return {
        tone: 'error',
        text: `Serial ${outcome.code} was not saved because its line is no longer in the cart. Scan the item again.`,
      };
    case 'serial_not_needed':
      return {
        tone: 'info',
        text:
          `Serial ${outcome.code} was not saved. This line needs no serial because it is shipped ` +
          'or is not a serialized product.',
      };
    default:
      return { tone: 'error', text: `The scan ${outcome.code} could not be used (${outcome.reason}). Scan it again.` };
  }
}

function describeMissingSerials(lineIds: readonly string[], ctx: MessageContext): AssociateMessage {
  const count = lineIds.length;
  const units = count === 1 ? '1 item taken now still needs its serial' : `${count} items taken now still need their serials`;
  const titles = lineIds
    .map((lineId) => ctx.lineTitle?.(lineId))
    .filter((title): title is string => title !== undefined);
  const list = titles.length === 0 ? '' : ` (${titles.join(', ')})`;
  return {
    tone: 'error',
    text: `${units}${list}. Scan the serial of each, or set the line to Ship, then complete the sale.`,
  };
}

/**
 * Builds the message for a code that was looked up in an empty catalog: the cause is the
 * missing download, not the code.
 */
export function catalogMissingMessage(code: string): AssociateMessage {
  return {
    tone: 'error',
    text:
      `${code} cannot be looked up because the catalog is not on this device yet. ` +
      'Pair the device in Settings and let it sync once online, then scan again.',
  };
}

/** Builds the confirmation for a sale stored on the device, before the server has it. */
export function saleSavedMessage(units: number): AssociateMessage {
  return {
    tone: 'success',
    text: `Sale saved on this device (${units} ${units === 1 ? 'item' : 'items'}). The status bar shows when the server has it.`,
  };
}
