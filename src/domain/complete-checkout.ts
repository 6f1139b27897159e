// Completion of a sale: the gate on missing serials and the order payload.

import { linesNeedingSerial, needsSerial } from './cart-line-edits.ts';
import type { CheckoutSession, CompletionBlocked } from './checkout-types.ts';
import type { Order, OrderLine } from './types.ts';

/** Identity and time of the order, made by the caller. */
export interface OrderMeta {
  order_id: string;
  store_id: string;
  created_at: string;
}

/**
 * Builds the order for `session`, or returns the reason the sale cannot be completed: an
 * empty cart, or units handed over in the store that still lack a serial. Lines keep cart
 * order. Only serialized in-store lines carry `serial_number`, and `fulfillment_type` is
 * `in_store_purchase` only when every line is handed over now.
 */
export function completeCheckout(
  session: CheckoutSession,
  meta: OrderMeta,
): { ok: true; order: Order } | { ok: false; outcome: CompletionBlocked } {
  if (session.lines.length === 0) {
    return { ok: false, outcome: { kind: 'cart_empty' } };
  }

  const missing = linesNeedingSerial(session);
  if (missing.length > 0) {
    return { ok: false, outcome: { kind: 'serial_missing', line_ids: missing.map((line) => line.line_id) } };
  }

  const lines = session.lines.map((line): OrderLine => {
    const orderLine: OrderLine = {
      line_id: line.line_id,
      product_id: line.product_id,
      quantity: line.quantity,
      fulfillment: line.fulfillment,
    };
    if (needsSerial(line) && line.serial_number !== undefined) {
      orderLine.serial_number = line.serial_number;
    }
    return orderLine;
  });

  const allInStore = session.lines.every((line) => line.fulfillment === 'IN_STORE_HANDOVER');
  return {
    ok: true,
    order: {
      order_id: meta.order_id,
      store_id: meta.store_id,
      created_at: meta.created_at,
      fulfillment_type: allInStore ? 'in_store_purchase' : 'with_shipping',
      lines,
    },
  };
}
