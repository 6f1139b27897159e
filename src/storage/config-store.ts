// The configuration in force for the device's store, cached so that serial validation
// works offline.

import type { ConfigInForce } from '../domain/types.ts';
import type { DeviceDb } from './schema.ts';

/** The cached configuration in force and when the device fetched it. */
export type StoredConfig = ConfigInForce & { fetched_at: string };

/** Reads the cached configuration in force, or undefined before the first fetch. */
export async function getConfigInForce(db: DeviceDb): Promise<StoredConfig | undefined> {
  const record = await db.get('config', 'in-force');
  if (record === undefined) {
    return undefined;
  }
  const { scope: _scope, ...config } = record;
  return config;
}

/** Replaces the cached configuration in force as a whole, as the server replaces it. */
export async function putConfigInForce(
  db: DeviceDb,
  config: ConfigInForce,
  fetchedAt: string = new Date().toISOString(),
): Promise<void> {
  await db.put('config', {
    scope: 'in-force',
    config: config.config,
    source: config.source,
    store_id: config.store_id,
    version: config.version,
    fetched_at: fetchedAt,
  });
}
