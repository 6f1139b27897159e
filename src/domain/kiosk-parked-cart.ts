// Parked carts: open checkouts set aside on the device, to be resumed later with every
// line and captured serial they had.

import type { CheckoutSession } from './checkout-session.ts';

/** A parked cart as the checkout screen lists it. */
export interface ParkedCart {
  id: string;
  session: CheckoutSession;
  /** When it was parked, as an ISO 8601 time. */
  parked_at: string;
}

/** Summary of one parked cart, as the list of parked carts shows it. */
export interface ParkedCartSummary {
  id: string;
  parkedAt: string;
  lineCount: number;
  units: number;
  /** The captured serials, in line order. */
  serials: string[];
  /** Line titles, each once, in line order. */
  titles: string[];
}

/** Tests whether a session contains anything worth parking: a line, and so any captured serial. */
export function hasOpenCart(session: CheckoutSession): boolean {
  return session.lines.length > 0;
}

/** Summarises a parked cart for the list on the checkout screen. */
export function summarizeParkedCart(parked: ParkedCart): ParkedCartSummary {
  const { lines } = parked.session;
  return {
    id: parked.id,
    parkedAt: parked.parked_at,
    lineCount: lines.length,
    units: lines.reduce((sum, line) => sum + line.quantity, 0),
    serials: lines.flatMap((line) => (line.serial_number === undefined ? [] : [line.serial_number])),
    titles: [...new Set(lines.map((line) => line.title))],
  };
}

/** Orders parked carts oldest first, so the cart waiting longest is at the top. */
export function sortParkedCarts(carts: readonly ParkedCart[]): ParkedCart[] {
  return [...carts].sort((a, b) => a.parked_at.localeCompare(b.parked_at) || a.id.localeCompare(b.id));
}
