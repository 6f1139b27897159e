import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../src/domain/types.ts';
import { canonicalJson } from '../../server/canonical-json.ts';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { callApi, expectProblem, makeOrder, pairDevice, serialLine } from './server-fixture.ts';

interface OrderItem {
  order_id: string;
  store_id: string;
  device_id: string;
  created_at: string;
  received_at: string;
  fulfillment_type: string;
  line_count: number;
  serial_count: number;
  conflict_count: number;
}

interface OrderPage {
  items: OrderItem[];
  next_cursor: string | null;
}

let server: TestServer;
let store1: { token: string; deviceId: string };
let store1Second: { token: string; deviceId: string };
let store2: { token: string; deviceId: string };

/** Received times of the seeded orders: three share one millisecond, so that ties are paged too. */
const SEEDED: Array<{ id: string; store: 'store-001' | 'store-002'; device: 'first' | 'second'; receivedAt: string }> = [
  { id: 'seed-a', store: 'store-001', device: 'first', receivedAt: '2025-03-01T08:00:00.000Z' },
  { id: 'seed-b', store: 'store-002', device: 'first', receivedAt: '2025-03-01T09:30:00.000Z' },
  { id: 'seed-c', store: 'store-001', device: 'second', receivedAt: '2025-03-01T23:59:59.999Z' },
  { id: 'seed-d', store: 'store-001', device: 'first', receivedAt: '2025-03-02T00:00:00.000Z' },
  { id: 'seed-e', store: 'store-001', device: 'second', receivedAt: '2025-03-02T00:00:00.000Z' },
  { id: 'seed-f', store: 'store-002', device: 'first', receivedAt: '2025-03-02T00:00:00.000Z' },
  { id: 'seed-g', store: 'store-001', device: 'first', receivedAt: '2025-03-03T12:00:00.000Z' },
];

beforeAll(async () => {
  server = await startTestServer({ seedDemo: true, stores: ['store-empty'] });
  store1 = await pairDevice(server, 'store-001');
  store1Second = await pairDevice(server, 'store-001');
  store2 = await pairDevice(server, 'store-002');

  // Orders with fixed received times go through the storage, because the server stamps
  // its own clock on orders sent over HTTP. Lists and reads below all go over HTTP.
  for (const seed of SEEDED) {
    const order = makeOrder(seed.id, seed.store, [{ line_id: 'L1', product_id: '1017', quantity: 2, fulfillment: 'IN_STORE_HANDOVER' }]);
    let device = seed.device === 'first' ? store1 : store1Second;
    if (seed.store === 'store-002') device = store2;
    await server.db.orders.recordOrder({
      order,
      deviceId: device.deviceId,
      contentJson: canonicalJson(order),
      receivedAt: seed.receivedAt,
      findConflicts: () => [],
    });
  }

  // Two orders sent as devices send them: the second sells the first one's serial again.
  await send(store1.token, makeOrder('live-1', 'store-001', [
    serialLine('L1', '1001', 'LISTSERIAL0001'),
    { line_id: 'L2', product_id: '1021', quantity: 3, fulfillment: 'SHIPPING' },
  ]));
  await send(store2.token, {
    ...makeOrder('live-2', 'store-002', [serialLine('L1', '1001', 'LISTSERIAL0001'), serialLine('L2', 'NOT-IN-CATALOG', 'LISTSERIAL0002')]),
    created_at: '2025-03-04T07:00:00.000Z',
  });
});

afterAll(async () => {
  await server.close();
});

