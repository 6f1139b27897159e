// Types of the pick-list storage: pick lists routed to stores, and their completions.
import type { PickCompletion, PickList, PickListItem } from '../../src/domain/types.ts';
import type { SerialOwner } from './serial-store.ts';
import type { ListPosition } from './storage.ts';

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

/** Filters of the admin's pick-list list. */
export interface PickListSummaryQuery {
  storeId?: string;
  status: PickListStatus | 'all';
  after?: ListPosition;
  limit: number;
}

/** A pick list as the admin's list shows it, without its items. */
export interface PickListSummary {
  id: string;
  order_id: string;
  store_id: string;
  status: PickListStatus;
  /** The server's clock when the list was created. */
  created_at: string;
  /** The device's clock when the pick was completed; null while the list is open. */
  completed_at: string | null;
  /** The server's clock when the completion arrived; null while the list is open. */
  received_at: string | null;
  /** The device that completed the list; null while the list is open. */
  device_id: string | null;
  line_count: number;
  /** The sum of the lines' quantities. */
  unit_count: number;
  /** Picked units that carry a serial number. */
  serial_count: number;
  /** Conflicts flagged on the completion, resolved ones included. */
  conflict_count: number;
}

/** A stored completion: the content as the device sent it, with who sent it and when it arrived. */
export interface StoredCompletion {
  completion: PickCompletion;
  deviceId: string;
  receivedAt: string;
}

export interface PickListStore {
  /**
   * Stores a new open pick list with its items. A stored list with the same `contentJson`
   * is a resend and returns the list as stored, whatever its status now.
   */
  createPickList(request: { pickList: NewPickList; contentJson: string; createdAt: string }): Promise<CreatePickListResult>;
  getPickList(pickListId: string): Promise<PickList | null>;
  /** Lists a store's pick lists with the given status, oldest first. */
  listPickLists(query: { storeId: string; status: PickListStatus }): Promise<PickList[]>;
  /** Lists pick lists newest created first, then by id from the highest, at most `limit`. */
  listPickListSummaries(query: PickListSummaryQuery): Promise<PickListSummary[]>;
  findCompletion(pickListId: string): Promise<StoredCompletion | null>;
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
