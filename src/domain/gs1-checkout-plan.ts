// Plans for GS1 scans at checkout. A GS1 symbol with a GTIN (AI 01) and a serial (AI 21)
// identifies the item and gives its serial in one scan, because the GTIN still identifies
// the item. A lot (AI 10) is never taken as a serial. checkout-session.ts carries out the
// plan, so these functions only decide and leave the session alone.

import type { CheckoutOutcome, ScanDeps } from './checkout-types.ts';
import type { Gs1ParseResult } from './gs1-element-string.ts';
import type { Product } from './types.ts';

/** A GS1 scan rejected with the outcome to show. */
export interface Gs1Rejection {
  action: 'reject';
  outcome: CheckoutOutcome;
}

/** Plan for a GS1 scan while the session waits for an item. */
export type Gs1ItemPlan =
  | Gs1Rejection
  /** Add one unit of `product`, then capture `serial` on its line when it is set. */
  | { action: 'add_item'; product: Product; serial?: string };

/** Plan for a GS1 scan while the session waits for the serial of one unit. */
export type Gs1SerialPlan = Gs1Rejection | { action: 'capture_serial'; serial: string };

/**
 * Plans a GS1 scan in the item step. The GTIN finds the product. A serialized product
 * also gets the scan's serial, which is then checked like any other. A plain product is
 * added and any serial in the scan is ignored, as nothing is wrong with it.
 */
export async function planGs1ItemScan(gs1: Gs1ParseResult, deps: Pick<ScanDeps, 'findProduct'>): Promise<Gs1ItemPlan> {
  if (!gs1.ok) {
    return reject({ kind: 'gs1_invalid', code: gs1.code, error: gs1.error });
  }
  if (gs1.gtin === undefined) {
    return reject({ kind: 'gs1_no_gtin' });
  }

  const product = await deps.findProduct(gs1.gtin);
  if (product === undefined) {
    return reject({ kind: 'product_not_found', code: gs1.gtin });
  }
  if (gs1.serial === undefined || !product.serialized_inventory) {
    return { action: 'add_item', product };
  }
  return { action: 'add_item', product, serial: gs1.serial };
}

/**
 * Plans a GS1 scan in the serial step for a unit of `productId`. A GTIN in the scan must
 * be this product's, and the scan must carry a serial. A scan without a GTIN, such as a
 * serial label printed as GS1-128 with AI 21 only, gives its serial as it is.
 */
export async function planGs1SerialScan(
  gs1: Gs1ParseResult,
  productId: string,
  deps: Pick<ScanDeps, 'findProduct'>,
): Promise<Gs1SerialPlan> {
  if (!gs1.ok) {
    return reject({ kind: 'gs1_invalid', code: gs1.code, error: gs1.error });
  }

  if (gs1.gtin !== undefined) {
    const product = await deps.findProduct(gs1.gtin);
    if (product === undefined) {
      return reject({ kind: 'gs1_unknown_gtin', gtin: gs1.gtin });
    }
    if (product.product_id !== productId) {
      return reject({ kind: 'serial_is_other_product', serial: gs1.gtin, product });
    }
  }

  if (gs1.serial === undefined) {
    return reject({ kind: 'gs1_no_serial' });
  }
  return { action: 'capture_serial', serial: gs1.serial };
}

function reject(outcome: CheckoutOutcome): Gs1Rejection {
  return { action: 'reject', outcome };
}
