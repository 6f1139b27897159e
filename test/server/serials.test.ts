import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { callApi, makeOrder, pairDevice, serialLine } from './server-fixture.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: true });
  const store1 = await pairDevice(server, 'store-001');
  const store2 = await pairDevice(server, 'store-002');

  await callApi(server, 'POST', '/api/v1/orders', {
    token: store1.token,
    body: makeOrder('ord-a', 'store-001', [serialLine('L1', '1001', 'LOOKUPSERIAL01')]),
  });
  await callApi(server, 'POST', '/api/v1/orders', {
    token: store2.token,
    body: makeOrder('ord-b', 'store-002', [serialLine('L3', '1001', 'LOOKUPSERIAL01')]),
  });
  await callApi(server, 'POST', '/api/v1/orders', {
    token: store1.token,
    body: makeOrder('ord-c', 'store-001', [serialLine('L1', '1002', 'LOOKUPSERIAL01')]),
  });
});

afterAll(async () => {
  await server.close();
});

async function lookUp(query: string) {
  return callApi(server, 'GET', `/api/v1/serials?${query}`, { token: server.adminToken });
}

describe('GET /api/v1/serials', () => {
  it('lists both sales of a duplicate', async () => {
    const reply = await lookUp('product_id=1001&serial_number=LOOKUPSERIAL01');

    expect(reply.status).toBe(200);
    expect(reply.body.captures.map((capture: { order_id: string }) => capture.order_id)).toEqual(['ord-a', 'ord-b']);
  });

  it('describes each capture', async () => {
    const reply = await lookUp('product_id=1001&serial_number=LOOKUPSERIAL01');

    expect(reply.body.captures[1]).toMatchObject({
      kind: 'sale',
      product_id: '1001',
      order_id: 'ord-b',
      line_id: 'L3',
      store_id: 'store-002',
      captured_at: '2025-03-01T10:15:00.000Z',
    });
    expect(Date.parse(reply.body.captures[1].received_at)).not.toBeNaN();
  });

  it('lists the flagged conflict', async () => {
    const reply = await lookUp('product_id=1001&serial_number=LOOKUPSERIAL01');

    expect(reply.body.conflicts).toHaveLength(1);
    expect(reply.body.conflicts[0]).toMatchObject({ order_id: 'ord-b', line_id: 'L3', reason: 'duplicate_serial' });
  });

  it('lists every product without product_id', async () => {
    const reply = await lookUp('serial_number=LOOKUPSERIAL01');
    const products = reply.body.captures.map((capture: { product_id: string }) => capture.product_id);

    expect(products).toEqual(['1001', '1001', '1002']);
    expect(reply.body.product_id).toBeNull();
  });

  it('returns empty lists for an unknown serial', async () => {
    const reply = await lookUp('serial_number=NEVERSOLD00000');

    expect(reply.status).toBe(200);
    expect(reply.body.captures).toEqual([]);
    expect(reply.body.conflicts).toEqual([]);
  });

  it('requires serial_number', async () => {
    const reply = await lookUp('product_id=1001');

    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe('/serial_number');
  });
});
