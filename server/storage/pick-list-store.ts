// Types of the pick-list storage: pick lists routed to stores, and their completions.
import type { PickCompletion, PickList, PickListItem } from '../../src/domain/types.ts';
import type { SerialOwner } from './serial-store.ts';

/** A pick list as the order system sends it. The server sets `status` and `created_at` itself. */
export interface NewPickList {
  id: string;
  order_id: string;
  store_id: string;
  items: PickListItem[];
}

export type PickListStatus = PickList['status'];

/** A conflict flagged on one picked unit for review. */
export interface PickConflict {
  line_id: string;
  product_id: string;
  serial_number?: string;
  reason: 'duplicate_serial' | 'serial_format' | 'serial_missing';
  detail: string;
}

/** A conflict with the index of its unit among the units of its line, counted from 0. */
export interface PickUnitConflict extends PickConflict {
  unit_index: number;
}

/** The stored data that decides a completion's conflicts, read inside its transaction. */
export interface PickFacts {
  /** Products of the list that the catalog marks `serialized_inventory`. */
  serializedProductIds: ReadonlySet<string>;
  /** Earlier sales or picks, keyed by `serialKey(product_id, serial_number)`. */
  serialOwners: ReadonlyMap<string, SerialOwner>;
}

export type CreatePickListResult =
  | { outcome: 'created' | 'resent'; pickList: PickList }
  | { outcome: 'content_mismatch' };

export type RecordCompletionResult =
  | { outcome: 'created' | 'resent'; conflicts: PickConflict[] }
  | { outcome: 'content_mismatch' }
  | { outcome: 'not_found' };

export interface PickListStore {
  /**
   * Stores a new open pick list with its items. A stored list with the same `contentJson`
   * is a resend and returns the list as stored, whatever its status now.
   */
  createPickList(request: { pickList: NewPickList; contentJson: string; createdAt: string }): Promise<CreatePickListResult>;
  getPickList(pickListId: string): Promise<PickList | null>;
  /** Lists a store's pick lists with the given status, oldest first. */
  listPickLists(query: { storeId: string; status: PickListStatus }): Promise<PickList[]>;
  /**
   * Stores a completion, its units and their conflicts, and marks the list completed, in
   * one transaction. A stored completion with the same `contentJson` is a resend and
   * returns its recorded conflicts.
   */
  recordCompletion(request: {
    completion: PickCompletion;
    deviceId: string;
    contentJson: string;
    receivedAt: string;
    findConflicts: (facts: PickFacts) => PickUnitConflict[];
  }): Promise<RecordCompletionResult>;
}
