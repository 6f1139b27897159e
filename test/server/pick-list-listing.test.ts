import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../server/canonical-json.ts';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { defaultUnits, makeCompletion, makePickList, sendCompletion } from './pick-list-fixture.ts';
import { callApi, expectProblem, makeOrder, pairDevice, serialLine } from './server-fixture.ts';

interface PickListItem {
  id: string;
  order_id: string;
  store_id: string;
  status: 'open' | 'completed';
  created_at: string;
  completed_at: string | null;
  received_at: string | null;
  device_id: string | null;
  line_count: number;
  unit_count: number;
  serial_count: number;
  conflict_count: number;
}

interface PickListPage {
  items: PickListItem[];
  next_cursor: string | null;
}

let server: TestServer;
let store1: { token: string; deviceId: string };
let store2: { token: string; deviceId: string };

/** Creation times of the seeded lists: two share one millisecond, so that ties are paged too. */
const SEEDED: Array<{ id: string; store: string; createdAt: string }> = [
  { id: 'PL-a', store: 'store-001', createdAt: '2025-03-01T08:00:00.000Z' },
  { id: 'PL-b', store: 'store-002', createdAt: '2025-03-01T09:00:00.000Z' },
  { id: 'PL-c', store: 'store-001', createdAt: '2025-03-02T10:00:00.000Z' },
  { id: 'PL-d', store: 'store-001', createdAt: '2025-03-02T10:00:00.000Z' },
  { id: 'PL-e', store: 'store-002', createdAt: '2025-03-03T11:00:00.000Z' },
];

