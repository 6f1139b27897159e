import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PickListItem } from '../../src/domain/types.ts';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { createPickList, defaultUnits, makeCompletion, makePickList, sendCompletion } from './pick-list-fixture.ts';
import { callApi, makeOrder, pairDevice, serialLine } from './server-fixture.ts';

let server: TestServer;
let store1Token: string;
let store2Token: string;
let listCount = 0;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: true });
  store1Token = (await pairDevice(server, 'store-001')).token;
  store2Token = (await pairDevice(server, 'store-002')).token;
  await callApi(server, 'PUT', '/api/v1/app-config?store=store-002', {
    token: server.adminToken,
    body: { capabilities: { serialized_inventory: { serial_number_regex: '^[0-9]{15}$' } } },
  });
});

afterAll(async () => {
  await server.close();
});

/** Creates a fresh list for the store and returns its id. */
async function freshList(storeId = 'store-001', items?: PickListItem[]): Promise<string> {
  listCount += 1;
  const id = `PL-x${listCount}`;
  await createPickList(server, makePickList(id, storeId, items));
  return id;
}

async function completeWithSerial(serial: string, token = store1Token, storeId = 'store-001') {
  const id = await freshList(storeId);
  const reply = await sendCompletion(server, token, makeCompletion(id, defaultUnits(serial)));
  return { id, reply };
}

async function lookUp(serial: string) {
  return callApi(server, 'GET', `/api/v1/serials?product_id=1001&serial_number=${serial}`, { token: server.adminToken });
}

describe('pick conflicts with sales', () => {
  it('flags a serial sold at checkout', async () => {
    await callApi(server, 'POST', '/api/v1/orders', {
      token: store1Token,
      body: makeOrder('ord-sold', 'store-001', [serialLine('L1', '1001', 'SOLDTHENPICK01')]),
    });
    const { reply } = await completeWithSerial('SOLDTHENPICK01');

    expect(reply.status).toBe(201);
    expect(reply.body.conflicts).toHaveLength(1);
    expect(reply.body.conflicts[0]).toMatchObject({
      line_id: 'L1',
      product_id: '1001',
      serial_number: 'SOLDTHENPICK01',
      reason: 'duplicate_serial',
    });
    expect(reply.body.conflicts[0].detail).toContain('order ord-sold');
  });

  it('keeps the sale and the pick', async () => {
    await callApi(server, 'POST', '/api/v1/orders', {
      token: store1Token,
      body: makeOrder('ord-both', 'store-001', [serialLine('L1', '1001', 'BOTHRECORDS001')]),
    });
    const { id } = await completeWithSerial('BOTHRECORDS001');
    const lookup = await lookUp('BOTHRECORDS001');

    expect(lookup.body.captures).toHaveLength(2);
    expect(lookup.body.captures[0]).toMatchObject({ kind: 'sale', order_id: 'ord-both' });
    expect(lookup.body.captures[1]).toEqual({
      kind: 'pick',
      pick_list_id: id,
      line_id: 'L1',
      store_id: 'store-001',
      product_id: '1001',
      captured_at: '2025-03-02T09:30:00.000Z',
      received_at: expect.any(String),
    });
  });

  it('lists the flag in the serial lookup', async () => {
    await callApi(server, 'POST', '/api/v1/orders', {
      token: store1Token,
      body: makeOrder('ord-flag', 'store-001', [serialLine('L1', '1001', 'FLAGLOOKUP0001')]),
    });
    const { id } = await completeWithSerial('FLAGLOOKUP0001');
    const lookup = await lookUp('FLAGLOOKUP0001');

    expect(lookup.body.conflicts).toHaveLength(1);
    expect(lookup.body.conflicts[0]).toMatchObject({ kind: 'pick', pick_list_id: id, line_id: 'L1', reason: 'duplicate_serial' });
  });

  it('flags a sale of a picked serial', async () => {
    const { id } = await completeWithSerial('PICKTHENSOLD01');
    const reply = await callApi(server, 'POST', '/api/v1/orders', {
      token: store1Token,
      body: makeOrder('ord-after-pick', 'store-001', [serialLine('L1', '1001', 'PICKTHENSOLD01')]),
    });

    expect(reply.status).toBe(201);
    expect(reply.body.conflicts[0]).toMatchObject({ reason: 'duplicate_serial', serial_number: 'PICKTHENSOLD01' });
    expect(reply.body.conflicts[0].detail).toContain(`pick list ${id}`);
  });
});

