// Device databases for tests, on fake-indexeddb. Each call gets a name of its own, so
// tests in one file never see each other's data.

import 'fake-indexeddb/auto';
import { openDeviceDb, type DeviceDb, type OpenDeviceDbOptions } from '../../src/storage/schema.ts';
import type { CheckoutSession } from '../../src/domain/checkout-session.ts';
import type { Order, Product } from '../../src/domain/types.ts';

/** Returns a database name no other test uses. */
export function uniqueDbName(): string {
  return `serial-capture-test-${crypto.randomUUID()}`;
}

/** Opens a fresh device database, or reopens `options.name`. */
export function openTestDb(options: OpenDeviceDbOptions = {}): Promise<DeviceDb> {
  return openDeviceDb({ name: uniqueDbName(), ...options });
}

/** Builds a one-line in-store sale of a serialized unit. */
export function makeOrder(orderId: string, serial = 'C02XK1ABCD1234'): Order {
  return {
    order_id: orderId,
    store_id: 'store-001',
    created_at: '2026-12-04T10:00:00.000Z',
    fulfillment_type: 'in_store_purchase',
    lines: [
      { line_id: 'L1', product_id: '1001', quantity: 1, fulfillment: 'IN_STORE_HANDOVER', serial_number: serial },
    ],
  };
}

/** Builds a product with the given identifiers. */
export function makeProduct(productId: string, identifiers: Array<[type: string, value: string]>): Product {
  return {
    product_id: productId,
    serialized_inventory: true,
    external_identifiers: identifiers.map(([type, value]) => ({ type, value })),
  };
}

/** Builds an open cart with one serialized unit whose serial is already captured. */
export function makeCart(): CheckoutSession {
  return {
    lines: [
      {
        line_id: 'L1',
        product_id: '1001',
        title: 'Trailhead 14 Laptop, 16 GB',
        serialized: true,
        quantity: 1,
        fulfillment: 'IN_STORE_HANDOVER',
        serial_number: 'C02XK1ABCD1234',
      },
    ],
    awaiting: { step: 'item' },
  };
}
