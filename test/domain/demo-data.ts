// Test data read from test/fixtures: the demo catalog and the serial format configurations.

import { readFileSync } from 'node:fs';
import type { AppConfig, ConfigInForce, ConfigSource, Product } from '../../src/domain/types.ts';

const FIXTURES = new URL('../fixtures/', import.meta.url);

function readJson(relativePath: string): unknown {
  return JSON.parse(readFileSync(new URL(relativePath, FIXTURES), 'utf8'));
}

/** Loads the `items` of the demo catalog. */
export function loadDemoProducts(): Product[] {
  const file = readJson('catalog/demo-products.json') as { items: Product[] };
  return file.items;
}

/** Looks up one demo product by `product_id` and fails the test when it is missing. */
export function demoProduct(productId: string): Product {
  const product = loadDemoProducts().find((candidate) => candidate.product_id === productId);
  if (product === undefined) {
    throw new Error(`Demo product ${productId} is missing from test/fixtures/catalog/demo-products.json.`);
  }
  return product;
}

/**
 * Loads a configuration from test/fixtures/config, such as `serial-14-alnum`, as the
 * configuration in force for store-001.
 */
export function loadConfigInForce(name: string, source: ConfigSource = 'store'): ConfigInForce {
  const config = readJson(`config/${name}.json`) as AppConfig;
  return { config, source, store_id: 'store-001', version: `test-${name}` };
}

/** Reads the serial pattern of a configuration fixture and fails the test when it has none. */
export function loadFixturePattern(name: string): string {
  const pattern = loadConfigInForce(name).config.capabilities?.serialized_inventory?.serial_number_regex;
  if (pattern === undefined) {
    throw new Error(`test/fixtures/config/${name}.json sets no serial_number_regex.`);
  }
  return pattern;
}