describe('pick conflicts with picks', () => {
  it('flags a serial picked on another list', async () => {
    const first = await completeWithSerial('PICKEDTWICE001');
    const second = await completeWithSerial('PICKEDTWICE001');

    expect(first.reply.body.conflicts).toEqual([]);
    expect(second.reply.body.conflicts[0]).toMatchObject({ reason: 'duplicate_serial', serial_number: 'PICKEDTWICE001' });
    expect(second.reply.body.conflicts[0].detail).toContain(`pick list ${first.id}`);
  });

  it('flags a pick in another store', async () => {
    await completeWithSerial('123456789012345', store2Token, 'store-002');
    const { reply } = await completeWithSerial('123456789012345');

    expect(reply.body.conflicts.map((conflict: { reason: string }) => conflict.reason)).toContain('duplicate_serial');
    expect(reply.body.conflicts[0].detail).toContain('store store-002');
  });

  it('flags a serial twice in one completion', async () => {
    const id = await freshList('store-001', [{ line_id: 'L1', product_id: '1001', quantity: 2 }]);
    const units = [
      { line_id: 'L1', product_id: '1001', serial_number: 'TWICEINPICK001' },
      { line_id: 'L1', product_id: '1001', serial_number: 'TWICEINPICK001' },
    ];
    const reply = await sendCompletion(server, store1Token, makeCompletion(id, units));

    expect(reply.body.conflicts).toHaveLength(1);
    expect(reply.body.conflicts[0]).toMatchObject({ line_id: 'L1', reason: 'duplicate_serial' });
    expect(reply.body.conflicts[0].detail).toContain('unit 1 of line L1 of this pick list');
    expect((await server.pickedUnits(id)).map((unit) => unit.serial_number)).toEqual(['TWICEINPICK001', 'TWICEINPICK001']);
  });

  it('allows one serial on two products', async () => {
    const id = await freshList('store-001', [
      { line_id: 'L1', product_id: '1001', quantity: 1 },
      { line_id: 'L2', product_id: '1002', quantity: 1 },
    ]);
    const units = [
      { line_id: 'L1', product_id: '1001', serial_number: 'TWOPRODUCTS001' },
      { line_id: 'L2', product_id: '1002', serial_number: 'TWOPRODUCTS001' },
    ];
    const reply = await sendCompletion(server, store1Token, makeCompletion(id, units));

    expect(reply.body.conflicts).toEqual([]);
  });
});

describe('pick serial checks', () => {
  it('flags a serialized unit without serial', async () => {
    const id = await freshList();
    const units = [{ line_id: 'L1', product_id: '1001' }, ...defaultUnits('x').slice(1)];
    const reply = await sendCompletion(server, store1Token, makeCompletion(id, units));

    expect(reply.status).toBe(201);
    expect(reply.body.conflicts).toHaveLength(1);
    expect(reply.body.conflicts[0]).toMatchObject({ line_id: 'L1', product_id: '1001', reason: 'serial_missing' });
    expect(reply.body.conflicts[0]).not.toHaveProperty('serial_number');
    expect(reply.body.conflicts[0].detail).toContain('unit 1 of line L1');
  });

  it('stores the unit without serial', async () => {
    const id = await freshList();
    const units = [{ line_id: 'L1', product_id: '1001' }, ...defaultUnits('x').slice(1)];
    await sendCompletion(server, store1Token, makeCompletion(id, units));

    expect((await server.pickedUnits(id))[0]).toMatchObject({ line_id: 'L1', product_id: '1001', serial_number: null });
    expect(await server.countPickCompletions(id)).toBe(1);
  });

  it('needs no serial on unserialized units', async () => {
    const { reply } = await completeWithSerial('NOSERIALNEED01');

    expect(reply.body.conflicts).toEqual([]);
  });

  it('flags a serial that fails the global format', async () => {
    const { reply } = await completeWithSerial('short');

    expect(reply.status).toBe(201);
    expect(reply.body.conflicts).toHaveLength(1);
    expect(reply.body.conflicts[0]).toMatchObject({ line_id: 'L1', serial_number: 'short', reason: 'serial_format' });
    expect(reply.body.conflicts[0].detail).toContain('global configuration');
  });

  it('flags a serial that fails the store format', async () => {
    const { reply } = await completeWithSerial('STOREFORMAT001', store2Token, 'store-002');

    expect(reply.body.conflicts[0]).toMatchObject({ reason: 'serial_format' });
    expect(reply.body.conflicts[0].detail).toContain('15 digits');
  });

  it('stores the serial that fails the format', async () => {
    const { id } = await completeWithSerial('bad format');

    expect((await server.pickedUnits(id))[0]?.serial_number).toBe('bad format');
  });

  it('resends the recorded conflicts', async () => {
    const id = await freshList();
    const completion = makeCompletion(id, [{ line_id: 'L1', product_id: '1001' }, ...defaultUnits('x').slice(1)]);
    const first = await sendCompletion(server, store1Token, completion);
    const again = await sendCompletion(server, store1Token, completion);

    expect(again.status).toBe(200);
    expect(again.body.conflicts).toEqual(first.body.conflicts);
  });
});
