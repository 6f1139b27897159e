import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPickSession, type PickSession } from '../../src/domain/picking-session.ts';
import type { PickCompletion, PickList } from '../../src/domain/types.ts';
import { saveCompletedOrder } from '../../src/storage/order-store.ts';
import { countOutbox, listOutbox } from '../../src/storage/outbox-store.ts';
import { getPick, listPicks, saveCompletedPick, savePickProgress } from '../../src/storage/pick-store.ts';
import type { DeviceDb } from '../../src/storage/schema.ts';
import type { ApiClient } from '../../src/sync/api-client.ts';
import { pushOutbox } from '../../src/sync/outbox-push.ts';
import { pullPickLists } from '../../src/sync/pick-list-pull.ts';
import { runSync } from '../../src/sync/sync-run.ts';
import { makePickList } from '../domain/pick-deps.ts';
import { makeOrder } from '../storage/test-db.ts';
import { startFakeApiServer, type FakeApiServer } from './fake-api-server.ts';
import { createTestClient, openPairedDb } from './paired-db.ts';

const LIST_1 = makePickList('PL-0001', [
  ['L1', '1001', 1],
  ['L2', '1017', 1],
]);
const LIST_2 = makePickList('PL-0002', [['L1', '1017', 2]]);

let server: FakeApiServer;
let db: DeviceDb;
let api: ApiClient;

beforeEach(async () => {
  server = await startFakeApiServer();
  db = await openPairedDb();
  api = createTestClient(server, db);
  for (const list of [LIST_1, LIST_2]) {
    server.pickLists.set(list.id, list);
  }
});

afterEach(async () => {
  db.close();
  await server.close();
});

function pickedSession(list: PickList): PickSession {
  return {
    ...createPickSession(list),
    units: [
      { unit_id: 'U1', line_id: 'L1', product_id: '1001', title: 'Laptop', serialized: true, serial_number: 'C02XK1ABCD1234' },
      { unit_id: 'U2', line_id: 'L2', product_id: '1017', title: 'T-Shirt', serialized: false },
    ],
  };
}

const COMPLETION: PickCompletion = {
  pick_list_id: 'PL-0001',
  completed_at: '2026-12-04T11:00:00.000Z',
  units: [
    { line_id: 'L1', product_id: '1001', serial_number: 'C02XK1ABCD1234' },
    { line_id: 'L2', product_id: '1017' },
  ],
};

async function completeList1(): Promise<void> {
  await pullPickLists(db, api);
  await saveCompletedPick(db, COMPLETION, pickedSession(LIST_1));
}

describe('getOpenPickLists', () => {
  it('returns the open lists', async () => {
    expect(await api.getOpenPickLists()).toEqual([LIST_1, LIST_2]);
  });

  it('asks for open lists only', async () => {
    await api.getOpenPickLists();
    expect(server.requests[0]?.query.get('status')).toBe('open');
  });

  it('rejects a list without items', async () => {
    server.pickLists.set('PL-0003', { ...LIST_2, id: 'PL-0003', items: undefined } as unknown as PickList);

    await expect(api.getOpenPickLists()).rejects.toMatchObject({ name: 'ApiError', code: 'invalid_response' });
  });
});

describe('postPickCompletion', () => {
  it('reports a first delivery as created', async () => {
    const result = await api.postPickCompletion(COMPLETION);
    expect(result).toEqual({ created: true, receipt: { pick_list_id: 'PL-0001', status: 'completed', conflicts: [] } });
  });

  it('reports a resend as not created', async () => {
    await api.postPickCompletion(COMPLETION);
    expect((await api.postPickCompletion(COMPLETION)).created).toBe(false);
  });
});

describe('pullPickLists', () => {
  it('stores the open lists', async () => {
    await pullPickLists(db, api);
    expect((await listPicks(db)).map((record) => record.pick_list_id)).toEqual(['PL-0001', 'PL-0002']);
  });

  it('keeps progress of a list closed elsewhere', async () => {
    await pullPickLists(db, api);
    await savePickProgress(db, pickedSession(LIST_1));
    server.pickLists.delete('PL-0001');

    const applied = await pullPickLists(db, api);
    const record = await getPick(db, 'PL-0001');

    expect(applied.kept).toEqual(['PL-0001']);
    expect(record?.session.units).toHaveLength(2);
    expect(record?.missing_from_server_since).toBeDefined();
  });
});

describe('pushOutbox with picks', () => {
  it('delivers a pick and marks it sent', async () => {
    await completeList1();

    const result = await pushOutbox(db, api);

    expect(result).toEqual({ sent: 1, failed: 0 });
    expect(server.pickCompletions.get('PL-0001')).toEqual(COMPLETION);
    expect((await getPick(db, 'PL-0001'))?.status).toBe('sent');
    expect(await countOutbox(db)).toBe(0);
  });

  it('keeps queue order with orders', async () => {
    await saveCompletedOrder(db, makeOrder('order-1'));
    await completeList1();
    await saveCompletedOrder(db, makeOrder('order-2', 'C02XK1ABCD5678'));

    await pushOutbox(db, api);
    const paths = server.requests.filter((request) => request.method === 'POST').map((request) => request.path);

    expect(paths).toEqual(['/api/v1/orders', '/api/v1/pick-lists/PL-0001/completion', '/api/v1/orders']);
  });

  it('resends after a lost reply without a duplicate', async () => {
    await completeList1();
    server.failNext('POST', '/api/v1/pick-lists/PL-0001/completion', { kind: 'drop-reply' });

    const lost = await pushOutbox(db, api);
    const retried = await pushOutbox(db, api);

    expect(lost.stoppedBy).toBe('network');
    expect(retried).toEqual({ sent: 1, failed: 0 });
    expect(server.pickDeliveries).toEqual(['PL-0001', 'PL-0001']);
    expect(server.pickCompletions.size).toBe(1);
    expect((await getPick(db, 'PL-0001'))?.status).toBe('sent');
  });

  it('keeps a rejected pick in the outbox', async () => {
    await completeList1();
    server.pickCompletions.set('PL-0001', { ...COMPLETION, completed_at: '2026-12-04T09:00:00.000Z' });

    const result = await pushOutbox(db, api);
    const [entry] = await listOutbox(db);

    expect(result).toEqual({ sent: 0, failed: 1 });
    expect(entry?.last_status).toBe(409);
    expect((await getPick(db, 'PL-0001'))?.status).toBe('completed');
  });
});

describe('runSync', () => {
  it('downloads pick lists and sends picks', async () => {
    await completeList1();
    server.pickLists.set('PL-0004', makePickList('PL-0004', [['L1', '1017', 1]]));

    const outcome = await runSync(db, api, { signal: new AbortController().signal });

    expect(outcome.errors).toEqual([]);
    expect(outcome.push).toEqual({ sent: 1, failed: 0 });
    expect(await getPick(db, 'PL-0004')).toBeDefined();
  });

  it('reports a failed pick list download', async () => {
    server.failNext('GET', '/api/v1/pick-lists', { kind: 'status', status: 500 });

    const outcome = await runSync(db, api, { signal: new AbortController().signal });

    expect(outcome.errors).toEqual(['Pick list download failed: Injected HTTP 500.']);
  });
});
