import { preloadSerialPolicy } from './lazy-serial-policy.ts';

/**
 * Name of the `performance.mark` set when the checkout screen first accepts scans: its
 * scan field is on screen and the open cart is restored. The startup benchmark reads it.
 */
export const CHECKOUT_USABLE_MARK = 'checkout-usable';

let marked = false;

/** Sets CHECKOUT_USABLE_MARK once per page load, then starts loading what serial checks need. */
export function markCheckoutUsable(): void {
  if (marked) return;
  marked = true;
  performance.mark(CHECKOUT_USABLE_MARK);
  preloadSerialPolicy();
}
