// The item step shared by checkout and picking: a scan names an item by its barcode, SKU
// or product_id. A serial alone never identifies an item, so a code that matches no
// product is "not found", or "looks like a serial" when it has the serial format.

import type { SerialPolicy } from './serial-policy.ts';
import { countCodePoints, SERIAL_MAX_LENGTH } from './serial-length.ts';
import type { Product } from './types.ts';

/** The reason a scan in the item step names no product. */
export type ItemLookupFailure =
  | { kind: 'invalid_scan'; code: string; reason: 'empty' }
  | { kind: 'invalid_scan'; code: string; reason: 'too_long'; length: number }
  | { kind: 'product_not_found'; code: string }
  | { kind: 'looks_like_serial'; code: string };

export type ItemLookup = { kind: 'found'; product: Product } | ItemLookupFailure;

/** Looks up the product that `code` (already normalised) names. */
export async function lookUpItem(
  code: string,
  deps: { findProduct(code: string): Promise<Product | undefined>; policy: SerialPolicy },
): Promise<ItemLookup> {
  if (code === '') return { kind: 'invalid_scan', code, reason: 'empty' };

  const length = countCodePoints(code);
  if (length > SERIAL_MAX_LENGTH) return { kind: 'invalid_scan', code, reason: 'too_long', length };

  const product = await deps.findProduct(code);
  if (product !== undefined) return { kind: 'found', product };

  const looksLikeSerial = deps.policy.pattern !== undefined && deps.policy.checkNormalised(code).ok;
  return { kind: looksLikeSerial ? 'looks_like_serial' : 'product_not_found', code };
}
