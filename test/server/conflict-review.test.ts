import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { createPickList, defaultUnits, makeCompletion, makePickList, sendCompletion } from './pick-list-fixture.ts';
import { callApi, expectProblem, makeOrder, pairDevice, serialLine } from './server-fixture.ts';

interface Review {
  id: string;
  kind: 'sale' | 'pick';
  order_id?: string;
  pick_list_id?: string;
  store_id: string;
  product_id: string;
  serial_number: string | null;
  reason: string;
  flagged_at: string;
  resolution: { resolved_at: string; resolved_by: string; note: string } | null;
}

let server: TestServer;
let deviceToken: string;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: true, stores: ['store-404'] });
  const store1 = await pairDevice(server, 'store-001');
  const store2 = await pairDevice(server, 'store-002');
  deviceToken = store1.token;
  const send = async (token: string, order: ReturnType<typeof makeOrder>) => {
    const reply = await callApi(server, 'POST', '/api/v1/orders', { token, body: order });
    if (reply.status !== 201) throw new Error(`Order ${order.order_id} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  };

  // Store 1 sells three serials, then store 1 and store 2 sell them again as duplicates.
  // Store 2 also sells a product that is not in the catalog.
  await send(store1.token, makeOrder('rev-1', 'store-001', [
    serialLine('L1', '1001', 'REVIEWSERIAL01'),
    serialLine('L2', '1001', 'REVIEWSERIAL02'),
    serialLine('L3', '1001', 'REVIEWSERIAL03'),
  ]));
  await send(store1.token, makeOrder('rev-2', 'store-001', [serialLine('L1', '1001', 'REVIEWSERIAL01')]));
  await send(store1.token, makeOrder('rev-3', 'store-001', [serialLine('L1', '1001', 'REVIEWSERIAL02')]));
  await send(store2.token, makeOrder('rev-4', 'store-002', [serialLine('L1', '1001', 'REVIEWSERIAL03')]));
  await send(store2.token, makeOrder('rev-5', 'store-002', [serialLine('L1', 'NOT-IN-CATALOG', 'REVIEWSERIAL09')]));

  // A pick in store 1 of a serial that a sale recorded already.
  await createPickList(server, makePickList('PL-REVIEW', 'store-001'));
  const picked = await sendCompletion(server, store1.token, makeCompletion('PL-REVIEW', defaultUnits('REVIEWSERIAL01')));
  if (picked.status !== 201) throw new Error(`Pick failed: ${picked.status} ${JSON.stringify(picked.body)}`);
});

afterAll(async () => {
  await server.close();
});

async function listConflicts(query = ''): Promise<{ items: Review[]; next_cursor: string | null }> {
  const reply = await callApi(server, 'GET', `/api/v1/conflicts${query}`, { token: server.adminToken });
  if (reply.status !== 200) throw new Error(`Listing failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

async function resolve(id: string, note: string) {
  return callApi(server, 'POST', `/api/v1/conflicts/${id}/resolution`, { token: server.adminToken, body: { note } });
}

async function auditActions(): Promise<Array<{ action: string; target: string | null; details: Record<string, unknown> }>> {
  return (await callApi(server, 'GET', '/api/v1/audit-log', { token: server.adminToken })).body.items;
}

describe('GET /api/v1/conflicts', () => {
  it('lists the open conflicts of sales and picks, oldest first', async () => {
    const { items } = await listConflicts('?status=all');
    const described = items.map((item) => [item.kind, item.order_id ?? item.pick_list_id, item.reason]);

    expect(described).toEqual([
      ['sale', 'rev-2', 'duplicate_serial'],
      ['sale', 'rev-3', 'duplicate_serial'],
      ['sale', 'rev-4', 'duplicate_serial'],
      ['sale', 'rev-5', 'unknown_product'],
      ['pick', 'PL-REVIEW', 'duplicate_serial'],
    ]);
  });

  it('describes a conflict with its store, serial and an open resolution', async () => {
    const { items } = await listConflicts('?status=all');
    const conflict = items.find((item) => item.order_id === 'rev-4');

    expect(conflict).toMatchObject({
      kind: 'sale',
      store_id: 'store-002',
      product_id: '1001',
      serial_number: 'REVIEWSERIAL03',
      line_id: 'L1',
      resolution: null,
    });
    expect(conflict?.id).toMatch(/^sale-[0-9]+$/);
    expect(Date.parse(conflict?.flagged_at ?? '')).not.toBeNaN();
  });

  it('names the store of a pick conflict', async () => {
    const { items } = await listConflicts('?status=all');
    const pick = items.find((item) => item.kind === 'pick');

    expect(pick).toMatchObject({ pick_list_id: 'PL-REVIEW', store_id: 'store-001', serial_number: 'REVIEWSERIAL01' });
    expect(pick?.id).toMatch(/^pick-[0-9]+$/);
  });

  it('filters by store', async () => {
    const { items } = await listConflicts('?status=all&store=store-002');

    expect(items.map((item) => item.order_id)).toEqual(['rev-4', 'rev-5']);
  });

  it('returns an empty page for a store without conflicts', async () => {
    const page = await listConflicts('?store=store-404');

    expect(page).toEqual({ items: [], next_cursor: null });
  });

  it('pages through every conflict once', async () => {
    const all = (await listConflicts('?status=all')).items.map((item) => item.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: Review[]; next_cursor: string | null } = await listConflicts(
        `?status=all&limit=2${cursor === null ? '' : `&cursor=${cursor}`}`,
      );
      seen.push(...page.items.map((item) => item.id));
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor !== null && pages < 10);

    expect(seen).toEqual(all);
    expect(pages).toBe(3);
  });

  it('gives no next cursor when the page holds the rest', async () => {
    const page = await listConflicts('?status=all&limit=5');

    expect(page.items).toHaveLength(5);
    expect(page.next_cursor).toBeNull();
  });

  it('refuses a cursor it did not hand out', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/conflicts?cursor=bm90LWEtY3Vyc29y', { token: server.adminToken });

    expectProblem(reply, 400);
    expect(reply.body.code).toBe('invalid_cursor');
    expect(reply.body.detail).toContain('bm90LWEtY3Vyc29y');
  });
});

