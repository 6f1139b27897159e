import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { callApi, expectProblem, pairDevice } from './server-fixture.ts';

let server: TestServer;
let deviceToken: string;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: true });
  deviceToken = (await pairDevice(server, 'store-001')).token;
});

afterAll(async () => {
  await server.close();
});

type Caller = 'admin' | 'device' | 'anyone';

/** Routes without a body, with query or path values that break their schema. */
const QUERY_ROUTES: Array<{ method: string; path: string; caller: Caller }> = [
  { method: 'GET', path: '/api/v1/catalog/changes?limit=-1', caller: 'device' },
  { method: 'GET', path: '/api/v1/catalog/changes?cursor=next', caller: 'device' },
  { method: 'GET', path: '/api/v1/catalog/changes?limit=1&limit=2', caller: 'device' },
  { method: 'GET', path: '/api/v1/catalog/changes?page=2', caller: 'device' },
  { method: 'GET', path: '/api/v1/app-config?store=', caller: 'device' },
  { method: 'GET', path: '/api/v1/app-config?shop=store-001', caller: 'device' },
  { method: 'PUT', path: '/api/v1/app-config?store=a%20b', caller: 'admin' },
  { method: 'DELETE', path: '/api/v1/app-config', caller: 'admin' },
  { method: 'DELETE', path: `/api/v1/products/${'x'.repeat(256)}`, caller: 'admin' },
  { method: 'GET', path: '/api/v1/serials', caller: 'admin' },
  { method: 'GET', path: `/api/v1/serials?serial_number=${'S'.repeat(129)}`, caller: 'admin' },
  { method: 'GET', path: '/api/v1/conflicts?status=closed', caller: 'admin' },
  { method: 'GET', path: '/api/v1/conflicts?limit=-1', caller: 'admin' },
  { method: 'GET', path: '/api/v1/conflicts?limit=1&limit=2', caller: 'admin' },
  { method: 'GET', path: '/api/v1/conflicts?store=', caller: 'admin' },
  { method: 'GET', path: '/api/v1/conflicts?cursor=', caller: 'admin' },
  { method: 'GET', path: '/api/v1/conflicts?cursor=not-a-cursor', caller: 'admin' },
  { method: 'GET', path: '/api/v1/conflicts?page=2', caller: 'admin' },
  { method: 'GET', path: '/api/v1/exports/serials.csv', caller: 'admin' },
  { method: 'GET', path: '/api/v1/exports/serials.csv?from=2025-03-01', caller: 'admin' },
  { method: 'GET', path: '/api/v1/exports/serials.csv?from=2025-03-01&to=tomorrow', caller: 'admin' },
  { method: 'GET', path: '/api/v1/exports/serials.csv?from=2025-03-01&to=2025-04-01&to=2025-05-01', caller: 'admin' },
  { method: 'GET', path: `/api/v1/exports/serials.csv?from=${'2'.repeat(65)}&to=2025-04-01`, caller: 'admin' },
  { method: 'GET', path: '/api/v1/exports/serials.csv?from=2025-03-01&to=2025-04-01&store=a%20b', caller: 'admin' },
  { method: 'GET', path: '/api/v1/exports/serials.csv?from=2025-03-01&to=2025-04-01&format=xlsx', caller: 'admin' },
  { method: 'POST', path: '/api/v1/conflicts/12/resolution', caller: 'admin' },
  { method: 'POST', path: '/api/v1/conflicts/sale-0/resolution', caller: 'admin' },
  { method: 'GET', path: '/api/v1/pick-lists?status=closed', caller: 'device' },
  { method: 'GET', path: '/api/v1/pick-lists?state=open', caller: 'device' },
  { method: 'GET', path: `/api/v1/pick-lists/${'P'.repeat(65)}`, caller: 'device' },
  { method: 'GET', path: '/api/v1/pick-lists?status=closed', caller: 'admin' },
  { method: 'GET', path: '/api/v1/pick-lists?limit=1001', caller: 'admin' },
  { method: 'GET', path: '/api/v1/pick-lists?cursor=not-a-cursor', caller: 'admin' },
  { method: 'GET', path: '/api/v1/pick-lists?store=a%20b', caller: 'admin' },
  { method: 'GET', path: '/api/v1/orders?limit=-1', caller: 'admin' },
  { method: 'GET', path: '/api/v1/orders?limit=1&limit=2', caller: 'admin' },
  { method: 'GET', path: '/api/v1/orders?from=2025-13-01', caller: 'admin' },
  { method: 'GET', path: `/api/v1/orders?to=${'2'.repeat(65)}`, caller: 'admin' },
  { method: 'GET', path: '/api/v1/orders?store=', caller: 'admin' },
  { method: 'GET', path: '/api/v1/orders?device=', caller: 'admin' },
  { method: 'GET', path: '/api/v1/orders?cursor=', caller: 'admin' },
  { method: 'GET', path: '/api/v1/orders?page=2', caller: 'admin' },
];

