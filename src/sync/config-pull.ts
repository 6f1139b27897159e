// Refreshes the cached configuration in force. The stored version goes out as
// If-None-Match, so an unchanged configuration costs a 304 with no body.

import { getConfigInForce, putConfigInForce } from '../storage/config-store.ts';
import type { DeviceDb } from '../storage/schema.ts';
import { getDevice } from '../storage/sync-state-store.ts';
import type { ApiClient } from './api-client.ts';

export interface PullConfigResult {
  /** True when the server sent a new configuration and it was stored. */
  changed: boolean;
}

/** Fetches the configuration in force and stores it when the server's version differs. */
export async function pullConfig(
  db: DeviceDb,
  api: Pick<ApiClient, 'getAppConfig'>,
  signal?: AbortSignal,
): Promise<PullConfigResult> {
  const stored = await getConfigInForce(db);
  const device = await getDevice(db);
  // After pairing with another store, the cached version belongs to the old store. It is
  // not sent, because versions are opaque and could repeat across stores.
  const etag = stored !== undefined && stored.store_id === device?.store_id ? stored.version : undefined;
  const result = await api.getAppConfig(etag, signal);
  if (result.notModified) {
    return { changed: false };
  }
  await putConfigInForce(db, result.configInForce);
  return { changed: true };
}
