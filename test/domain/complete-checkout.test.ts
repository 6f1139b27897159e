import { describe, expect, it } from 'vitest';
import {
  completeCheckout,
  createCheckoutSession,
  setFulfillment,
  setQuantity,
  skipSerial,
} from '../../src/domain/checkout-session.ts';
import type { CheckoutSession } from '../../src/domain/checkout-session.ts';
import type { Order } from '../../src/domain/types.ts';
import { makeScanDeps, scanAll } from './scan-deps.ts';

const LAPTOP = '9506000010014';
const PHONE = '9506000010045';
const TSHIRT = '9506000010175';
const SERIAL_A = 'C02XK1ABCD1234';

const META = { order_id: 'order-1', store_id: 'store-001', created_at: '2025-01-02T10:00:00.000Z' };

function completeOrThrow(session: CheckoutSession): Order {
  const result = completeCheckout(session, META);
  if (!result.ok) {
    throw new Error(`Checkout was blocked: ${JSON.stringify(result.outcome)}`);
  }
  return result.order;
}

describe('completeCheckout', () => {
  it('rejects an empty cart', () => {
    expect(completeCheckout(createCheckoutSession(), META)).toEqual({ ok: false, outcome: { kind: 'cart_empty' } });
  });

  it('blocks while a serial is missing', async () => {
    const deps = makeScanDeps();
    const session = skipSerial(await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A, PHONE], deps));
    expect(completeCheckout(session, META)).toEqual({
      ok: false,
      outcome: { kind: 'serial_missing', line_ids: ['L2'] },
    });
  });

  it('blocks for units added by quantity', async () => {
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A], makeScanDeps());
    const grown = setQuantity(session, 'L1', 2, () => 'N1');
    expect(completeCheckout(grown, META)).toMatchObject({ ok: false, outcome: { line_ids: ['N1'] } });
  });

  it('builds an in-store order', async () => {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A, TSHIRT, TSHIRT], deps);
    expect(completeCheckout(session, META)).toEqual({
      ok: true,
      order: {
        order_id: 'order-1',
        store_id: 'store-001',
        created_at: '2025-01-02T10:00:00.000Z',
        fulfillment_type: 'in_store_purchase',
        lines: [
          { line_id: 'L1', product_id: '1001', quantity: 1, fulfillment: 'IN_STORE_HANDOVER', serial_number: SERIAL_A },
          { line_id: 'L2', product_id: '1017', quantity: 2, fulfillment: 'IN_STORE_HANDOVER' },
        ],
      },
    });
  });

  it('marks an order with a shipped line', async () => {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A, PHONE], deps);
    const order = completeOrThrow(setFulfillment(session, 'L2', 'SHIPPING'));
    expect(order.fulfillment_type).toBe('with_shipping');
  });

  it('never sends a serial for a shipped line', async () => {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A], deps);
    const order = completeOrThrow(setFulfillment(session, 'L1', 'SHIPPING'));
    expect(order.lines).toEqual([
      { line_id: 'L1', product_id: '1001', quantity: 1, fulfillment: 'SHIPPING' },
    ]);
  });

  it('never sends a set-aside serial', async () => {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A], deps);
    const shipped = setFulfillment(session, 'L1', 'SHIPPING');
    expect(shipped.lines[0]?.set_aside_serial).toBe(SERIAL_A);
    expect(completeOrThrow(shipped).lines).toEqual([{ line_id: 'L1', product_id: '1001', quantity: 1, fulfillment: 'SHIPPING' }]);
  });

  it('ignores a serial on a shipped line', () => {
    // A session restored from storage could carry one, but the order must not.
    const session: CheckoutSession = {
      lines: [
        {
          line_id: 'L1',
          product_id: '1001',
          title: 'Trailhead 14 Laptop, 16 GB',
          serialized: true,
          quantity: 1,
          fulfillment: 'SHIPPING',
          serial_number: SERIAL_A,
        },
      ],
      awaiting: { step: 'item' },
    };
    expect(completeOrThrow(session).lines[0]).not.toHaveProperty('serial_number');
  });

  it('keeps cart order', async () => {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [TSHIRT, PHONE, SERIAL_A, LAPTOP, 'C02XK1ABCD9999'], deps);
    expect(completeOrThrow(session).lines.map((line) => line.product_id)).toEqual(['1017', '1004', '1001']);
  });
});
