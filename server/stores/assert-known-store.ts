import { badRequest } from '../problem.ts';
import { pickNearestIds } from '../storage/store-registry.ts';
import type { Storage } from '../storage/storage.ts';

/** How many registered store ids a rejection lists, nearest to the id given in id order. */
export const KNOWN_STORE_IDS_LISTED_MAX = 10;

/**
 * Throws a 400 `unknown_store` unless `storeId` is registered. `path` is the JSON Pointer of
 * the value in the request part at fault, e.g. `/store_id` in a body or `/store` in a query.
 * The message lists registered ids near the one given, so that a typo shows its fix.
 *
 * NOTE: the check and the write that follows are separate statements, so a store deleted
 * between them can still get the write. DELETE of a store is rare and admin-only.
 */
export async function assertKnownStore(storage: Storage, storeId: string, path: string): Promise<void> {
  if (await storage.stores.isRegistered(storeId)) return;

  const around = await storage.stores.listIdsAround(storeId, KNOWN_STORE_IDS_LISTED_MAX);
  const listed = pickNearestIds(around.before, around.after, KNOWN_STORE_IDS_LISTED_MAX);
  const register = `PUT /api/v1/stores/${encodeURIComponent(storeId)}`;
  let known: string;
  if (around.total === 0) {
    known = 'No store is registered yet.';
  } else if (listed.length < around.total) {
    known = `Registered stores nearest to it (${listed.length} of ${around.total}, GET /api/v1/stores lists all): ${listed.join(', ')}.`;
  } else {
    known = `Registered stores: ${listed.join(', ')}.`;
  }
  throw badRequest(
    'unknown_store',
    `Store ${JSON.stringify(storeId)} is not registered on this server. Check the id, or register the store with ${register} and send the request again. ${known}`,
    [{ path, message: 'is not a registered store' }],
  );
}
