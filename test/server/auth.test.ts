import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { callApi, makeOrder, pairDevice, PROBLEM_TYPE } from './server-fixture.ts';

let server: TestServer;
let deviceToken: string;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: true });
  deviceToken = (await pairDevice(server, 'store-001')).token;
});

afterAll(async () => {
  await server.close();
});

const ADMIN_ROUTES: Array<[string, string, unknown?]> = [
  ['POST', '/api/v1/pairing-codes', { store_id: 'store-001' }],
  ['POST', '/api/v1/imports/products', { head: { catalog: 'c', locale: 'en-US' }, items: [] }],
  ['DELETE', '/api/v1/products/1001'],
  ['PUT', '/api/v1/app-config', {}],
  ['DELETE', '/api/v1/app-config?store=store-001'],
  ['GET', '/api/v1/serials?serial_number=X'],
  ['GET', '/api/v1/orders'],
  ['GET', '/api/v1/orders/some-order'],
  ['POST', '/api/v1/pick-lists', { id: 'PL-auth', order_id: 'o', store_id: 'store-001', items: [{ line_id: 'L1', product_id: '1001', quantity: 1 }] }],
];

describe('bearer authentication', () => {
  it('rejects a missing token with 401', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/catalog/changes');

    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe('missing_token');
    expect(reply.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('rejects a malformed header with 401', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/catalog/changes', { headers: { authorization: 'Basic abc' } });

    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe('missing_token');
  });

  it('rejects an unknown token with 401', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/catalog/changes', { token: 'not-a-token' });

    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe('invalid_token');
    expect(reply.headers.get('content-type')).toContain(PROBLEM_TYPE);
  });

  it('never echoes the token', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/catalog/changes', { token: 'secret-looking-token' });

    expect(JSON.stringify(reply.body)).not.toContain('secret-looking-token');
  });

  it('admits the admin token on admin routes', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/serials?serial_number=X', { token: server.adminToken });

    expect(reply.status).toBe(200);
  });

  it('admits a device token on device routes', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/catalog/changes?limit=1', { token: deviceToken });

    expect(reply.status).toBe(200);
  });

  for (const [method, path, body] of ADMIN_ROUTES) {
    it(`denies a device on ${method} ${path.split('?')[0]}`, async () => {
      const reply = await callApi(server, method, path, { token: deviceToken, body });

      expect(reply.status).toBe(403);
      expect(reply.body.code).toBe('admin_only');
    });
  }

  it('denies the admin on POST /api/v1/orders', async () => {
    const reply = await callApi(server, 'POST', '/api/v1/orders', {
      token: server.adminToken,
      body: makeOrder('admin-order', 'store-001'),
    });

    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('device_only');
  });

  it('leaves health open without a token', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/health');

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'ok' });
  });
});
