import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { callApi, makeOrder, pairDevice, serialLine } from './server-fixture.ts';

let server: TestServer;
let store1Token: string;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: true });
  store1Token = (await pairDevice(server, 'store-001')).token;
});

afterAll(async () => {
  await server.close();
});

async function postOrder(body: unknown, token = store1Token) {
  return callApi(server, 'POST', '/api/v1/orders', { token, body });
}

describe('POST /api/v1/orders idempotency', () => {
  it('replies 201 on first delivery', async () => {
    const reply = await postOrder(makeOrder('ord-first', 'store-001', [serialLine('L1', '1001', 'FIRSTSERIAL001')]));

    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({ order_id: 'ord-first', status: 'accepted', conflicts: [] });
  });

  it('replies 200 with the same body on resend', async () => {
    const order = makeOrder('ord-resend', 'store-001', [serialLine('L1', '1001', 'C02XK1ABCD1234'), serialLine('L2', '9999', 'UNKNOWNPROD001')]);
    const first = await postOrder(order);
    const second = await postOrder(order);

    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
  });

  it('stores a resent order once', async () => {
    const order = makeOrder('ord-once', 'store-001', [serialLine('L1', '1002', 'ONCESERIAL0001')]);
    await postOrder(order);
    await postOrder(order);

    expect(await server.countRows('orders', 'ord-once')).toBe(1);
    expect(await server.countRows('order_lines', 'ord-once')).toBe(1);
    expect(await server.countRows('serials', 'ord-once')).toBe(1);
  });

  it('stores the lines in order', async () => {
    const shipped = { line_id: 'L2', product_id: '1017', quantity: 2, fulfillment: 'SHIPPING' as const };
    const order = makeOrder('ord-lines', 'store-001', [serialLine('L1', '1001', 'LINESSERIAL001'), shipped]);
    await postOrder({ ...order, fulfillment_type: 'with_shipping' });
    const ordersBefore = await server.countOrders();
    await postOrder({ ...order, fulfillment_type: 'with_shipping' });

    expect(await server.countOrders()).toBe(ordersBefore);
    expect(await server.orderLines('ord-lines')).toEqual([
      { line_id: 'L1', product_id: '1001', quantity: 1, fulfillment: 'IN_STORE_HANDOVER', serial_number: 'LINESSERIAL001' },
      { line_id: 'L2', product_id: '1017', quantity: 2, fulfillment: 'SHIPPING', serial_number: null },
    ]);
  });

  it('treats reordered keys as the same content', async () => {
    const order = makeOrder('ord-keys', 'store-001', [serialLine('L1', '1003', 'KEYSSERIAL0001')]);
    await postOrder(order);
    const reordered = { lines: order.lines, store_id: order.store_id, order_id: order.order_id, fulfillment_type: order.fulfillment_type, created_at: order.created_at };
    const reply = await postOrder(reordered);

    expect(reply.status).toBe(200);
  });

  it('replies 409 to different content', async () => {
    await postOrder(makeOrder('ord-409', 'store-001', [serialLine('L1', '1004', 'CONFLICT000001')]));
    const reply = await postOrder(makeOrder('ord-409', 'store-001', [serialLine('L1', '1004', 'CONFLICT000002')]));

    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('order_id_conflict');
    expect(reply.body.detail).toContain('ord-409');
  });

  it('keeps the first content after a 409', async () => {
    await postOrder(makeOrder('ord-409b', 'store-001', [serialLine('L1', '1004', 'KEEPFIRST00001')]));
    await postOrder(makeOrder('ord-409b', 'store-001', [serialLine('L1', '1004', 'KEEPFIRST00002')]));
    const lookup = await callApi(server, 'GET', '/api/v1/serials?serial_number=KEEPFIRST00002', { token: server.adminToken });

    expect(lookup.body.captures).toEqual([]);
  });
});

describe('POST /api/v1/orders validation', () => {
  const cases: Array<[string, (order: any) => void, string]> = [
    ['no lines', (order) => (order.lines = []), '/lines'],
    ['a repeated line_id', (order) => order.lines.push({ ...order.lines[0], serial_number: 'OTHER' }), '/lines/1/line_id'],
    ['quantity 2 with a serial', (order) => (order.lines[0].quantity = 2), '/lines/0/quantity'],
    ['a serial on a shipped line', (order) => (order.lines[0].fulfillment = 'SHIPPING'), '/lines/0/serial_number'],
    ['quantity as a string', (order) => (order.lines[0].quantity = '1'), '/lines/0/quantity'],
    ['quantity 0', (order) => (order.lines[0].quantity = 0), '/lines/0/quantity'],
    ['an unknown fulfillment', (order) => (order.lines[0].fulfillment = 'PICKUP'), '/lines/0/fulfillment'],
    ['a serial of 129 characters', (order) => (order.lines[0].serial_number = 'A'.repeat(129)), '/lines/0/serial_number'],
    ['an empty serial', (order) => (order.lines[0].serial_number = ''), '/lines/0/serial_number'],
    ['an unknown field', (order) => (order.note = 'x'), '/note'],
    ['a missing created_at', (order) => delete order.created_at, '/created_at'],
    ['a created_at that is no date', (order) => (order.created_at = 'yesterday'), '/created_at'],
  ];

  for (const [name, change, path] of cases) {
    it(`rejects ${name}`, async () => {
      const order: any = makeOrder(`ord-invalid-${name}`, 'store-001');
      change(order);
      const reply = await postOrder(order);

      expect(reply.status).toBe(400);
      expect(reply.body.errors.map((error: { path: string }) => error.path)).toContain(path);
    });
  }
});
