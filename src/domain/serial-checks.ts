// Checks on a serial captured for one unit, shared by checkout and picking. The order of
// the checks decides which message the associate gets. A scan of the box barcode or of
// another product usually fails the pattern too, but "that is the item's barcode" helps
// more than "wrong format", so those checks run before the pattern.

import { isOwnCode } from './product-keys.ts';
import { normaliseScanText } from './normalise-scan-text.ts';
import { countCodePoints, SERIAL_MAX_LENGTH } from './serial-length.ts';
import type { SerialPolicy } from './serial-policy.ts';
import type { ConfigSource, Product } from './types.ts';

/** Kind of the item's own code that a serial repeats, so the message names it. */
export type OwnCodeKind = 'barcode' | 'SKU' | 'product id';

/** Names the kind of `product`'s own code that `serial` repeats: its product id, a SKU, or else a barcode. */
export function ownCodeKind(product: Product, serial: string): OwnCodeKind {
  if (serial === product.product_id) return 'product id';
  const identifier = product.external_identifiers.find((candidate) => candidate.value === serial);
  return identifier?.type.toLowerCase() === 'sku' ? 'SKU' : 'barcode';
}

/** Result of checking one serial for one unit. */
export type SerialOutcome =
  | { kind: 'serial_ok'; serial: string }
  | { kind: 'serial_empty' }
  | { kind: 'serial_too_long'; length: number; max: number }
  | { kind: 'serial_is_own_code'; serial: string; code: OwnCodeKind }
  | { kind: 'serial_is_other_product'; serial: string; product: Product }
  | { kind: 'serial_in_order'; serial: string; line_id: string }
  /** `source` is the origin of the format in force: the store's own or the global default. */
  | { kind: 'serial_format'; serial: string; pattern: string; description: string; source: ConfigSource }
  | { kind: 'pattern_unusable'; serial: string; pattern: string; error: string };

/** Facts a serial is checked against. */
export interface SerialCheckContext {
  /** The product of the unit that waits for its serial. */
  product: Product;
  policy: SerialPolicy;
  /** Serials already on the other lines of this order, mapped to their `line_id`. */
  usedSerials: ReadonlyMap<string, string>;
  /** Finds the product for a scanned code, as the item lookup does. */
  findProduct(code: string): Promise<Product | undefined>;
}

/**
 * Checks `raw` as the serial of one unit of `ctx.product`, in this order: normalise,
 * empty, longer than SERIAL_MAX_LENGTH, the product's own code, another product's code,
 * already used in this order, and last the configured pattern. Returns `serial_ok` with
 * the serial exactly as it is to be stored.
 */
export async function checkSerialForUnit(raw: string, ctx: SerialCheckContext): Promise<SerialOutcome> {
  const serial = normaliseScanText(raw).text;
  if (serial === '') {
    return { kind: 'serial_empty' };
  }

  const length = countCodePoints(serial);
  if (length > SERIAL_MAX_LENGTH) {
    return { kind: 'serial_too_long', length, max: SERIAL_MAX_LENGTH };
  }

  if (isOwnCode(ctx.product, serial)) {
    return { kind: 'serial_is_own_code', serial, code: ownCodeKind(ctx.product, serial) };
  }

  const found = await ctx.findProduct(serial);
  if (found !== undefined) {
    // The lookup can reach this product by a key that isOwnCode does not try.
    if (found.product_id === ctx.product.product_id) {
      return { kind: 'serial_is_own_code', serial, code: ownCodeKind(ctx.product, serial) };
    }
    return { kind: 'serial_is_other_product', serial, product: found };
  }

  const usedOnLine = ctx.usedSerials.get(serial);
  if (usedOnLine !== undefined) {
    return { kind: 'serial_in_order', serial, line_id: usedOnLine };
  }

  return checkPattern(serial, ctx.policy);
}

function checkPattern(serial: string, policy: SerialPolicy): SerialOutcome {
  const result = policy.checkNormalised(serial);
  if (result.ok) {
    return { kind: 'serial_ok', serial: result.serial };
  }

  const pattern = result.pattern ?? policy.pattern ?? '';
  switch (result.reason) {
    case 'empty':
      return { kind: 'serial_empty' };
    case 'too_long':
      return { kind: 'serial_too_long', length: result.length ?? countCodePoints(serial), max: SERIAL_MAX_LENGTH };
    case 'format':
      return { kind: 'serial_format', serial, pattern, description: policy.description, source: policy.source };
    case 'pattern_unusable':
      return {
        kind: 'pattern_unusable',
        serial,
        pattern,
        error: policy.compileError ?? 'the pattern did not compile on this device',
      };
  }
}
