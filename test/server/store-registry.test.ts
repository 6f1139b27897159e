import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { makePickList } from './pick-list-fixture.ts';
import { callApi, expectProblem, makeOrder, pairDevice, type ApiResponse } from './server-fixture.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: true });
});

afterAll(async () => {
  await server.close();
});

async function putStore(storeId: string, body?: unknown, token = server.adminToken): Promise<ApiResponse> {
  return callApi(server, 'PUT', `/api/v1/stores/${encodeURIComponent(storeId)}`, { token, ...(body === undefined ? {} : { body }) });
}

async function deleteStore(storeId: string, token = server.adminToken): Promise<ApiResponse> {
  return callApi(server, 'DELETE', `/api/v1/stores/${encodeURIComponent(storeId)}`, { token });
}

async function listStores(): Promise<Array<Record<string, unknown>>> {
  const reply = await callApi(server, 'GET', '/api/v1/stores', { token: server.adminToken });
  expect(reply.status).toBe(200);
  return reply.body.items;
}

async function auditActions(target: string): Promise<string[]> {
  const reply = await callApi(server, 'GET', '/api/v1/audit-log?limit=1000', { token: server.adminToken });
  return (reply.body.items as Array<{ action: string; target: string | null }>)
    .filter((entry) => entry.target === target)
    .map((entry) => entry.action);
}

describe('GET /api/v1/stores', () => {
  it('lists the demo stores with their names', async () => {
    const stores = await listStores();

    expect(stores).toContainEqual(expect.objectContaining({ store_id: 'store-001', name: 'Demo store 1' }));
    expect(stores).toContainEqual(expect.objectContaining({ store_id: 'store-002', name: 'Demo store 2' }));
  });

  it('lists stores in id order', async () => {
    await putStore('list-b');
    await putStore('list-a');
    const ids = (await listStores()).map((store) => store.store_id as string);

    expect(ids).toEqual([...ids].sort());
  });

  it('counts devices whose token is not revoked', async () => {
    await putStore('count-1');
    await pairDevice(server, 'count-1');
    const revoked = await pairDevice(server, 'count-1');
    await callApi(server, 'DELETE', `/api/v1/devices/${revoked.deviceId}`, { token: server.adminToken });
    const store = (await listStores()).find((entry) => entry.store_id === 'count-1');

    expect(store?.device_count).toBe(1);
  });

  it('rejects a device token', async () => {
    const device = await pairDevice(server, 'store-001');
    const reply = await callApi(server, 'GET', '/api/v1/stores', { token: device.token });

    expectProblem(reply, 403);
    expect(reply.body.code).toBe('admin_only');
  });

  it('rejects a request without a token', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/stores');

    expectProblem(reply, 401);
  });
});

describe('PUT /api/v1/stores/:store_id', () => {
  it('registers a store with a name', async () => {
    const reply = await putStore('put-1', { name: 'Lyon Part-Dieu' });

    expect(reply.status).toBe(201);
    expect(reply.body).toEqual(expect.objectContaining({ store_id: 'put-1', name: 'Lyon Part-Dieu' }));
    expect(reply.body.created_at).toBe(reply.body.updated_at);
  });

  it('registers a store without a body', async () => {
    const reply = await putStore('put-2');

    expect(reply.status).toBe(201);
    expect(reply.body.name).toBeNull();
  });

  it('registers a store with an empty object', async () => {
    const reply = await putStore('put-3', {});

    expect(reply.status).toBe(201);
    expect(reply.body.name).toBeNull();
  });

  it('renames a registered store', async () => {
    const created = await putStore('put-4', { name: 'Old name' });
    const renamed = await putStore('put-4', { name: 'New name' });

    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('New name');
    expect(renamed.body.created_at).toBe(created.body.created_at);
  });

  it('keeps the name when none is sent', async () => {
    await putStore('put-5', { name: 'Kept' });
    const reply = await putStore('put-5');

    expect(reply.status).toBe(200);
    expect(reply.body.name).toBe('Kept');
  });

  it('changes nothing on an identical resend', async () => {
    const first = await putStore('put-6', { name: 'Same' });
    const resend = await putStore('put-6', { name: 'Same' });

    expect(resend.status).toBe(200);
    expect(resend.body.updated_at).toBe(first.body.updated_at);
  });

  it('records registration and renaming in the audit log', async () => {
    await putStore('put-7', { name: 'First' });
    await putStore('put-7', { name: 'Second' });
    await putStore('put-7', { name: 'Second' });

    expect(await auditActions('put-7')).toEqual(['store.rename', 'store.register']);
  });

  it('rejects an id with whitespace', async () => {
    const reply = await putStore('store 01', { name: 'x' });

    expectProblem(reply, 400);
    expect(reply.body.code).toBe('invalid_request');
    expect(reply.body.errors[0]).toEqual({
      path: '/store_id',
      message: 'must be a store id of 1–255 characters without whitespace, got "store 01"',
    });
  });

  it('rejects an id over 255 characters', async () => {
    const reply = await putStore('s'.repeat(256));

    expectProblem(reply, 400);
    expect(reply.body.errors[0].path).toBe('/store_id');
  });

  it('accepts an id of 255 characters', async () => {
    const reply = await putStore('s'.repeat(255));

    expect(reply.status).toBe(201);
  });

  it('rejects a name of only whitespace', async () => {
    const reply = await putStore('put-8', { name: '   ' });

    expectProblem(reply, 400);
    expect(reply.body.errors[0].message).toContain('not only whitespace');
  });

  it('rejects an unknown field', async () => {
    const reply = await putStore('put-9', { title: 'x' });

    expectProblem(reply, 400);
    expect(reply.body.errors[0]).toEqual({ path: '/title', message: 'is not a known field; remove it' });
  });

  it('stores nothing from a rejected request', async () => {
    await putStore('put-10', { name: '' });
    const ids = (await listStores()).map((store) => store.store_id);

    expect(ids).not.toContain('put-10');
  });

  it('rejects a device token', async () => {
    const device = await pairDevice(server, 'store-001');
    const reply = await putStore('put-11', { name: 'x' }, device.token);

    expectProblem(reply, 403);
  });
});

