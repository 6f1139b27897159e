// Captures come before the cached catalog: a sale or pick that does not fit in device
// storage makes the catalog give way, because the server can send the catalog again but
// a capture exists only on this device.

import { clearCatalog, countProducts } from './product-store.ts';
import type { DeviceDb } from './schema.ts';
import { setLastError } from './sync-state-store.ts';

/**
 * Runs `save`, a write that commits wholly or not at all. When it fails with a
 * QuotaExceededError and a catalog is cached, deletes the catalog, notes why for the sync
 * status, and runs `save` once more. Any other error, or a second failure, is rethrown.
 * `what` names the capture in the note, such as "sale 3f2b8c1e".
 */
export async function makeRoomForCapture<T>(db: DeviceDb, what: string, save: () => Promise<T>): Promise<T> {
  try {
    return await save();
  } catch (error) {
    if (!isQuotaError(error) || (await countProducts(db)) === 0) {
      throw error;
    }
    await clearCatalog(db);
    await setLastError(
      db,
      `Device storage was full, so the cached catalog was removed to save ${what}. ` +
        'Products cannot be found until the catalog downloads again at the next sync. Free up space on the device.',
    );
    return save();
  }
}

function isQuotaError(error: unknown): boolean {
  return (error instanceof Error || error instanceof DOMException) && error.name === 'QuotaExceededError';
}
