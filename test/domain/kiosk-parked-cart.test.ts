import { describe, expect, it } from 'vitest';
import type { CheckoutSession } from '../../src/domain/checkout-session.ts';
import { hasOpenCart, sortParkedCarts, summarizeParkedCart, type ParkedCart } from '../../src/domain/kiosk-parked-cart.ts';

const LAPTOP_CART: CheckoutSession = {
  lines: [
    { line_id: 'L1', product_id: '1001', title: 'Laptop', serialized: true, quantity: 1, fulfillment: 'IN_STORE_HANDOVER', serial_number: 'C02XK1ABCD1234' },
    { line_id: 'L2', product_id: '1001', title: 'Laptop', serialized: true, quantity: 1, fulfillment: 'IN_STORE_HANDOVER' },
    { line_id: 'L3', product_id: 'APP-1017', title: 'T-shirt', serialized: false, quantity: 3, fulfillment: 'IN_STORE_HANDOVER' },
  ],
  awaiting: { step: 'serial', line_id: 'L2' },
};

function parked(id: string, parkedAt: string, session: CheckoutSession = LAPTOP_CART): ParkedCart {
  return { id, session, parked_at: parkedAt };
}

describe('hasOpenCart', () => {
  it('is false for an empty cart', () => {
    expect(hasOpenCart({ lines: [], awaiting: { step: 'item' } })).toBe(false);
  });

  it('is true with a line', () => {
    expect(hasOpenCart(LAPTOP_CART)).toBe(true);
  });
});

describe('summarizeParkedCart', () => {
  const summary = summarizeParkedCart(parked('p1', '2026-12-04T10:00:00.000Z'));

  it('counts lines', () => {
    expect(summary.lineCount).toBe(3);
  });

  it('counts units', () => {
    expect(summary.units).toBe(5);
  });

  it('lists captured serials only', () => {
    expect(summary.serials).toEqual(['C02XK1ABCD1234']);
  });

  it('lists each title once', () => {
    expect(summary.titles).toEqual(['Laptop', 'T-shirt']);
  });

  it('keeps id and time', () => {
    expect(summary.id).toBe('p1');
    expect(summary.parkedAt).toBe('2026-12-04T10:00:00.000Z');
  });
});

describe('sortParkedCarts', () => {
  it('puts the oldest first', () => {
    const carts = [parked('b', '2026-12-04T10:05:00.000Z'), parked('a', '2026-12-04T10:00:00.000Z')];
    expect(sortParkedCarts(carts).map((cart) => cart.id)).toEqual(['a', 'b']);
  });

  it('leaves its input unchanged', () => {
    const carts = [parked('b', '2026-12-04T10:05:00.000Z'), parked('a', '2026-12-04T10:00:00.000Z')];
    sortParkedCarts(carts);
    expect(carts.map((cart) => cart.id)).toEqual(['b', 'a']);
  });
});
