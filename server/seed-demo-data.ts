import { readFile } from 'node:fs/promises';
import type { AppConfig } from '../src/domain/types.ts';
import { importProducts, type ImportReport } from './catalog/import-products.ts';
import { checkAppConfig } from './config/config-in-force.ts';
import type { Storage } from './storage/storage.ts';

export const DEMO_STORE_ID = 'store-001';

const DEMO_PRODUCTS_URL = new URL('./demo/demo-products.json', import.meta.url);
const DEMO_CONFIG_URL = new URL('./demo/serial-14-alnum.json', import.meta.url);

/**
 * Loads the demo catalog and sets the demo serial format as the global configuration,
 * but only while the catalog is empty, so that a restart never overwrites real data.
 * Returns the import report, or null when the catalog already had products.
 */
export async function seedDemoData(storage: Storage, now: string = new Date().toISOString()): Promise<ImportReport | null> {
  if ((await storage.products.countActive()) > 0) return null;

  const products = JSON.parse(await readFile(DEMO_PRODUCTS_URL, 'utf8')) as { items: unknown[] };
  const report = await importProducts(storage, products.items, now);

  const config = JSON.parse(await readFile(DEMO_CONFIG_URL, 'utf8')) as AppConfig;
  checkAppConfig(config);
  await storage.config.putConfig(null, config, now);
  return report;
}
