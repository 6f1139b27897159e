import { readFile } from 'node:fs/promises';
import type { AppConfig } from '../src/domain/types.ts';
import { canonicalJson } from './canonical-json.ts';
import { importProducts, type ImportReport } from './catalog/import-products.ts';
import { checkAppConfig } from './config/config-in-force.ts';
import { checkPickListRules } from './picks/check-pick-rules.ts';
import type { NewPickList } from './storage/pick-list-store.ts';
import type { Storage } from './storage/storage.ts';

export const DEMO_STORE_ID = 'store-001';

/** The demo stores: the one `npm start` pairs a browser with, and the one of the third demo pick list. */
export const DEMO_STORES: ReadonlyArray<{ storeId: string; name: string }> = [
  { storeId: DEMO_STORE_ID, name: 'Demo store 1' },
  { storeId: 'store-002', name: 'Demo store 2' },
];

const DEMO_PRODUCTS_URL = new URL('./demo/demo-products.json', import.meta.url);
const DEMO_CONFIG_URL = new URL('./demo/serial-14-alnum.json', import.meta.url);
const DEMO_PICK_LISTS_URL = new URL('./demo/demo-pick-lists.json', import.meta.url);

/** Counts of the demo data that seedDemoData loaded. */
export interface DemoSeedReport {
  /** Number of demo stores registered. */
  stores: number;
  products: ImportReport;
  /** Number of demo pick lists created. */
  pickLists: number;
}

/**
 * Registers the demo stores, loads the demo catalog, sets the demo serial format as the
 * global configuration and creates the demo pick lists. It does so only on a new
 * database: no products, no registered store and no global configuration. So a restart
 * after an admin removed the demo products never brings them back or overwrites the
 * global format. Returns what was loaded, or null when the database was not new.
 */
export async function seedDemoData(storage: Storage, now: string = new Date().toISOString()): Promise<DemoSeedReport | null> {
  if (!(await isNewDatabase(storage))) return null;

  let stores = 0;
  for (const { storeId, name } of DEMO_STORES) {
    const registered = await storage.stores.putStore(storeId, name, now);
    if (registered.outcome === 'created') stores += 1;
  }

  const products = JSON.parse(await readFile(DEMO_PRODUCTS_URL, 'utf8')) as { items: unknown[] };
  const report = await importProducts(storage, products.items, now);

  const config = JSON.parse(await readFile(DEMO_CONFIG_URL, 'utf8')) as AppConfig;
  checkAppConfig(config);
  await storage.config.putConfig(null, config, now);

  const pickLists = await seedDemoPickLists(storage, now);
  return { stores, products: report, pickLists };
}

async function isNewDatabase(storage: Storage): Promise<boolean> {
  const [products, stores, globalConfig] = await Promise.all([
    storage.products.countActive(),
    storage.stores.listStores(),
    storage.config.getConfig(null),
  ]);
  return products === 0 && stores.length === 0 && globalConfig === null;
}

/**
 * Creates the demo pick lists as the order system would send them. The file also gives
 * each list a `status`, which the server sets itself, so only the sent fields are kept.
 */
async function seedDemoPickLists(storage: Storage, now: string): Promise<number> {
  const entries = JSON.parse(await readFile(DEMO_PICK_LISTS_URL, 'utf8')) as NewPickList[];
  let created = 0;
  for (const { id, order_id, store_id, items } of entries) {
    const pickList: NewPickList = { id, order_id, store_id, items };
    const errors = checkPickListRules(pickList);
    if (errors.length > 0) {
      throw new Error(`Demo pick list ${id} in ${DEMO_PICK_LISTS_URL.pathname} is invalid: ${errors[0]?.path} ${errors[0]?.message}. Fix the file.`);
    }
    const result = await storage.pickLists.createPickList({ pickList, contentJson: canonicalJson(pickList), createdAt: now });
    if (result.outcome === 'created') created += 1;
  }
  return created;
}
