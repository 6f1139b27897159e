// Checkout dependencies over the demo catalog, with predictable line ids.

import type { CheckoutSession, ScanDeps } from '../../src/domain/checkout-session.ts';
import { handleScan } from '../../src/domain/checkout-session.ts';
import { findProductByCode } from '../../src/domain/product-keys.ts';
import { createSerialPolicy } from '../../src/domain/serial-policy.ts';
import { loadConfigInForce, loadDemoProducts } from './demo-data.ts';

/** Creates line ids L1, L2, ... in call order. */
export function makeLineIds(): () => string {
  let next = 0;
  return () => {
    next += 1;
    return `L${next}`;
  };
}

/**
 * Makes scan dependencies over the demo catalog, with the serial format of a config
 * fixture such as `serial-14-alnum`, or with no configuration when `configName` is null.
 */
export function makeScanDeps(configName: string | null = 'serial-14-alnum'): ScanDeps {
  const products = loadDemoProducts();
  return {
    findProduct: async (code) => findProductByCode(products, code),
    policy: createSerialPolicy(configName === null ? undefined : loadConfigInForce(configName)),
    newLineId: makeLineIds(),
  };
}

/** Applies scans in order and returns the final session. */
export async function scanAll(session: CheckoutSession, texts: readonly string[], deps: ScanDeps): Promise<CheckoutSession> {
  let current = session;
  for (const text of texts) {
    current = (await handleScan(current, text, deps)).session;
  }
  return current;
}
