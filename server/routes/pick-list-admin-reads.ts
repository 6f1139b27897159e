// The admin's side of GET /api/v1/pick-lists and GET /api/v1/pick-lists/{id}: every store's
// lists, newest first in pages, and one list with its completion and conflicts. Devices
// read the same paths for their own store, and pick-list-routes.ts sends each kind to its reads.
import type { PickedUnit, PickList } from '../../src/domain/types.ts';
import { ProblemError } from '../problem.ts';
import type { ConflictReview } from '../storage/conflict-store.ts';
import type { PickListStatus, PickListSummary } from '../storage/pick-list-store.ts';
import type { Storage } from '../storage/storage.ts';
import { assertKnownStore } from '../stores/assert-known-store.ts';
import { decodeListCursor, LIST_CURSOR_SCHEMA, LIST_LIMIT_SCHEMA, readPageLimit, toPage } from './list-paging.ts';
import { STORE_ID_SCHEMA } from './route-context.ts';

/** Query of the admin's list. `status` is `open` when left out, as for devices. */
export interface AdminPickListQuery {
  status?: PickListStatus | 'all';
  store?: string;
  limit?: string;
  cursor?: string;
}

export const ADMIN_PICK_LIST_QUERY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: ['open', 'completed', 'all'] },
    store: STORE_ID_SCHEMA,
    limit: LIST_LIMIT_SCHEMA,
    cursor: LIST_CURSOR_SCHEMA,
  },
} as const;

/** Lists every store's pick lists, or one store's, newest created first, one page at a time. */
export async function listPickListsForAdmin(
  storage: Storage,
  query: AdminPickListQuery,
): Promise<{ items: PickListSummary[]; next_cursor: string | null }> {
  const { store, cursor } = query;
  if (store !== undefined) await assertKnownStore(storage, store, '/store');
  const limit = readPageLimit(query.limit);
  const rows = await storage.pickLists.listPickListSummaries({
    status: query.status ?? 'open',
    ...(store === undefined ? {} : { storeId: store }),
    ...(cursor === undefined ? {} : { after: decodeListCursor(cursor) }),
    // One more than the page shows, to learn whether another page follows.
    limit: limit + 1,
  });
  return toPage(rows, limit, (row) => ({ at: row.created_at, id: row.id }));
}

/** A completion as the admin reads it: the units as the device sent them, who sent them and when, and the conflicts flagged on them. */
export interface AdminPickCompletion {
  device_id: string;
  /** The device's clock when the pick was completed. */
  completed_at: string;
  /** The server's clock when the completion arrived. */
  received_at: string;
  units: PickedUnit[];
  conflicts: ConflictReview[];
}

/** A pick list as the admin reads it: the list, and its completion once a device has sent one. */
export interface AdminPickList extends PickList {
  completion: AdminPickCompletion | null;
}

/** Reads any store's pick list, with its completion; an unknown id is a 404 `pick_list_not_found`. */
export async function readPickListForAdmin(storage: Storage, id: string): Promise<AdminPickList> {
  const pickList = await storage.pickLists.getPickList(id);
  if (pickList === null) {
    throw new ProblemError({
      status: 404,
      code: 'pick_list_not_found',
      detail: `Pick list ${JSON.stringify(id)} does not exist on this server. Check the id, or find it in GET /api/v1/pick-lists?status=all.`,
    });
  }
  const stored = await storage.pickLists.findCompletion(id);
  if (stored === null) return { ...pickList, completion: null };
  // The completion and the status change are written in one transaction, so a completion
  // read after an open list means the list has been completed in between.
  return {
    ...pickList,
    status: 'completed',
    completion: {
      device_id: stored.deviceId,
      completed_at: stored.completion.completed_at,
      received_at: stored.receivedAt,
      units: stored.completion.units,
      conflicts: await storage.conflicts.listFor({ kind: 'pick', pickListId: id }),
    },
  };
}
