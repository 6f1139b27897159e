import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { callApi, makeOrder, pairDevice, serialLine } from './server-fixture.ts';

let server: TestServer;
let store1Token: string;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: true });
  store1Token = (await pairDevice(server, 'store-001')).token;
  await callApi(server, 'PUT', '/api/v1/app-config?store=store-002', {
    token: server.adminToken,
    body: { capabilities: { serialized_inventory: { serial_number_regex: '^[0-9]{15}$' } } },
  });
});

afterAll(async () => {
  await server.close();
});

async function postOrder(body: unknown, token = store1Token) {
  return callApi(server, 'POST', '/api/v1/orders', { token, body });
}

describe('POST /api/v1/orders conflicts', () => {
  it('flags a serial already sold in another order', async () => {
    await postOrder(makeOrder('ord-dup-a', 'store-001', [serialLine('L1', '1005', 'DUPLICATE00001')]));
    const reply = await postOrder(makeOrder('ord-dup-b', 'store-001', [serialLine('L7', '1005', 'DUPLICATE00001')]));

    expect(reply.status).toBe(201);
    expect(reply.body.conflicts).toHaveLength(1);
    expect(reply.body.conflicts[0]).toMatchObject({ line_id: 'L7', product_id: '1005', serial_number: 'DUPLICATE00001', reason: 'duplicate_serial' });
    expect(reply.body.conflicts[0].detail).toContain('ord-dup-a');
  });

  it('keeps both sales of a duplicate', async () => {
    await postOrder(makeOrder('ord-both-a', 'store-001', [serialLine('L1', '1006', 'BOTHKEPT000001')]));
    await postOrder(makeOrder('ord-both-b', 'store-001', [serialLine('L1', '1006', 'BOTHKEPT000001')]));
    const lookup = await callApi(server, 'GET', '/api/v1/serials?product_id=1006&serial_number=BOTHKEPT000001', {
      token: server.adminToken,
    });

    expect(lookup.body.captures.map((capture: { order_id: string }) => capture.order_id)).toEqual(['ord-both-a', 'ord-both-b']);
  });

  it('allows one serial on two products', async () => {
    await postOrder(makeOrder('ord-two-a', 'store-001', [serialLine('L1', '1007', 'SHAREDSERIAL01')]));
    const reply = await postOrder(makeOrder('ord-two-b', 'store-001', [serialLine('L1', '1008', 'SHAREDSERIAL01')]));

    expect(reply.body.conflicts).toEqual([]);
  });

  it('flags a serial on two lines of one order', async () => {
    const reply = await postOrder(
      makeOrder('ord-twice', 'store-001', [serialLine('L1', '1009', 'TWICESERIAL001'), serialLine('L2', '1009', 'TWICESERIAL001')]),
    );

    expect(reply.body.conflicts).toHaveLength(1);
    expect(reply.body.conflicts[0]).toMatchObject({ line_id: 'L2', reason: 'duplicate_serial' });
    expect(reply.body.conflicts[0].detail).toContain('line L1 of this order');
  });

  it('flags a serial that fails the store format', async () => {
    const store2 = await pairDevice(server, 'store-002');
    const reply = await postOrder(makeOrder('ord-format', 'store-002', [serialLine('L1', '1010', 'ABC123')]), store2.token);

    expect(reply.status).toBe(201);
    expect(reply.body.conflicts).toHaveLength(1);
    expect(reply.body.conflicts[0]).toMatchObject({ line_id: 'L1', serial_number: 'ABC123', reason: 'serial_format' });
    expect(reply.body.conflicts[0].detail).toContain('15 digits');
  });

  it('accepts a serial in the store format', async () => {
    const store2 = await pairDevice(server, 'store-002');
    const reply = await postOrder(makeOrder('ord-format-ok', 'store-002', [serialLine('L1', '1010', '356938035643809')]), store2.token);

    expect(reply.body.conflicts).toEqual([]);
  });

  it('checks store-001 against the global format', async () => {
    const reply = await postOrder(makeOrder('ord-global', 'store-001', [serialLine('L1', '1011', '35693803564380')]));

    expect(reply.body.conflicts).toEqual([]);
  });

  it('flags a global format failure', async () => {
    const reply = await postOrder(makeOrder('ord-global-bad', 'store-001', [serialLine('L1', '1011', 'short')]));

    expect(reply.body.conflicts[0]).toMatchObject({ reason: 'serial_format' });
    expect(reply.body.conflicts[0].detail).toContain('global configuration');
  });

  it('flags an unknown product', async () => {
    const line = { line_id: 'L1', product_id: 'no-such-product', quantity: 2, fulfillment: 'SHIPPING' as const };
    const reply = await postOrder({ ...makeOrder('ord-unknown', 'store-001', [line]), fulfillment_type: 'with_shipping' });

    expect(reply.status).toBe(201);
    expect(reply.body.conflicts).toEqual([
      expect.objectContaining({ line_id: 'L1', product_id: 'no-such-product', reason: 'unknown_product' }),
    ]);
  });
});

