import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { callApi, expectProblem, pairDevice, type ApiRequest } from './server-fixture.ts';

const ONE_MIB = 1024 * 1024;

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

/** Routes that take a JSON body. */
const BODY_ROUTES: Array<{ method: string; path: string; caller: Caller; wrongTypes: unknown; missingFields: unknown }> = [
  { method: 'POST', path: '/api/v1/pairing-codes', caller: 'admin', wrongTypes: { store_id: 1, ttl_s: '900' }, missingFields: { ttl_s: 60 } },
  { method: 'POST', path: '/api/v1/pairing', caller: 'anyone', wrongTypes: { code: 12345678 }, missingFields: { device_name: 'Till' } },
  { method: 'POST', path: '/api/v1/imports/products', caller: 'admin', wrongTypes: { head: 'x', items: {} }, missingFields: { head: { catalog: 'c', locale: 'en' } } },
  { method: 'PUT', path: '/api/v1/app-config', caller: 'admin', wrongTypes: { capabilities: [] }, missingFields: [] },
  { method: 'POST', path: '/api/v1/orders', caller: 'device', wrongTypes: { order_id: 1, store_id: true, created_at: 0, fulfillment_type: 2, lines: 'x' }, missingFields: { order_id: 'o1' } },
  { method: 'POST', path: '/api/v1/pick-lists', caller: 'admin', wrongTypes: { id: 1, order_id: [], store_id: 2, items: 'x' }, missingFields: { id: 'PL-9' } },
  { method: 'POST', path: '/api/v1/conflicts/sale-1/resolution', caller: 'admin', wrongTypes: { note: 7 }, missingFields: { comment: 'x' } },
  { method: 'POST', path: '/api/v1/pick-lists/PL-0001/completion', caller: 'device', wrongTypes: { pick_list_id: 1, completed_at: 0, units: 'x' }, missingFields: { pick_list_id: 'PL-0001' } },
];

function tokenFor(caller: Caller): string | undefined {
  if (caller === 'admin') return server.adminToken;
  if (caller === 'device') return deviceToken;
  return undefined;
}

describe('malformed bodies on every body route', () => {
  for (const route of BODY_ROUTES) {
    const send = (request: ApiRequest) => {
      const token = tokenFor(route.caller);
      return callApi(server, route.method, route.path, { ...request, ...(token ? { token } : {}) });
    };

    describe(`${route.method} ${route.path}`, () => {
      it('rejects a body that is not JSON', async () => {
        const reply = await send({ rawBody: '{"store_id": ', headers: { 'content-type': 'application/json' } });
        expectProblem(reply, 400);
        expect(reply.body.code).toBe('invalid_json');
      });

      it('rejects wrong types', async () => {
        const reply = await send({ body: route.wrongTypes });
        expectProblem(reply, 400);
        expect(reply.body.errors.length).toBeGreaterThan(0);
      });

      it('rejects missing fields', async () => {
        const reply = await send({ body: route.missingFields });
        expectProblem(reply, 400);
      });

      it('rejects a JSON string', async () => {
        const reply = await send({ body: 'just text' });
        expectProblem(reply, 400);
      });

      it('rejects an empty JSON body', async () => {
        const reply = await send({ rawBody: '', headers: { 'content-type': 'application/json' } });
        expectProblem(reply, 400);
        expect(reply.body.code).toBe('empty_body');
      });

      it('rejects no body at all', async () => {
        const reply = await send({});
        expectProblem(reply, 400);
      });

      it('rejects text/plain', async () => {
        const reply = await send({ rawBody: '{}', headers: { 'content-type': 'text/plain' } });
        expectProblem(reply, 415);
        expect(reply.body.detail).toContain('text/plain');
      });

      it('rejects an XML content type', async () => {
        const reply = await send({ rawBody: '<order/>', headers: { 'content-type': 'application/xml' } });
        expectProblem(reply, 415);
      });

      if (route.path !== '/api/v1/imports/products') {
        it('rejects a body over 1 MiB', async () => {
          const reply = await send({ body: { padding: 'x'.repeat(ONE_MIB) } });
          expectProblem(reply, 413);
          expect(reply.body.detail).toContain('1 MiB');
        });
      }
    });
  }

  it('accepts an import over 1 MiB', async () => {
    const items = Array.from({ length: 6000 }, (_, i) => ({
      product_id: `bulk-${i}`,
      title: 'A product with a long enough title to fill the file'.repeat(4),
      external_identifiers: [{ type: 'sku', value: `BULK-${i}` }],
    }));
    const body = { head: { catalog: 'c', locale: 'en-US' }, items };
    const reply = await callApi(server, 'POST', '/api/v1/imports/products', { token: server.adminToken, body });

    expect(JSON.stringify(body).length).toBeGreaterThan(ONE_MIB);
    expect(reply.status).toBe(200);
    expect(reply.body.imported).toBe(6000);
  });

  it('rejects an import over 64 MiB', async () => {
    const reply = await callApi(server, 'POST', '/api/v1/imports/products', {
      token: server.adminToken,
      rawBody: `{"head":{"catalog":"c","locale":"en"},"items":[],"padding":"${'x'.repeat(64 * ONE_MIB)}"}`,
      headers: { 'content-type': 'application/json' },
    });

    expectProblem(reply, 413);
    expect(reply.body.detail).toContain('64 MiB');
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
