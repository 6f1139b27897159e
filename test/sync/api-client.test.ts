import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../../src/sync/api-client.ts';
import { makeOrder } from '../storage/test-db.ts';
import { DEVICE_TOKEN, PAIRING_CODE, STORE_ID, startFakeApiServer, type FakeApiServer } from './fake-api-server.ts';

let server: FakeApiServer;
let api: ApiClient;

beforeEach(async () => {
  server = await startFakeApiServer();
  api = createApiClient({ baseUrl: server.baseUrl, getToken: async () => DEVICE_TOKEN, timeoutMs: 2000 });
});

afterEach(async () => {
  await server.close();
});

describe('createApiClient', () => {
  it('rejects a relative base URL', () => {
    const create = () => createApiClient({ baseUrl: '/api', getToken: async () => undefined });

    expect(create).toThrow(/"\/api" is not an absolute URL/);
  });
});

describe('pair', () => {
  it('returns the device token', async () => {
    const unpaired = createApiClient({ baseUrl: server.baseUrl, getToken: async () => undefined });

    const result = await unpaired.pair(PAIRING_CODE, 'Till 2');

    expect(result).toEqual({ device_id: 'device-1', device_token: DEVICE_TOKEN, store_id: STORE_ID });
    expect(server.requests[0]?.body).toEqual({ code: PAIRING_CODE, device_name: 'Till 2' });
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('rejects an unknown code', async () => {
    const error = await api.pair('ZZZZ9999').catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'ApiError', status: 400, code: 'invalid_pairing_code' });
    expect((error as Error).message).toContain('"ZZZZ9999"');
  });
});

describe('getCatalogChanges', () => {
  it('sends the cursor, limit and token', async () => {
    server.setProducts([{ product_id: '1001', serialized_inventory: true, external_identifiers: [] }]);

    const page = await api.getCatalogChanges('', 50);

    expect(page.items).toHaveLength(1);
    expect(page.has_more).toBe(false);
    expect(server.requests[0]?.query.get('limit')).toBe('50');
    expect(server.requests[0]?.query.get('cursor')).toBe('');
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${DEVICE_TOKEN}`);
  });

  it('throws ApiError 401 for a rejected token', async () => {
    server.rejectAllTokens(true);

    await expect(api.getCatalogChanges('', 50)).rejects.toMatchObject({
      name: 'ApiError',
      status: 401,
      code: 'unauthorized',
    });
  });

  it('throws ApiError 401 without a token', async () => {
    const unpaired = createApiClient({ baseUrl: server.baseUrl, getToken: async () => undefined });

    await expect(unpaired.getCatalogChanges('', 50)).rejects.toMatchObject({
      name: 'ApiError',
      status: 401,
      code: 'not_paired',
    });
    expect(server.requests).toHaveLength(0);
  });

  it('reads a reply that is not a problem document', async () => {
    server.failNext('GET', '/api/v1/catalog/changes', { kind: 'status', status: 502, body: '<h1>Bad Gateway</h1>' });

    const error = await api.getCatalogChanges('', 50).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'ApiError', status: 502, code: 'http_502' });
    expect((error as Error).message).toMatch(/GET \/api\/v1\/catalog\/changes.* failed with HTTP 502/);
  });

  it('throws TimeoutError when no reply comes', async () => {
    const impatient = createApiClient({ baseUrl: server.baseUrl, getToken: async () => DEVICE_TOKEN, timeoutMs: 100 });
    server.failNext('GET', '/api/v1/catalog/changes', { kind: 'hang' });

    await expect(impatient.getCatalogChanges('', 50)).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('passes an abort through', async () => {
    server.failNext('GET', '/api/v1/catalog/changes', { kind: 'hang' });
    const controller = new AbortController();

    const request = api.getCatalogChanges('', 50, controller.signal);
    setTimeout(() => controller.abort(), 50);

    await expect(request).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('getAppConfig', () => {
  it('returns the configuration in force', async () => {
    server.setConfig({ capabilities: { serialized_inventory: { serial_number_regex: '^[A-Z0-9]{14}$' } } }, 'v3');

    const result = await api.getAppConfig();

    expect(result).toEqual({
      notModified: false,
      configInForce: {
        config: { capabilities: { serialized_inventory: { serial_number_regex: '^[A-Z0-9]{14}$' } } },
        source: 'store',
        store_id: STORE_ID,
        version: 'v3',
      },
    });
  });

  it('returns notModified for a matching version', async () => {
    server.setConfig({}, 'v3');

    const result = await api.getAppConfig('v3');

    expect(result).toEqual({ notModified: true });
    expect(server.requests[0]?.headers['if-none-match']).toBe('"v3"');
  });

  it('rejects a reply without a version', async () => {
    server.failNext('GET', '/api/v1/app-config', { kind: 'status', status: 200, body: '{"config":{}}' });

    await expect(api.getAppConfig()).rejects.toMatchObject({ name: 'ApiError', code: 'invalid_response' });
  });
});

describe('postOrder', () => {
  it('reports a first delivery as created', async () => {
    const result = await api.postOrder(makeOrder('order-1'));

    expect(result.created).toBe(true);
    expect(result.receipt).toEqual({ order_id: 'order-1', status: 'accepted', conflicts: [] });
  });

  it('reports a resend as not created', async () => {
    await api.postOrder(makeOrder('order-1'));

    const result = await api.postOrder(makeOrder('order-1'));

    expect(result.created).toBe(false);
    expect(server.orders.size).toBe(1);
  });

  it('throws ApiError 409 for other content', async () => {
    await api.postOrder(makeOrder('order-1'));

    await expect(api.postOrder(makeOrder('order-1', 'OTHERSERIAL001'))).rejects.toMatchObject({
      name: 'ApiError',
      status: 409,
      code: 'order_id_conflict',
    });
  });
});

describe('network failures', () => {
  it('throws NetworkError when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const offline = createApiClient({ baseUrl: `http://127.0.0.1:${port}`, getToken: async () => DEVICE_TOKEN });

    const error = await offline.getAppConfig().catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'NetworkError' });
    expect((error as Error).message).toMatch(/GET \/api\/v1\/app-config failed: .*ECONNREFUSED/);
  });

  it('throws NetworkError when the reply is lost', async () => {
    server.failNext('POST', '/api/v1/orders', { kind: 'drop-reply' });

    await expect(api.postOrder(makeOrder('order-1'))).rejects.toMatchObject({ name: 'NetworkError' });
    expect(server.orders.has('order-1')).toBe(true);
  });
});
