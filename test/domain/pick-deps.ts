// Picking dependencies over the demo catalog, with predictable unit ids, and demo pick lists.

import { handlePickScan, type PickScanDeps, type PickSession } from '../../src/domain/picking-session.ts';
import { findProductByCode } from '../../src/domain/product-keys.ts';
import { createSerialPolicy } from '../../src/domain/serial-policy.ts';
import type { PickList } from '../../src/domain/types.ts';
import { loadConfigInForce, loadDemoProducts } from './demo-data.ts';

/** Makes pick dependencies with unit ids U1, U2, ... and the `serial-14-alnum` format unless `configName` is null. */
export function makePickDeps(configName: string | null = 'serial-14-alnum'): PickScanDeps {
  const products = loadDemoProducts();
  let next = 0;
  return {
    findProduct: async (code) => findProductByCode(products, code),
    policy: createSerialPolicy(configName === null ? undefined : loadConfigInForce(configName)),
    newUnitId: () => {
      next += 1;
      return `U${next}`;
    },
  };
}

/** Builds an open pick list of store-001 with the given lines `[line_id, product_id, quantity]`. */
export function makePickList(id: string, items: Array<[lineId: string, productId: string, quantity: number]>): PickList {
  return {
    id,
    order_id: `ORD-${id}`,
    store_id: 'store-001',
    status: 'open',
    items: items.map(([line_id, product_id, quantity]) => ({ line_id, product_id, quantity })),
    created_at: '2026-12-04T08:00:00.000Z',
  };
}

/** Applies scans in order and returns the final session. */
export async function pickAll(session: PickSession, texts: readonly string[], deps: PickScanDeps): Promise<PickSession> {
  let current = session;
  for (const text of texts) {
    current = (await handlePickScan(current, text, deps)).session;
  }
  return current;
}
