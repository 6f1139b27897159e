import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { createPickList, defaultUnits, makeCompletion, makePickList, sendCompletion } from './pick-list-fixture.ts';
import { callApi, expectProblem, pairDevice } from './server-fixture.ts';

let server: TestServer;
let token: string;
let listCount = 0;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: true });
  token = (await pairDevice(server, 'store-001')).token;
});

afterAll(async () => {
  await server.close();
});

/** Creates a fresh store-001 list with the default items and returns its id. */
async function freshList(): Promise<string> {
  listCount += 1;
  const id = `PL-c${listCount}`;
  await createPickList(server, makePickList(id, 'store-001'));
  return id;
}

describe('POST /api/v1/pick-lists/{id}/completion', () => {
  it('completes a list with 201', async () => {
    const id = await freshList();
    const reply = await sendCompletion(server, token, makeCompletion(id, defaultUnits('COMPLETE000001')));

    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({ pick_list_id: id, status: 'completed', conflicts: [] });
  });

  it('marks the list completed', async () => {
    const id = await freshList();
    await sendCompletion(server, token, makeCompletion(id, defaultUnits('COMPLETE000002')));
    const list = await callApi(server, 'GET', `/api/v1/pick-lists/${id}`, { token });
    const open = await callApi(server, 'GET', '/api/v1/pick-lists', { token });
    const completed = await callApi(server, 'GET', '/api/v1/pick-lists?status=completed', { token });

    expect(list.body.status).toBe('completed');
    expect(open.body.items.map((entry: { id: string }) => entry.id)).not.toContain(id);
    expect(completed.body.items.map((entry: { id: string }) => entry.id)).toContain(id);
  });

  it('stores each unit with its serial', async () => {
    const id = await freshList();
    await sendCompletion(server, token, makeCompletion(id, defaultUnits('COMPLETE000003')));

    expect(await server.pickedUnits(id)).toEqual([
      { line_id: 'L1', unit_index: 0, product_id: '1001', serial_number: 'COMPLETE000003' },
      { line_id: 'L2', unit_index: 0, product_id: '1021', serial_number: null },
      { line_id: 'L2', unit_index: 1, product_id: '1021', serial_number: null },
    ]);
  });

  it('accepts units in any line order', async () => {
    const id = await freshList();
    const units = defaultUnits('COMPLETE000004').reverse();
    const reply = await sendCompletion(server, token, makeCompletion(id, units));

    expect(reply.status).toBe(201);
  });
});

describe('completion resend', () => {
  it('returns 200 with the same body', async () => {
    const id = await freshList();
    const completion = makeCompletion(id, defaultUnits('short'));
    const first = await sendCompletion(server, token, completion);
    const again = await sendCompletion(server, token, completion);

    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.body.conflicts).toHaveLength(1);
  });

  it('keeps one record', async () => {
    const id = await freshList();
    const completion = makeCompletion(id, defaultUnits('RESENDONCE0001'));
    await sendCompletion(server, token, completion);
    await sendCompletion(server, token, completion);
    const lookup = await callApi(server, 'GET', '/api/v1/serials?serial_number=RESENDONCE0001', { token: server.adminToken });

    expect(await server.countPickCompletions(id)).toBe(1);
    expect(await server.pickedUnits(id)).toHaveLength(3);
    expect(lookup.body.captures).toHaveLength(1);
    expect(lookup.body.conflicts).toEqual([]);
  });

  it('ignores key order', async () => {
    const id = await freshList();
    const completion = makeCompletion(id, defaultUnits('RESENDKEYS0001'));
    await sendCompletion(server, token, completion);
    const { units, completed_at, pick_list_id } = completion;
    const again = await sendCompletion(server, token, { units, completed_at, pick_list_id });

    expect(again.status).toBe(200);
  });

  it('accepts a resend from another device', async () => {
    const id = await freshList();
    const completion = makeCompletion(id, defaultUnits('RESENDOTHER001'));
    await sendCompletion(server, token, completion);
    const other = await pairDevice(server, 'store-001');
    const again = await sendCompletion(server, other.token, completion);

    expect(again.status).toBe(200);
  });

  it('rejects different content with 409', async () => {
    const id = await freshList();
    await sendCompletion(server, token, makeCompletion(id, defaultUnits('FIRSTSERIAL001')));
    const reply = await sendCompletion(server, token, makeCompletion(id, defaultUnits('OTHERSERIAL001')));

    expectProblem(reply, 409);
    expect(reply.body.code).toBe('completion_conflict');
    expect(reply.body.detail).toContain(id);
  });

  it('rejects another completed_at with 409', async () => {
    const id = await freshList();
    const completion = makeCompletion(id, defaultUnits('SAMEUNITS00001'));
    await sendCompletion(server, token, completion);
    const reply = await sendCompletion(server, token, { ...completion, completed_at: '2025-03-02T09:31:00.000Z' });

    expectProblem(reply, 409);
  });

  it('keeps the first units after a 409', async () => {
    const id = await freshList();
    await sendCompletion(server, token, makeCompletion(id, defaultUnits('KEPTSERIAL0001')));
    await sendCompletion(server, token, makeCompletion(id, defaultUnits('LOSTSERIAL0001')));

    expect((await server.pickedUnits(id))[0]?.serial_number).toBe('KEPTSERIAL0001');
    expect(await server.pickedUnits(id)).toHaveLength(3);
  });
});

