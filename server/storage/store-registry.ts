// Types of the store registry: the stores that admin routes accept store ids of.

/** A registered store as the admin lists it. */
export interface StoreSummary {
  store_id: string;
  /** A name for people, or null when the store was registered without one. */
  name: string | null;
  created_at: string;
  updated_at: string;
  /** Paired devices of the store whose token is not revoked. */
  device_count: number;
}

/** A registered store without its device count. */
export type StoreRecord = Omit<StoreSummary, 'device_count'>;

/** Counts of the records that still refer to a store, taken when its deletion is requested. */
export interface StoreReferences {
  /** Paired devices, revoked ones included, because their orders and picks name them. */
  devices: number;
  /** Pairing codes that are unused and unexpired. */
  pairingCodes: number;
  /** 1 when the store has an app configuration of its own, else 0. */
  storeConfigs: number;
  orders: number;
  pickLists: number;
}

export type PutStoreResult = { outcome: 'created' | 'renamed' | 'unchanged'; store: StoreRecord };

export type DeleteStoreResult =
  | { outcome: 'deleted' }
  | { outcome: 'not_found' }
  | { outcome: 'in_use'; references: StoreReferences };

export interface StoreRegistry {
  /** Lists every registered store in id order, by code point. */
  listStores(): Promise<StoreSummary[]>;
  isRegistered(storeId: string): Promise<boolean>;
  /**
   * Returns up to `limit` registered ids on each side of `storeId` in id order (those before
   * it nearest first), and how many stores are registered.
   */
  listIdsAround(storeId: string, limit: number): Promise<{ before: string[]; after: string[]; total: number }>;
  /**
   * Registers the store, or renames it when it exists and `name` is given. A null `name`
   * leaves an existing store's name as it is.
   */
  putStore(storeId: string, name: string | null, now: string): Promise<PutStoreResult>;
  /** Deletes the store in one transaction with the check that nothing refers to it. */
  deleteStore(storeId: string, now: string): Promise<DeleteStoreResult>;
}

/** Picks up to `limit` ids nearest to a value in id order, alternating after and before, and sorts them. */
export function pickNearestIds(before: readonly string[], after: readonly string[], limit: number): string[] {
  const picked: string[] = [];
  for (let index = 0; picked.length < limit && (index < after.length || index < before.length); index += 1) {
    const next = after[index];
    if (next !== undefined) picked.push(next);
    const previous = before[index];
    if (previous !== undefined && picked.length < limit) picked.push(previous);
  }
  return picked.sort(compareCodeUnits);
}

function compareCodeUnits(left: string, right: string): number {
  if (left === right) return 0;
  return left < right ? -1 : 1;
}
