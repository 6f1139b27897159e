import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { callApi, makeOrder, pairDevice } from './server-fixture.ts';

let server: TestServer;
let store2Token: string;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: true });
  store2Token = (await pairDevice(server, 'store-002')).token;
  await callApi(server, 'PUT', '/api/v1/app-config?store=store-001', {
    token: server.adminToken,
    body: { capabilities: { serialized_inventory: { serial_number_regex: '^S1[0-9]{6}$' } } },
  });
});

afterAll(async () => {
  await server.close();
});

describe('store-002 device', () => {
  it('cannot post a store-001 order', async () => {
    const reply = await callApi(server, 'POST', '/api/v1/orders', {
      token: store2Token,
      body: makeOrder('ord-cross', 'store-001'),
    });

    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('wrong_store');
    expect(reply.body.detail).toContain('store-001');
  });

  it('leaves no trace of the denied order', async () => {
    await callApi(server, 'POST', '/api/v1/orders', { token: store2Token, body: makeOrder('ord-cross-2', 'store-001') });
    const own = await callApi(server, 'POST', '/api/v1/orders', {
      token: store2Token,
      body: makeOrder('ord-cross-2', 'store-002'),
    });

    expect(own.status).toBe(201);
  });

  it('cannot read the store-001 config', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/app-config?store=store-001', { token: store2Token });

    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('wrong_store');
    expect(JSON.stringify(reply.body)).not.toContain('S1[0-9]');
  });

  it('reads its own config with ?store', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/app-config?store=store-002', { token: store2Token });

    expect(reply.status).toBe(200);
    expect(reply.body.source).toBe('global');
  });

  it('cannot change any config', async () => {
    const reply = await callApi(server, 'PUT', '/api/v1/app-config?store=store-002', { token: store2Token, body: {} });

    expect(reply.status).toBe(403);
  });

  it('cannot issue pairing codes', async () => {
    const reply = await callApi(server, 'POST', '/api/v1/pairing-codes', {
      token: store2Token,
      body: { store_id: 'store-001' },
    });

    expect(reply.status).toBe(403);
  });

  it('cannot look up serials', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/serials?serial_number=C02XK1ABCD1234', { token: store2Token });

    expect(reply.status).toBe(403);
  });
});

describe('store-002 device on every route that names store-001 data', () => {
  it('is refused each time', async () => {
    await callApi(server, 'POST', '/api/v1/pick-lists', {
      token: server.adminToken,
      body: { id: 'PL-cross-every', order_id: 'ORD-cross-every', store_id: 'store-001', items: [{ line_id: 'L1', product_id: '1017', quantity: 1 }] },
    });
    const completion = { pick_list_id: 'PL-cross-every', completed_at: '2025-03-02T09:30:00.000Z', units: [{ line_id: 'L1', product_id: '1017' }] };
    const attempts: Array<[string, string, unknown, number]> = [
      ['POST', '/api/v1/orders', makeOrder('ord-cross-every', 'store-001'), 403],
      ['GET', '/api/v1/app-config?store=store-001', undefined, 403],
      ['GET', '/api/v1/pick-lists/PL-cross-every', undefined, 404],
      ['POST', '/api/v1/pick-lists/PL-cross-every/completion', completion, 404],
    ];

    for (const [method, path, body, status] of attempts) {
      const reply = await callApi(server, method, path, { token: store2Token, ...(body === undefined ? {} : { body }) });
      expect(reply.status, `${method} ${path}`).toBe(status);
    }
    const ownLists = await callApi(server, 'GET', '/api/v1/pick-lists', { token: store2Token });
    expect(JSON.stringify(ownLists.body)).not.toContain('PL-cross-every');
  });
});
