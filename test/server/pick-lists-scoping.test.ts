import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { createPickList, defaultUnits, makeCompletion, makePickList, sendCompletion } from './pick-list-fixture.ts';
import { callApi, expectProblem, pairDevice } from './server-fixture.ts';

let server: TestServer;
let store1Token: string;
let store2Token: string;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: true });
  store1Token = (await pairDevice(server, 'store-001')).token;
  store2Token = (await pairDevice(server, 'store-002')).token;
  await createPickList(server, makePickList('PL-s1', 'store-001'));
  await createPickList(server, makePickList('PL-s2', 'store-002'));
});

afterAll(async () => {
  await server.close();
});

function listIds(body: { items: Array<{ id: string }> }): string[] {
  return body.items.map((list) => list.id);
}

describe('GET /api/v1/pick-lists scoping', () => {
  it('lists only the own store', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/pick-lists', { token: store2Token });

    expect(reply.status).toBe(200);
    expect(listIds(reply.body)).toEqual(['PL-0003', 'PL-s2']);
  });

  it('never lists another store', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/pick-lists?status=open', { token: store1Token });

    expect(listIds(reply.body)).not.toContain('PL-s2');
    expect(listIds(reply.body)).not.toContain('PL-0003');
  });

  it('lists no completed list of another store', async () => {
    await createPickList(server, makePickList('PL-s1-done', 'store-001'));
    await sendCompletion(server, store1Token, makeCompletion('PL-s1-done', defaultUnits('SCOPEDONE00001')));
    const reply = await callApi(server, 'GET', '/api/v1/pick-lists?status=completed', { token: store2Token });

    expect(reply.status).toBe(200);
    expect(listIds(reply.body)).not.toContain('PL-s1-done');
  });

  it('lists every store for the admin token', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/pick-lists', { token: server.adminToken });

    expect(reply.status).toBe(200);
    expect(listIds(reply.body)).toEqual(expect.arrayContaining(['PL-s1', 'PL-s2']));
  });

  it('rejects admin parameters from a device', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/pick-lists?store=store-001&limit=5', { token: store1Token });

    expectProblem(reply, 400);
    expect(reply.body.errors.map((error: { path: string }) => error.path)).toEqual(['/store', '/limit']);
  });

  it('rejects status all from a device', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/pick-lists?status=all', { token: store1Token });

    expectProblem(reply, 400);
    expect(reply.body.errors[0].message).toBe('must be one of "open", "completed", got "all"');
  });

  it('rejects a missing token', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/pick-lists');

    expectProblem(reply, 401);
  });
});

describe('GET /api/v1/pick-lists/{id} scoping', () => {
  it('reads an own list', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/pick-lists/PL-s2', { token: store2Token });

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: 'PL-s2', store_id: 'store-002', status: 'open' });
  });

  it('hides another store behind 404', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/pick-lists/PL-s1', { token: store2Token });

    expectProblem(reply, 404);
    expect(reply.body.code).toBe('pick_list_not_found');
  });

  it('leaks nothing of the other list', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/pick-lists/PL-s1', { token: store2Token });
    const text = JSON.stringify(reply.body);

    expect(text).not.toContain('store-001');
    expect(text).not.toContain('ORD-PL-s1');
  });

  it('answers like an unknown id', async () => {
    const other = await callApi(server, 'GET', '/api/v1/pick-lists/PL-s1', { token: store2Token });
    const unknown = await callApi(server, 'GET', '/api/v1/pick-lists/PL-nowhere', { token: store2Token });

    expect(other.status).toBe(unknown.status);
    expect(other.body.code).toBe(unknown.body.code);
  });

  it('reads any store for the admin token', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/pick-lists/PL-s1', { token: server.adminToken });

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: 'PL-s1', store_id: 'store-001' });
  });
});

describe('POST /api/v1/pick-lists/{id}/completion scoping', () => {
  it('hides another store behind 404', async () => {
    const reply = await sendCompletion(server, store2Token, makeCompletion('PL-s1', defaultUnits('SCOPECROSS0001')));

    expectProblem(reply, 404);
    expect(reply.body.code).toBe('pick_list_not_found');
  });

  it('leaves the other list open', async () => {
    await sendCompletion(server, store2Token, makeCompletion('PL-s1', defaultUnits('SCOPECROSS0002')));
    const list = await callApi(server, 'GET', '/api/v1/pick-lists/PL-s1', { token: store1Token });

    expect(list.body.status).toBe('open');
    expect(await server.countPickCompletions('PL-s1')).toBe(0);
  });

  it('records no serial of a denied completion', async () => {
    await sendCompletion(server, store2Token, makeCompletion('PL-s1', defaultUnits('SCOPECROSS0003')));
    const lookup = await callApi(server, 'GET', '/api/v1/serials?serial_number=SCOPECROSS0003', { token: server.adminToken });

    expect(lookup.body.captures).toEqual([]);
  });

  it('completes an own list', async () => {
    const reply = await sendCompletion(server, store1Token, makeCompletion('PL-s1', defaultUnits('SCOPEOWN000001')));

    expect(reply.status).toBe(201);
  });

  it('hides a completed list of another store', async () => {
    const reply = await sendCompletion(server, store2Token, makeCompletion('PL-s1', defaultUnits('SCOPEOWN000001')));

    expectProblem(reply, 404);
  });

  it('rejects the admin token', async () => {
    const reply = await sendCompletion(server, server.adminToken, makeCompletion('PL-s2', defaultUnits('SCOPEADMIN0001')));

    expectProblem(reply, 403);
    expect(reply.body.code).toBe('device_only');
  });
});