function tokenFor(caller: Caller): string | undefined {
  if (caller === 'admin') return server.adminToken;
  if (caller === 'device') return deviceToken;
  return undefined;
}

describe('malformed query and path values', () => {
  for (const route of QUERY_ROUTES) {
    it(`rejects ${route.method} ${route.path.slice(0, 60)}`, async () => {
      const token = tokenFor(route.caller);
      const body = route.method === 'PUT' ? {} : route.method === 'POST' ? { note: 'n' } : undefined;
      const reply = await callApi(server, route.method, route.path, { ...(token ? { token } : {}), ...(body ? { body } : {}) });

      expectProblem(reply, 400);
    });
  }

  it('rejects invalid JSON sent to a DELETE route', async () => {
    const reply = await callApi(server, 'DELETE', '/api/v1/products/1001', {
      token: server.adminToken,
      rawBody: '{oops',
      headers: { 'content-type': 'application/json' },
    });

    expectProblem(reply, 400);
  });

  it('rejects a broken percent-encoding', async () => {
    const reply = await callApi(server, 'DELETE', '/api/v1/products/%E0%A4%A', { token: server.adminToken });

    expectProblem(reply, 400);
    expect(reply.body.code).toBe('invalid_url');
  });

  it('rejects an over-long path parameter', async () => {
    const reply = await callApi(server, 'DELETE', `/api/v1/products/${'x'.repeat(5000)}`, { token: server.adminToken });

    expectProblem(reply, 414);
  });

  it('replies 404 problem to an unknown API path', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/no-such-route', { token: server.adminToken });

    expectProblem(reply, 404);
    expect(reply.body.detail).toContain('/api/v1/no-such-route');
  });

  it('replies 404 problem to a wrong method', async () => {
    const reply = await callApi(server, 'PATCH', '/api/v1/orders', { token: deviceToken, body: {} });

    expectProblem(reply, 404);
  });
});

describe('validation messages', () => {
  it('name the allowed values of an enum', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/conflicts?status=closed', { token: server.adminToken });

    expect(reply.body.errors).toEqual([{ path: '/status', message: 'must be one of "open", "resolved", "all", got "closed"' }]);
  });

  it('name the format of a missing date', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/exports/serials.csv?from=2025-03-01', { token: server.adminToken });

    expect(reply.body.errors).toEqual([
      {
        path: '/to',
        message: 'is missing; expected a date such as 2025-03-01, or a date and time with a zone such as 2025-03-01T08:00:00Z',
      },
    ]);
  });

  it('name the format of a conflict id', async () => {
    const reply = await callApi(server, 'POST', '/api/v1/conflicts/12/resolution', { token: server.adminToken, body: { note: 'n' } });

    expect(reply.body.errors[0].path).toBe('/conflict_id');
    expect(reply.body.errors[0].message).toContain('such as sale-12');
    expect(reply.body.errors[0].message).toContain('got "12"');
    expect(reply.body.detail).toContain('such as sale-12');
  });

  it('name the format of a query number', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/audit-log?limit=-1', { token: server.adminToken });

    expect(reply.body.errors).toEqual([{ path: '/limit', message: 'must be a whole number of 1–15 digits, got "-1"' }]);
  });

  it('name the allowed values of a device route enum', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/pick-lists?status=closed', { token: deviceToken });

    expect(reply.body.errors[0].message).toBe('must be one of "open", "completed", got "closed"');
  });
});

describe('server after malformed requests', () => {
  it('still responds to health', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/health');

    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('ok');
  });

  it('still accepts a valid order', async () => {
    const reply = await callApi(server, 'POST', '/api/v1/orders', {
      token: deviceToken,
      body: {
        order_id: 'after-malformed',
        store_id: 'store-001',
        created_at: '2025-03-01T10:15:00Z',
        fulfillment_type: 'in_store_purchase',
        lines: [{ line_id: 'L1', product_id: '1017', quantity: 3, fulfillment: 'IN_STORE_HANDOVER' }],
      },
    });

    expect(reply.status).toBe(201);
  });
});
