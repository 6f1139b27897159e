// Downloads the open pick lists of the device's store, so that picking works offline.
// Progress on the device is kept: see applyOpenPickLists for what a download changes.

import { applyOpenPickLists, type OpenPickListsApplied } from '../storage/pick-store.ts';
import type { DeviceDb } from '../storage/schema.ts';
import type { ApiClient } from './api-client.ts';
import { log } from './log.ts';

/** Fetches the open pick lists and applies them to the device's copy. */
export async function pullPickLists(
  db: DeviceDb,
  api: Pick<ApiClient, 'getOpenPickLists'>,
  signal?: AbortSignal,
): Promise<OpenPickListsApplied> {
  const lists = await api.getOpenPickLists(signal);
  const applied = await applyOpenPickLists(db, lists);
  if (applied.kept.length > 0) {
    // Not an error: the device keeps them until the associate completes them.
    log.warn('pick lists no longer open on the server kept for their progress', { pick_list_ids: applied.kept });
  }
  return applied;
}
