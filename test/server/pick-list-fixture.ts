// Helpers for the pick-list tests: building lists and completions, and sending them.
import type { PickCompletion, PickedUnit, PickListItem } from '../../src/domain/types.ts';
import type { TestServer } from '../../server/test-server.ts';
import type { NewPickList } from '../../server/storage/pick-list-store.ts';
import { callApi, type ApiResponse } from './server-fixture.ts';

/** Line L1: one serialized laptop (1001). Line L2: two unserialized tote bags (1021). */
export const DEFAULT_ITEMS: PickListItem[] = [
  { line_id: 'L1', product_id: '1001', quantity: 1 },
  { line_id: 'L2', product_id: '1021', quantity: 2 },
];

/** Builds a pick list as the order system sends it. `items` replace the default lines. */
export function makePickList(id: string, storeId: string, items: PickListItem[] = DEFAULT_ITEMS): NewPickList {
  return { id, order_id: `ORD-${id}`, store_id: storeId, items };
}

/** Builds a completion of `pickListId` with the given units. */
export function makeCompletion(pickListId: string, units: PickedUnit[]): PickCompletion {
  return { pick_list_id: pickListId, completed_at: '2025-03-02T09:30:00.000Z', units };
}

/** Builds the units that complete DEFAULT_ITEMS, with `serial` on the laptop. */
export function defaultUnits(serial: string): PickedUnit[] {
  return [
    { line_id: 'L1', product_id: '1001', serial_number: serial },
    { line_id: 'L2', product_id: '1021' },
    { line_id: 'L2', product_id: '1021' },
  ];
}

/** Creates a pick list with the admin token and throws unless the server created it. */
export async function createPickList(server: TestServer, pickList: NewPickList): Promise<ApiResponse> {
  const reply = await callApi(server, 'POST', '/api/v1/pick-lists', { token: server.adminToken, body: pickList });
  if (reply.status !== 201) throw new Error(`Creating pick list ${pickList.id} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
}

/** Sends a completion to its pick list's completion route with a device token. */
export async function sendCompletion(
  server: TestServer,
  token: string,
  completion: PickCompletion,
  pickListId: string = completion.pick_list_id,
): Promise<ApiResponse> {
  return callApi(server, 'POST', `/api/v1/pick-lists/${encodeURIComponent(pickListId)}/completion`, { token, body: completion });
}