describe('POST /api/v1/conflicts/{id}/resolution', () => {
  it('marks a conflict resolved by the admin, with the note', async () => {
    const target = (await listConflicts()).items.find((item) => item.order_id === 'rev-2') as Review;
    const reply = await resolve(target.id, 'Same unit scanned twice; second sale voided at the till.');

    expect(reply.status).toBe(200);
    expect(reply.body.id).toBe(target.id);
    expect(reply.body.resolution).toMatchObject({ resolved_by: 'admin', note: 'Same unit scanned twice; second sale voided at the till.' });
    expect(Date.parse(reply.body.resolution.resolved_at)).not.toBeNaN();
  });

  it('moves the resolved conflict from the open list to the resolved list', async () => {
    const open = (await listConflicts('?status=open')).items.map((item) => item.order_id ?? item.pick_list_id);
    const resolved = (await listConflicts('?status=resolved')).items.map((item) => item.order_id);

    expect(open).toEqual(['rev-3', 'rev-4', 'rev-5', 'PL-REVIEW']);
    expect(resolved).toEqual(['rev-2']);
  });

  it('lists open conflicts when no status is given', async () => {
    const { items } = await listConflicts();

    expect(items.every((item) => item.resolution === null)).toBe(true);
    expect(items).toHaveLength(4);
  });

  it('answers a resend with the same resolution, unchanged', async () => {
    const target = (await listConflicts('?status=resolved')).items[0] as Review;
    const again = await resolve(target.id, target.resolution?.note ?? '');

    expect(again.status).toBe(200);
    expect(again.body.resolution).toEqual(target.resolution);
  });

  it('refuses another note on a resolved conflict', async () => {
    const target = (await listConflicts('?status=resolved')).items[0] as Review;
    const reply = await resolve(target.id, 'A different story');

    expectProblem(reply, 409);
    expect(reply.body.code).toBe('conflict_already_resolved');
    expect(reply.body.detail).toContain(target.id);
  });

  it('stores one resolution when the same one arrives many times at once', async () => {
    const target = (await listConflicts()).items.find((item) => item.kind === 'pick') as Review;
    const replies = await Promise.all(Array.from({ length: 8 }, () => resolve(target.id, 'Picked unit swapped.')));

    expect(replies.map((reply) => reply.status)).toEqual(Array(8).fill(200));
    expect(new Set(replies.map((reply) => reply.body.resolution.resolved_at)).size).toBe(1);
  });

  it('audits each resolution once, with its note', async () => {
    const entries = (await auditActions()).filter((entry) => entry.action === 'conflict.resolve');

    expect(entries.map((entry) => entry.target?.split('-')[0])).toEqual(['pick', 'sale']);
    expect(entries[1]?.details.note).toBe('Same unit scanned twice; second sale voided at the till.');
  });

  it('replies 404 for a conflict that does not exist', async () => {
    const reply = await resolve('sale-987654321', 'Nothing to see');

    expectProblem(reply, 404);
    expect(reply.body.code).toBe('conflict_not_found');
    expect(reply.body.detail).toContain('sale-987654321');
  });

  it('rejects an id of another form', async () => {
    const reply = await resolve('order-1', 'Nothing to see');

    expectProblem(reply, 400);
  });

  it('rejects an empty note', async () => {
    const target = (await listConflicts()).items[0] as Review;
    const reply = await resolve(target.id, '');

    expectProblem(reply, 400);
    expect(reply.body.errors[0].path).toBe('/note');
  });
});

describe('conflict routes and device tokens', () => {
  it('refuses a device token on the list with 403', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/conflicts', { token: deviceToken });

    expectProblem(reply, 403);
    expect(reply.body.code).toBe('admin_only');
  });

  it('refuses a device token on a resolution with 403', async () => {
    const target = (await listConflicts()).items[0] as Review;
    const reply = await callApi(server, 'POST', `/api/v1/conflicts/${target.id}/resolution`, { token: deviceToken, body: { note: 'mine' } });

    expectProblem(reply, 403);
    expect((await listConflicts()).items[0]?.resolution).toBeNull();
  });

  it('refuses a request without a token with 401', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/conflicts');

    expectProblem(reply, 401);
  });
});