describe('DELETE /api/v1/stores/:store_id', () => {
  it('deletes a store that nothing refers to', async () => {
    await putStore('del-1');
    const reply = await deleteStore('del-1');

    expect(reply.status).toBe(204);
    expect((await listStores()).map((store) => store.store_id)).not.toContain('del-1');
  });

  it('records the deletion in the audit log', async () => {
    await putStore('del-2');
    await deleteStore('del-2');

    expect(await auditActions('del-2')).toEqual(['store.delete', 'store.register']);
  });

  it('replies 404 for a store never registered', async () => {
    const reply = await deleteStore('del-never');

    expectProblem(reply, 404);
    expect(reply.body.code).toBe('store_not_found');
    expect(reply.body.detail).toContain('"del-never"');
  });

  it('rejects a store with a paired device', async () => {
    await putStore('del-3');
    await pairDevice(server, 'del-3');
    const reply = await deleteStore('del-3');

    expectProblem(reply, 409);
    expect(reply.body.code).toBe('store_in_use');
    expect(reply.body.detail).toContain('it still has 1 paired device.');
    expect(reply.body.detail).toContain('rename it with PUT');
  });

  it('rejects a store with an unused pairing code', async () => {
    await putStore('del-4');
    await server.createPairingCode('del-4');
    const reply = await deleteStore('del-4');

    expectProblem(reply, 409);
    expect(reply.body.detail).toContain('1 unused pairing code');
    expect(reply.body.detail).toContain('expire within 7 days');
  });

  it('deletes a configured store after removal', async () => {
    await putStore('del-5');
    await callApi(server, 'PUT', '/api/v1/app-config?store=del-5', { token: server.adminToken, body: { capabilities: {} } });
    const refused = await deleteStore('del-5');
    await callApi(server, 'DELETE', '/api/v1/app-config?store=del-5', { token: server.adminToken });
    const deleted = await deleteStore('del-5');

    expectProblem(refused, 409);
    expect(refused.body.detail).toContain('1 configuration of its own');
    expect(refused.body.detail).toContain('DELETE /api/v1/app-config?store=del-5');
    expect(deleted.status).toBe(204);
  });

  it('rejects a store with a pick list', async () => {
    await putStore('del-6');
    const created = await callApi(server, 'POST', '/api/v1/pick-lists', { token: server.adminToken, body: makePickList('PL-DEL-6', 'del-6') });
    const reply = await deleteStore('del-6');

    expect(created.status).toBe(201);
    expectProblem(reply, 409);
    expect(reply.body.detail).toContain('it still has 1 pick list.');
  });

  it('rejects a store with orders, counting each kind', async () => {
    await putStore('del-7');
    const device = await pairDevice(server, 'del-7');
    for (const orderId of ['del-7-a', 'del-7-b']) {
      const sent = await callApi(server, 'POST', '/api/v1/orders', { token: device.token, body: makeOrder(orderId, 'del-7') });
      expect(sent.status).toBe(201);
    }
    const reply = await deleteStore('del-7');

    expectProblem(reply, 409);
    expect(reply.body.detail).toContain('it still has 1 paired device and 2 orders.');
  });

  it('keeps a store it refused to delete', async () => {
    await putStore('del-8');
    await pairDevice(server, 'del-8');
    await deleteStore('del-8');

    expect((await listStores()).map((store) => store.store_id)).toContain('del-8');
  });
});