describe('invalid completion', () => {
  it('rejects a unit on an unknown line', async () => {
    const id = await freshList();
    const units = [...defaultUnits('INVALIDLINE001').slice(0, 2), { line_id: 'L9', product_id: '1021' }];
    const reply = await sendCompletion(server, token, makeCompletion(id, units));

    expectProblem(reply, 400);
    expect(reply.body.code).toBe('invalid_completion');
    expect(reply.body.errors[0].path).toBe('/units/2/line_id');
    expect(reply.body.detail).toContain('"L9"');
  });

  it('rejects the wrong product for a line', async () => {
    const id = await freshList();
    const units = [{ line_id: 'L1', product_id: '1002', serial_number: 'WRONGPRODUCT01' }, ...defaultUnits('x').slice(1)];
    const reply = await sendCompletion(server, token, makeCompletion(id, units));

    expectProblem(reply, 400);
    expect(reply.body.code).toBe('invalid_completion');
    expect(reply.body.errors[0].path).toBe('/units/0/product_id');
    expect(reply.body.detail).toContain('line L1');
  });

  it('rejects too few units', async () => {
    const id = await freshList();
    const reply = await sendCompletion(server, token, makeCompletion(id, defaultUnits('TOOFEWUNITS001').slice(0, 2)));

    expectProblem(reply, 400);
    expect(reply.body.code).toBe('invalid_completion');
    expect(reply.body.detail).toContain('line L2 has quantity 2 but got 1 picked units');
  });

  it('rejects too many units', async () => {
    const id = await freshList();
    const units = [...defaultUnits('TOOMANYUNITS01'), { line_id: 'L2', product_id: '1021' }];
    const reply = await sendCompletion(server, token, makeCompletion(id, units));

    expectProblem(reply, 400);
    expect(reply.body.detail).toContain('line L2 has quantity 2 but got 3');
  });

  it('rejects a line with no units', async () => {
    const id = await freshList();
    const reply = await sendCompletion(server, token, makeCompletion(id, defaultUnits('x').slice(1)));

    expectProblem(reply, 400);
    expect(reply.body.detail).toContain('line L1 has quantity 1 but got 0');
  });

  it('rejects a mismatched pick_list_id', async () => {
    const id = await freshList();
    const reply = await sendCompletion(server, token, makeCompletion('PL-0001', defaultUnits('MISMATCHED0001')), id);

    expectProblem(reply, 400);
    expect(reply.body.code).toBe('invalid_completion');
    expect(reply.body.errors[0].path).toBe('/pick_list_id');
  });

  it('rejects a serial over 128 characters', async () => {
    const id = await freshList();
    const reply = await sendCompletion(server, token, makeCompletion(id, defaultUnits('S'.repeat(129))));

    expectProblem(reply, 400);
    expect(reply.body.errors[0].path).toBe('/units/0/serial_number');
  });

  it('rejects an empty serial', async () => {
    const id = await freshList();
    const reply = await sendCompletion(server, token, makeCompletion(id, defaultUnits('')));

    expectProblem(reply, 400);
  });

  it('rejects a completed_at that is no date', async () => {
    const id = await freshList();
    const reply = await sendCompletion(server, token, { ...makeCompletion(id, defaultUnits('BADDATE0000001')), completed_at: 'yesterday' });

    expectProblem(reply, 400);
    expect(reply.body.errors[0].path).toBe('/completed_at');
  });

  it('leaves the list open', async () => {
    const id = await freshList();
    await sendCompletion(server, token, makeCompletion(id, defaultUnits('LEFTOPEN000001').slice(0, 1)));
    const list = await callApi(server, 'GET', `/api/v1/pick-lists/${id}`, { token });

    expect(list.body.status).toBe('open');
    expect(await server.countPickCompletions(id)).toBe(0);
  });

  it('is 404 for an unknown list', async () => {
    const reply = await sendCompletion(server, token, makeCompletion('PL-unknown', defaultUnits('UNKNOWNLIST001')));

    expectProblem(reply, 404);
    expect(reply.body.code).toBe('pick_list_not_found');
  });
});