async function send(token: string, order: Order): Promise<void> {
  const reply = await callApi(server, 'POST', '/api/v1/orders', { token, body: order });
  if (reply.status !== 201) throw new Error(`Order ${order.order_id} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
}

async function listOrders(query = ''): Promise<OrderPage> {
  const reply = await callApi(server, 'GET', `/api/v1/orders${query}`, { token: server.adminToken });
  if (reply.status !== 200) throw new Error(`Listing failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

function ids(page: OrderPage): string[] {
  return page.items.map((item) => item.order_id);
}

describe('GET /api/v1/orders', () => {
  it('lists newest received first', async () => {
    const page = await listOrders();

    expect(ids(page)).toEqual(['live-2', 'live-1', 'seed-g', 'seed-f', 'seed-e', 'seed-d', 'seed-c', 'seed-b', 'seed-a']);
    expect(page.next_cursor).toBeNull();
  });

  it('describes an order with its counts', async () => {
    const page = await listOrders('?store=store-002');
    const live = page.items.find((item) => item.order_id === 'live-2');

    expect(live).toMatchObject({
      store_id: 'store-002',
      device_id: store2.deviceId,
      created_at: '2025-03-04T07:00:00.000Z',
      fulfillment_type: 'in_store_purchase',
      line_count: 2,
      serial_count: 2,
      conflict_count: 2,
    });
    expect(Date.parse(live?.received_at ?? '')).toBeGreaterThan(Date.parse('2025-03-04T00:00:00Z'));
  });

  it('counts lines without serials', async () => {
    const page = await listOrders('?store=store-001');
    const live = page.items.find((item) => item.order_id === 'live-1');

    expect(live).toMatchObject({ line_count: 2, serial_count: 1, conflict_count: 0 });
  });

  it('filters by store', async () => {
    const page = await listOrders('?store=store-002');

    expect(ids(page)).toEqual(['live-2', 'seed-f', 'seed-b']);
  });

  it('filters by device', async () => {
    const page = await listOrders(`?device=${store1Second.deviceId}`);

    expect(ids(page)).toEqual(['seed-e', 'seed-c']);
  });

  it('combines store and device', async () => {
    const page = await listOrders(`?store=store-002&device=${store1.deviceId}`);

    expect(page).toEqual({ items: [], next_cursor: null });
  });

  it('includes from and excludes to', async () => {
    const page = await listOrders('?from=2025-03-01T23:59:59.999Z&to=2025-03-03T12:00:00Z');

    expect(ids(page)).toEqual(['seed-f', 'seed-e', 'seed-d', 'seed-c']);
  });

  it('reads dates as midnight UTC', async () => {
    const page = await listOrders('?from=2025-03-02&to=2025-03-03');

    expect(ids(page)).toEqual(['seed-f', 'seed-e', 'seed-d']);
  });

  it('reads a time with an offset', async () => {
    const page = await listOrders('?store=store-001&to=2025-03-02T01:00:00%2B01:00');

    expect(ids(page)).toEqual(['seed-c', 'seed-a']);
  });

  it('takes from alone', async () => {
    const page = await listOrders('?store=store-001&from=2025-03-03');

    expect(ids(page)).toEqual(['live-1', 'seed-g']);
  });

  it('returns an empty page for a store without orders', async () => {
    const page = await listOrders('?store=store-empty');

    expect(page).toEqual({ items: [], next_cursor: null });
  });
});

describe('GET /api/v1/orders paging', () => {
  it('pages through every order once', async () => {
    const all = ids(await listOrders());
    for (const limit of [1, 2, 4]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `?limit=${limit}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
        const page = await listOrders(query);
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...ids(page));
        cursor = page.next_cursor;
      } while (cursor !== null);

      expect(seen).toEqual(all);
    }
  });

  it('pages across tied received times', async () => {
    const first = await listOrders('?from=2025-03-02&to=2025-03-03&limit=2');
    const second = await listOrders(`?from=2025-03-02&to=2025-03-03&limit=2&cursor=${encodeURIComponent(first.next_cursor ?? '')}`);

    expect(ids(first)).toEqual(['seed-f', 'seed-e']);
    expect(ids(second)).toEqual(['seed-d']);
    expect(second.next_cursor).toBeNull();
  });

  it('keeps filters on later pages', async () => {
    const first = await listOrders('?store=store-001&limit=3');
    const second = await listOrders(`?store=store-001&limit=3&cursor=${encodeURIComponent(first.next_cursor ?? '')}`);

    expect(ids(first)).toEqual(['live-1', 'seed-g', 'seed-e']);
    expect(ids(second)).toEqual(['seed-d', 'seed-c', 'seed-a']);
    expect(second.next_cursor).toBeNull();
  });

  it('gives no next cursor when the last page is full', async () => {
    const page = await listOrders('?store=store-002&limit=3');

    expect(page.items).toHaveLength(3);
    expect(page.next_cursor).toBeNull();
  });

  it('skips orders received after the first page', async () => {
    const first = await listOrders('?store=store-002&limit=1');
    await send(store2.token, makeOrder('live-late', 'store-002', [serialLine('L1', '1001', 'LISTSERIAL0003')]));
    const rest = await listOrders(`?store=store-002&cursor=${encodeURIComponent(first.next_cursor ?? '')}`);

    expect(ids(first)).toEqual(['live-2']);
    expect(ids(rest)).toEqual(['seed-f', 'seed-b']);
    expect(ids(await listOrders('?store=store-002&limit=1'))).toEqual(['live-late']);
  });
});

describe('GET /api/v1/orders rejections', () => {
  it('rejects an unknown store', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/orders?store=store-01', { token: server.adminToken });

    expectProblem(reply, 400);
    expect(reply.body.code).toBe('unknown_store');
    expect(reply.body.detail).toContain('"store-01"');
    expect(reply.body.errors).toEqual([{ path: '/store', message: 'is not a registered store' }]);
  });

  it('rejects an unknown device', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/orders?device=no-such-device', { token: server.adminToken });

    expectProblem(reply, 400);
    expect(reply.body.code).toBe('unknown_device');
    expect(reply.body.detail).toContain('"no-such-device"');
    expect(reply.body.detail).toContain('GET /api/v1/devices');
  });

  it('names a bad from date', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/orders?from=2025-02-30', { token: server.adminToken });

    expectProblem(reply, 400);
    expect(reply.body.code).toBe('invalid_date');
    expect(reply.body.detail).toContain('from "2025-02-30"');
  });

  it('names a bad to date', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/orders?to=yesterday', { token: server.adminToken });

    expectProblem(reply, 400);
    expect(reply.body.code).toBe('invalid_date');
    expect(reply.body.detail).toContain('to "yesterday"');
  });

  it('rejects to before from', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/orders?from=2025-03-02&to=2025-03-01', { token: server.adminToken });

    expectProblem(reply, 400);
    expect(reply.body.code).toBe('invalid_date_range');
  });

  it('rejects a limit over 1000', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/orders?limit=1001', { token: server.adminToken });

    expectProblem(reply, 400);
    expect(reply.body.errors).toEqual([{ path: '/limit', message: 'must be a whole number from 1 to 1000, got "1001"' }]);
  });

  it('rejects a limit of 0', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/orders?limit=0', { token: server.adminToken });

    expectProblem(reply, 400);
    expect(reply.body.code).toBe('invalid_request');
  });

  it('rejects a cursor it did not hand out', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/orders?cursor=not-a-cursor', { token: server.adminToken });

    expectProblem(reply, 400);
    expect(reply.body.code).toBe('invalid_cursor');
  });

  it('rejects an unknown parameter', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/orders?shop=store-001', { token: server.adminToken });

    expectProblem(reply, 400);
    expect(reply.body.errors).toEqual([{ path: '/shop', message: 'is not a known field; remove it' }]);
  });

  it('denies a device token', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/orders?store=store-001', { token: store1.token });

    expectProblem(reply, 403);
    expect(reply.body.code).toBe('admin_only');
  });

  it('rejects a missing token', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/orders');

    expectProblem(reply, 401);
    expect(reply.body.code).toBe('missing_token');
  });
});

describe('GET /api/v1/orders/{order_id}', () => {
  it('returns the order as stored', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/orders/live-1', { token: server.adminToken });

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      order_id: 'live-1',
      store_id: 'store-001',
      device_id: store1.deviceId,
      created_at: '2025-03-01T10:15:00.000Z',
      fulfillment_type: 'in_store_purchase',
      conflicts: [],
    });
    expect(reply.body.lines).toEqual([
      { line_id: 'L1', product_id: '1001', quantity: 1, fulfillment: 'IN_STORE_HANDOVER', serial_number: 'LISTSERIAL0001' },
      { line_id: 'L2', product_id: '1021', quantity: 3, fulfillment: 'SHIPPING' },
    ]);
  });

  it('matches the received time of the list', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/orders/seed-c', { token: server.adminToken });

    expect(reply.body.received_at).toBe('2025-03-01T23:59:59.999Z');
  });

  it('lists the conflicts of the order', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/orders/live-2', { token: server.adminToken });
    const conflicts = reply.body.conflicts as Array<Record<string, unknown>>;

    expect(conflicts.map((conflict) => [conflict.line_id, conflict.reason])).toEqual([
      ['L1', 'duplicate_serial'],
      ['L2', 'unknown_product'],
    ]);
    expect(conflicts[0]).toMatchObject({ kind: 'sale', order_id: 'live-2', store_id: 'store-002', serial_number: 'LISTSERIAL0001', resolution: null });
    expect(conflicts[0]?.id).toMatch(/^sale-[0-9]+$/);
  });

  it('shows a resolution', async () => {
    const before = await callApi(server, 'GET', '/api/v1/orders/live-2', { token: server.adminToken });
    const id = before.body.conflicts[1].id as string;
    await callApi(server, 'POST', `/api/v1/conflicts/${id}/resolution`, { token: server.adminToken, body: { note: 'Product added to the catalog.' } });
    const after = await callApi(server, 'GET', '/api/v1/orders/live-2', { token: server.adminToken });

    expect(after.body.conflicts[1].resolution).toMatchObject({ resolved_by: 'admin', note: 'Product added to the catalog.' });
  });

  it('reads an id that needs percent-encoding', async () => {
    const order = makeOrder('ord/ä 7', 'store-001', [serialLine('L1', '1001', 'LISTSERIAL0004')]);
    await send(store1.token, order);
    const reply = await callApi(server, 'GET', `/api/v1/orders/${encodeURIComponent('ord/ä 7')}`, { token: server.adminToken });

    expect(reply.status).toBe(200);
    expect(reply.body.order_id).toBe('ord/ä 7');
  });

  it('returns 404 for an unknown order', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/orders/never-sent', { token: server.adminToken });

    expectProblem(reply, 404);
    expect(reply.body.code).toBe('order_not_found');
    expect(reply.body.detail).toContain('"never-sent"');
  });

  it('rejects an id over 255 characters', async () => {
    const reply = await callApi(server, 'GET', `/api/v1/orders/${'x'.repeat(256)}`, { token: server.adminToken });

    expectProblem(reply, 400);
  });

  it('denies a device token, even for its own order', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/orders/live-1', { token: store1.token });

    expectProblem(reply, 403);
    expect(reply.body.code).toBe('admin_only');
  });
});