beforeAll(async () => {
  // No demo data: the demo pick lists would mix into the expected lists.
  server = await startTestServer({ stores: ['store-001', 'store-002', 'store-empty'] });
  await server.db.products.upsertProducts(
    [
      { index: 0, product: { product_id: '1001', serialized_inventory: true, external_identifiers: [] }, identifierKeys: [] },
      { index: 1, product: { product_id: '1021', serialized_inventory: false, external_identifiers: [] }, identifierKeys: [] },
    ],
    new Date().toISOString(),
  );
  store1 = await pairDevice(server, 'store-001');
  store2 = await pairDevice(server, 'store-002');

  // Lists with fixed creation times go through the storage, because the server stamps its
  // own clock on lists sent over HTTP. Completions, lists and reads below all go over HTTP.
  for (const seed of SEEDED) {
    const pickList = makePickList(seed.id, seed.store);
    await server.db.pickLists.createPickList({ pickList, contentJson: canonicalJson(pickList), createdAt: seed.createdAt });
  }

  // A sale records a serial, then PL-c picks it again (a conflict) and PL-e completes cleanly.
  const sale = await callApi(server, 'POST', '/api/v1/orders', {
    token: store1.token,
    body: makeOrder('sale-1', 'store-001', [serialLine('L1', '1001', 'PICKSERIAL0001')]),
  });
  if (sale.status !== 201) throw new Error(`Sale failed: ${sale.status} ${JSON.stringify(sale.body)}`);
  for (const [id, token, serial] of [['PL-c', store1.token, 'PICKSERIAL0001'], ['PL-e', store2.token, 'PICKSERIAL0002']] as const) {
    const reply = await sendCompletion(server, token, makeCompletion(id, defaultUnits(serial)));
    if (reply.status !== 201) throw new Error(`Completion of ${id} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  }
});

afterAll(async () => {
  await server.close();
});

async function listPickLists(query = ''): Promise<PickListPage> {
  const reply = await callApi(server, 'GET', `/api/v1/pick-lists${query}`, { token: server.adminToken });
  if (reply.status !== 200) throw new Error(`Listing failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

function ids(page: PickListPage): string[] {
  return page.items.map((item) => item.id);
}

describe('GET /api/v1/pick-lists for the admin', () => {
  it('lists open lists newest first by default', async () => {
    const page = await listPickLists();

    expect(ids(page)).toEqual(['PL-d', 'PL-b', 'PL-a']);
    expect(page.next_cursor).toBeNull();
  });

  it('lists completed lists', async () => {
    const page = await listPickLists('?status=completed');

    expect(ids(page)).toEqual(['PL-e', 'PL-c']);
  });

  it('lists every status', async () => {
    const page = await listPickLists('?status=all');

    expect(ids(page)).toEqual(['PL-e', 'PL-d', 'PL-c', 'PL-b', 'PL-a']);
  });

  it('filters by store', async () => {
    const page = await listPickLists('?status=all&store=store-002');

    expect(ids(page)).toEqual(['PL-e', 'PL-b']);
  });

  it('filters by store and status', async () => {
    const page = await listPickLists('?status=open&store=store-001');

    expect(ids(page)).toEqual(['PL-d', 'PL-a']);
  });

  it('describes an open list', async () => {
    const page = await listPickLists('?store=store-001');

    expect(page.items.find((item) => item.id === 'PL-a')).toEqual({
      id: 'PL-a',
      order_id: 'ORD-PL-a',
      store_id: 'store-001',
      status: 'open',
      created_at: '2025-03-01T08:00:00.000Z',
      completed_at: null,
      received_at: null,
      device_id: null,
      line_count: 2,
      unit_count: 3,
      serial_count: 0,
      conflict_count: 0,
    });
  });

  it('describes a completed list with its conflict', async () => {
    const page = await listPickLists('?status=completed&store=store-001');
    const item = page.items[0];

    expect(item).toMatchObject({
      id: 'PL-c',
      status: 'completed',
      completed_at: '2025-03-02T09:30:00.000Z',
      device_id: store1.deviceId,
      line_count: 2,
      unit_count: 3,
      serial_count: 1,
      conflict_count: 1,
    });
    expect(Date.parse(item?.received_at ?? '')).not.toBeNaN();
  });

  it('returns an empty page for a store without lists', async () => {
    const page = await listPickLists('?status=all&store=store-empty');

    expect(page).toEqual({ items: [], next_cursor: null });
  });

  it('pages through every list once', async () => {
    const all = ids(await listPickLists('?status=all'));
    for (const limit of [1, 2, 3]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `?status=all&limit=${limit}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
        const page = await listPickLists(query);
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...ids(page));
        cursor = page.next_cursor;
      } while (cursor !== null);

      expect(seen).toEqual(all);
    }
  });

  it('pages across tied creation times', async () => {
    const first = await listPickLists('?status=all&store=store-001&limit=2');
    const second = await listPickLists(`?status=all&store=store-001&limit=2&cursor=${encodeURIComponent(first.next_cursor ?? '')}`);

    expect(ids(first)).toEqual(['PL-d', 'PL-c']);
    expect(ids(second)).toEqual(['PL-a']);
    expect(second.next_cursor).toBeNull();
  });

  it('rejects an unknown store', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/pick-lists?store=store-01', { token: server.adminToken });

    expectProblem(reply, 400);
    expect(reply.body.code).toBe('unknown_store');
    expect(reply.body.errors).toEqual([{ path: '/store', message: 'is not a registered store' }]);
  });

  it('names the admin statuses', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/pick-lists?status=closed', { token: server.adminToken });

    expectProblem(reply, 400);
    expect(reply.body.errors[0].message).toBe('must be one of "open", "completed", "all", got "closed"');
  });

  it('rejects a cursor it did not hand out', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/pick-lists?cursor=WyJ4Il0', { token: server.adminToken });

    expectProblem(reply, 400);
    expect(reply.body.code).toBe('invalid_cursor');
  });

  it('keeps the device list unchanged', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/pick-lists', { token: store1.token });

    expect(reply.status).toBe(200);
    expect(reply.body.next_cursor).toBeUndefined();
    expect(reply.body.items.map((list: { id: string }) => list.id)).toEqual(['PL-a', 'PL-d']);
    expect(reply.body.items[0].items).toHaveLength(2);
  });
});

describe('GET /api/v1/pick-lists/{id} for the admin', () => {
  it('reads an open list without completion', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/pick-lists/PL-b', { token: server.adminToken });

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: 'PL-b', store_id: 'store-002', status: 'open', completion: null });
    expect(reply.body.items).toHaveLength(2);
  });

  it('reads a completion with units and conflicts', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/pick-lists/PL-c', { token: server.adminToken });
    const completion = reply.body.completion;

    expect(reply.body.status).toBe('completed');
    expect(completion).toMatchObject({ device_id: store1.deviceId, completed_at: '2025-03-02T09:30:00.000Z' });
    expect(completion.units).toEqual(defaultUnits('PICKSERIAL0001'));
    expect(completion.conflicts).toHaveLength(1);
    expect(completion.conflicts[0]).toMatchObject({
      kind: 'pick',
      pick_list_id: 'PL-c',
      reason: 'duplicate_serial',
      serial_number: 'PICKSERIAL0001',
      resolution: null,
    });
  });

  it('keeps the device reply unchanged', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/pick-lists/PL-c', { token: store1.token });

    expect(reply.status).toBe(200);
    expect(reply.body.completion).toBeUndefined();
  });

  it('returns 404 for an unknown list', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/pick-lists/PL-nowhere', { token: server.adminToken });

    expectProblem(reply, 404);
    expect(reply.body.code).toBe('pick_list_not_found');
    expect(reply.body.detail).toContain('"PL-nowhere"');
  });
});