/** Every admin request that names a store, with the JSON Pointer of the store id in it. */
const STORE_NAMING_REQUESTS: Array<{ name: string; method: string; path: (store: string) => string; body?: (store: string) => unknown; pointer: string }> = [
  { name: 'pairing code', method: 'POST', path: () => '/api/v1/pairing-codes', body: (store) => ({ store_id: store }), pointer: '/store_id' },
  {
    name: 'store configuration',
    method: 'PUT',
    path: (store) => `/api/v1/app-config?store=${store}`,
    body: () => ({ capabilities: { serialized_inventory: { serial_number_regex: '^[0-9]{8}$' } } }),
    pointer: '/store',
  },
  { name: 'configuration read', method: 'GET', path: (store) => `/api/v1/app-config?store=${store}`, pointer: '/store' },
  { name: 'configuration removal', method: 'DELETE', path: (store) => `/api/v1/app-config?store=${store}`, pointer: '/store' },
  { name: 'pick list import', method: 'POST', path: () => '/api/v1/pick-lists', body: (store) => makePickList(`PL-${store}`, store), pointer: '/store_id' },
  { name: 'conflict filter', method: 'GET', path: (store) => `/api/v1/conflicts?store=${store}`, pointer: '/store' },
  { name: 'export filter', method: 'GET', path: (store) => `/api/v1/exports/serials.csv?from=2025-03-01&to=2025-04-01&store=${store}`, pointer: '/store' },
  { name: 'device filter', method: 'GET', path: (store) => `/api/v1/devices?store=${store}`, pointer: '/store' },
];

describe('admin request naming an unknown store', () => {
  for (const request of STORE_NAMING_REQUESTS) {
    it(`rejects the ${request.name}`, async () => {
      const body = request.body?.('store-01');
      const reply = await callApi(server, request.method, request.path('store-01'), {
        token: server.adminToken,
        ...(body === undefined ? {} : { body }),
      });

      expectProblem(reply, 400);
      expect(reply.body.code).toBe('unknown_store');
      expect(reply.body.detail).toContain('Store "store-01" is not registered on this server.');
      expect(reply.body.detail).toContain('PUT /api/v1/stores/store-01');
      expect(reply.body.detail).toContain('store-001');
      expect(reply.body.errors).toEqual([{ path: request.pointer, message: 'is not a registered store' }]);
    });

    it(`accepts the ${request.name} once the store is registered`, async () => {
      const storeId = `known-${request.name.replaceAll(' ', '-')}`;
      await putStore(storeId);
      if (request.name === 'configuration removal') {
        await callApi(server, 'PUT', `/api/v1/app-config?store=${storeId}`, { token: server.adminToken, body: {} });
      }
      const body = request.body?.(storeId);
      const reply = await callApi(server, request.method, request.path(storeId), {
        token: server.adminToken,
        ...(body === undefined ? {} : { body }),
      });

      expect(reply.status).toBeLessThan(300);
    });
  }

  it('issues no pairing code for it', async () => {
    await callApi(server, 'POST', '/api/v1/pairing-codes', { token: server.adminToken, body: { store_id: 'store-09' } });

    expect(await auditActions('store-09')).toEqual([]);
  });

  it('creates no pick list for it', async () => {
    await callApi(server, 'POST', '/api/v1/pick-lists', { token: server.adminToken, body: makePickList('PL-UNKNOWN', 'store-09') });

    expect(await server.db.pickLists.getPickList('PL-UNKNOWN')).toBeNull();
  });

  it('stores no configuration for it', async () => {
    await callApi(server, 'PUT', '/api/v1/app-config?store=store-09', { token: server.adminToken, body: {} });

    expect(await server.db.config.getConfig('store-09')).toBeNull();
  });

  it('lists the 10 registered ids nearest to the one given', async () => {
    for (let index = 0; index < 15; index += 1) await putStore(`chain-${String(index).padStart(2, '0')}`);
    const reply = await callApi(server, 'GET', '/api/v1/conflicts?store=chain-07x', { token: server.adminToken });
    const total = (await listStores()).length;

    expect(reply.body.detail).toContain(`Registered stores nearest to it (10 of ${total}, GET /api/v1/stores lists all): `);
    expect(reply.body.detail).toContain('chain-03, chain-04, chain-05, chain-06, chain-07, chain-08, chain-09, chain-10, chain-11, chain-12.');
  });

  it('lets a device read its store', async () => {
    const device = await pairDevice(server, 'store-001');
    const reply = await callApi(server, 'GET', '/api/v1/app-config?store=store-001', { token: device.token });

    expect(reply.status).toBe(200);
  });

  it('rejects a device naming another store', async () => {
    const device = await pairDevice(server, 'store-001');
    const reply = await callApi(server, 'GET', '/api/v1/app-config?store=store-01', { token: device.token });

    expectProblem(reply, 403);
    expect(reply.body.code).toBe('wrong_store');
  });
});

describe('server with no store registered', () => {
  it('says that no store is registered', async () => {
    const empty = await startTestServer();
    try {
      const reply = await callApi(empty, 'POST', '/api/v1/pairing-codes', { token: empty.adminToken, body: { store_id: 'store-001' } });

      expectProblem(reply, 400);
      expect(reply.body.detail).toContain('No store is registered yet.');
    } finally {
      await empty.close();
    }
  });
});
