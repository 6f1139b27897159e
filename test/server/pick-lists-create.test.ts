import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { makePickList } from './pick-list-fixture.ts';
import { callApi, expectProblem, pairDevice } from './server-fixture.ts';

let server: TestServer;
let store1Token: string;
let store2Token: string;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: true });
  store1Token = (await pairDevice(server, 'store-001')).token;
  store2Token = (await pairDevice(server, 'store-002')).token;
});

afterAll(async () => {
  await server.close();
});

async function postPickList(body: unknown, token = server.adminToken) {
  return callApi(server, 'POST', '/api/v1/pick-lists', { token, body });
}

describe('POST /api/v1/pick-lists', () => {
  it('creates an open list', async () => {
    const reply = await postPickList(makePickList('PL-new', 'store-001'));

    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ id: 'PL-new', order_id: 'ORD-PL-new', store_id: 'store-001', status: 'open' });
    expect(reply.body.items).toEqual(makePickList('PL-new', 'store-001').items);
    expect(Date.parse(reply.body.created_at)).not.toBeNaN();
  });

  it('returns 200 for an identical resend', async () => {
    const first = await postPickList(makePickList('PL-resend', 'store-001'));
    const { items, store_id, order_id, id } = makePickList('PL-resend', 'store-001');
    const again = await postPickList({ items, store_id, order_id, id });

    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
  });

  it('rejects changed content with 409', async () => {
    await postPickList(makePickList('PL-changed', 'store-001'));
    const reply = await postPickList({ ...makePickList('PL-changed', 'store-001'), order_id: 'ORD-other' });

    expectProblem(reply, 409);
    expect(reply.body.code).toBe('pick_list_conflict');
    expect(reply.body.detail).toContain('PL-changed');
  });

  it('keeps the first content after a 409', async () => {
    await postPickList(makePickList('PL-kept', 'store-001'));
    await postPickList(makePickList('PL-kept', 'store-002'));
    const list = await callApi(server, 'GET', '/api/v1/pick-lists/PL-kept', { token: store1Token });
    const other = await callApi(server, 'GET', '/api/v1/pick-lists/PL-kept', { token: store2Token });

    expect(list.status).toBe(200);
    expect(other.status).toBe(404);
  });

  it('rejects a device token', async () => {
    const reply = await postPickList(makePickList('PL-device', 'store-001'), store1Token);

    expectProblem(reply, 403);
    expect(reply.body.code).toBe('admin_only');
  });

  it('rejects a repeated line_id', async () => {
    const items = [
      { line_id: 'L1', product_id: '1001', quantity: 1 },
      { line_id: 'L1', product_id: '1002', quantity: 1 },
    ];
    const reply = await postPickList(makePickList('PL-twice', 'store-001', items));

    expectProblem(reply, 400);
    expect(reply.body.code).toBe('invalid_pick_list');
    expect(reply.body.errors[0].path).toBe('/items/1/line_id');
    expect(reply.body.detail).toContain('"L1"');
  });

  it('rejects an empty item list', async () => {
    const reply = await postPickList(makePickList('PL-empty', 'store-001', []));

    expectProblem(reply, 400);
    expect(reply.body.errors[0].path).toBe('/items');
  });

  for (const quantity of [0, -1, 1.5, 1001, '2']) {
    it(`rejects quantity ${JSON.stringify(quantity)}`, async () => {
      const items = [{ line_id: 'L1', product_id: '1001', quantity }];
      const reply = await postPickList({ ...makePickList('PL-quantity', 'store-001'), items });

      expectProblem(reply, 400);
      expect(reply.body.errors[0].path).toBe('/items/0/quantity');
    });
  }

  it('accepts quantity 1000', async () => {
    const items = [{ line_id: 'L1', product_id: '1021', quantity: 1000 }];
    const reply = await postPickList(makePickList('PL-many', 'store-001', items));

    expect(reply.status).toBe(201);
  });

  it('rejects an id over 64 characters', async () => {
    const reply = await postPickList(makePickList('P'.repeat(65), 'store-001'));

    expectProblem(reply, 400);
    expect(reply.body.errors[0].path).toBe('/id');
  });

  it('accepts an id of 64 characters', async () => {
    const reply = await postPickList(makePickList('P'.repeat(64), 'store-001'));

    expect(reply.status).toBe(201);
  });

  it('rejects a status sent by the caller', async () => {
    const reply = await postPickList({ ...makePickList('PL-status', 'store-001'), status: 'completed' });

    expectProblem(reply, 400);
    expect(reply.body.errors[0].path).toBe('/status');
  });
});

describe('demo pick lists', () => {
  it('are open for store-001', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/pick-lists', { token: store1Token });
    const ids = reply.body.items.map((list: { id: string }) => list.id);

    expect(ids).toContain('PL-0001');
    expect(ids).toContain('PL-0002');
    expect(ids).not.toContain('PL-0003');
  });

  it('keep their items', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/pick-lists/PL-0001', { token: store1Token });

    expect(reply.body.order_id).toBe('ORD-5001');
    expect(reply.body.items).toEqual([
      { line_id: 'L1', product_id: '1003', quantity: 1 },
      { line_id: 'L2', product_id: '1021', quantity: 2 },
    ]);
  });

  it('give store-002 its own list', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/pick-lists', { token: store2Token });

    expect(reply.body.items.map((list: { id: string }) => list.id)).toEqual(['PL-0003']);
  });
});
