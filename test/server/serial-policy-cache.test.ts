// Serial policies are compiled once per configuration text, and the text is read from the
// database for every order, so a format changed through another server process on the same
// database applies to the next order.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSerialPolicyCache } from '../../server/config/serial-policy-cache.ts';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { callApi, makeOrder, pairDevice, serialLine } from './server-fixture.ts';

const IMEI_FORMAT = { capabilities: { serialized_inventory: { serial_number_regex: '^[0-9]{15}$' } } };

let dataDir: string;
let first: TestServer;
let second: TestServer;
let deviceToken: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'serial-capture-policy-cache-'));
  first = await startTestServer({ seedDemo: true, dataDir, stores: ['store-003'] });
  // The same database as the first server: the SQLite file in dataDir, or the PostgreSQL database.
  second = await startTestServer({ dataDir, ...(first.databaseUrl === undefined ? {} : { databaseUrl: first.databaseUrl }) });
  deviceToken = (await pairDevice(first, 'store-003')).token;
});

afterAll(async () => {
  await second?.close();
  await first?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function postOrderToFirst(orderId: string, serialNumber: string) {
  return callApi(first, 'POST', '/api/v1/orders', {
    token: deviceToken,
    body: makeOrder(orderId, 'store-003', [serialLine('L1', '1001', serialNumber)]),
  });
}

describe('createSerialPolicyCache', () => {
  it('returns one policy for equal configurations', async () => {
    const cache = createSerialPolicyCache(first.db);

    const policy = await cache.policyForStore('store-101');

    expect(await cache.policyForStore('store-102')).toBe(policy);
    expect(policy.pattern).toBe('^[A-Z0-9]{14}$');
    expect(policy.source).toBe('global');
  });

  it('reads a changed store configuration on the next call', async () => {
    const cache = createSerialPolicyCache(first.db);
    const before = await cache.policyForStore('store-103');

    await second.db.config.putConfig('store-103', IMEI_FORMAT, new Date().toISOString());
    const after = await cache.policyForStore('store-103');

    expect(before.pattern).toBe('^[A-Z0-9]{14}$');
    expect(after.pattern).toBe('^[0-9]{15}$');
    expect(after.source).toBe('store');
  });

  it("applies another server's format at once", async () => {
    const before = await postOrderToFirst('ord-cache-1', 'CACHEFORMAT001');

    const put = await callApi(second, 'PUT', '/api/v1/app-config?store=store-003', { token: second.adminToken, body: IMEI_FORMAT });
    const after = await postOrderToFirst('ord-cache-2', 'CACHEFORMAT002');

    expect(before.body.conflicts).toEqual([]);
    expect(put.status).toBe(200);
    expect(after.status).toBe(201);
    expect(after.body.conflicts).toEqual([expect.objectContaining({ line_id: 'L1', reason: 'serial_format' })]);
    expect(after.body.conflicts[0].detail).toContain('store configuration');
  });

  it('falls back to the global format', async () => {
    const removed = await callApi(second, 'DELETE', '/api/v1/app-config?store=store-003', { token: second.adminToken });
    const after = await postOrderToFirst('ord-cache-3', 'CACHEFORMAT003');

    expect(removed.status).toBe(204);
    expect(after.body.conflicts).toEqual([]);
  });
});
