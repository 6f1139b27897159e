// Lookup keys for products. A product is found by its exact `product_id` or an exact
// identifier value, and GTINs compare as numbers: every GTIN also yields its 14-digit
// form, and a UPC-E also yields the 14-digit form of its UPC-A expansion. The device
// keeps these keys in a multi-entry IndexedDB index, and the server checks them for
// uniqueness across products.

import { expandUpcE, toGtin14 } from './gtin.ts';
import type { ExternalIdentifier, Product } from './types.ts';

/** Lists every key that finds `product`: its `product_id` and its identifier keys. */
export function productKeys(product: Product): string[] {
  const keys = product.product_id === '' ? [] : [product.product_id];
  return dedupe([...keys, ...identifierKeys(product)]);
}

/**
 * Lists the keys of `product`'s identifiers, without `product_id`: each raw value, the
 * GTIN-14 of each value that is a valid GTIN, and the GTIN-14 of the UPC-A expansion of
 * each identifier typed `upce`.
 */
export function identifierKeys(product: Product): string[] {
  const keys: string[] = [];
  for (const identifier of product.external_identifiers) {
    // An empty value would match an empty scan, and the import rejects it anyway.
    if (identifier.value === '') {
      continue;
    }
    keys.push(identifier.value);

    const gtin14 = toGtin14(identifier.value);
    if (gtin14 !== undefined) {
      keys.push(gtin14);
    }

    // An 8-digit value can be both a valid EAN-8 and a valid UPC-E, so only the type
    // decides whether the UPC-E expansion applies.
    if (isUpcEType(identifier)) {
      const upcA = expandUpcE(identifier.value);
      const upcAGtin14 = upcA === undefined ? undefined : toGtin14(upcA);
      if (upcAGtin14 !== undefined) {
        keys.push(upcAGtin14);
      }
    }
  }
  return dedupe(keys);
}

/**
 * Lists the candidate keys for a scanned or typed `code`, most specific first. These are
 * the code as given and its GTIN-14 when it is a valid GTIN. A valid 8-digit or 6-digit
 * UPC-E adds the GTIN-14 of its UPC-A expansion. An empty code has no keys.
 */
export function scanKeys(code: string): string[] {
  if (code === '') {
    return [];
  }

  const keys = [code];
  const gtin14 = toGtin14(code);
  if (gtin14 !== undefined) {
    keys.push(gtin14);
  }

  if (code.length === 8 || code.length === 6) {
    const upcA = expandUpcE(code);
    const upcAGtin14 = upcA === undefined ? undefined : toGtin14(upcA);
    if (upcAGtin14 !== undefined) {
      keys.push(upcAGtin14);
    }
  }
  return dedupe(keys);
}

/**
 * Finds the product for `code` in memory, with the same rules as the device's index:
 * an exact `product_id` wins, then the candidate keys of `scanKeys` in their order.
 */
export function findProductByCode(products: Iterable<Product>, code: string): Product | undefined {
  const list = Array.from(products);
  const byId = list.find((product) => product.product_id === code);
  if (byId !== undefined) {
    return byId;
  }

  const keysByProduct = list.map((product) => ({ product, keys: new Set(productKeys(product)) }));
  for (const key of scanKeys(code)) {
    const hit = keysByProduct.find((entry) => entry.keys.has(key));
    if (hit !== undefined) {
      return hit.product;
    }
  }
  return undefined;
}

/**
 * Tests whether `code` is `product`'s own: its `product_id`, one of its identifier
 * values, or the same GTIN as one of them.
 */
export function isOwnCode(product: Product, code: string): boolean {
  if (code === '') {
    return false;
  }
  const keys = new Set(productKeys(product));
  return scanKeys(code).some((key) => keys.has(key));
}

function isUpcEType(identifier: ExternalIdentifier): boolean {
  return identifier.type.toLowerCase().replace(/[^a-z0-9]/g, '') === 'upce';
}

function dedupe(keys: string[]): string[] {
  return Array.from(new Set(keys));
}
