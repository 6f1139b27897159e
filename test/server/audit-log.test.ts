import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { callApi, expectProblem, pairDevice } from './server-fixture.ts';

let server: TestServer;
let issuedCode: string;
let revokedDeviceId: string;
let entries: Array<{ id: number; at: string; actor: string; action: string; target: string | null; details: Record<string, unknown> }>;

beforeAll(async () => {
  server = await startTestServer({ stores: ['store-001'] });
  const admin = { token: server.adminToken };
  await callApi(server, 'POST', '/api/v1/imports/products', {
    ...admin,
    body: { head: { catalog: 'main', locale: 'en-US' }, items: [{ product_id: 'A-1' }, { product_id: 'A-2' }, { product_id: '' }] },
  });
  await callApi(server, 'PUT', '/api/v1/app-config?store=store-001', {
    ...admin,
    body: { capabilities: { serialized_inventory: { serial_number_regex: '^[0-9]{8}$' } } },
  });
  await callApi(server, 'DELETE', '/api/v1/app-config?store=store-001', admin);
  await callApi(server, 'DELETE', '/api/v1/products/A-2', admin);
  const issued = await callApi(server, 'POST', '/api/v1/pairing-codes', { ...admin, body: { store_id: 'store-001' } });
  issuedCode = issued.body.code;
  revokedDeviceId = (await pairDevice(server, 'store-001')).deviceId;
  await callApi(server, 'DELETE', `/api/v1/devices/${revokedDeviceId}`, admin);
  entries = (await callApi(server, 'GET', '/api/v1/audit-log', admin)).body.items;
});

afterAll(async () => {
  await server.close();
});

describe('GET /api/v1/audit-log', () => {
  it('lists the admin changes newest first', () => {
    expect(entries.map((entry) => entry.action)).toEqual([
      'device.revoke',
      'pairing_code.issue',
      'product.delete',
      'app_config.delete',
      'app_config.replace',
      'products.import',
    ]);
  });

  it('names the target of each change', () => {
    expect(entries.map((entry) => entry.target)).toEqual([revokedDeviceId, 'store-001', 'A-2', 'store-001', 'store-001', null]);
  });

  it('records what an import did', () => {
    const entry = entries.find((candidate) => candidate.action === 'products.import');

    expect(entry?.details).toMatchObject({ catalog: 'main', imported: 2, rejected: 1 });
  });

  it('records the pattern a configuration set', () => {
    const entry = entries.find((candidate) => candidate.action === 'app_config.replace');

    expect(entry?.details).toMatchObject({ serial_number_regex: '^[0-9]{8}$' });
  });

  it('records who, when and from where', () => {
    for (const entry of entries) {
      expect(entry.actor).toBe('admin');
      expect(entry.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(entry.details.address).toBe('127.0.0.1');
    }
  });

  it('keeps the pairing code and tokens out', () => {
    const text = JSON.stringify(entries);

    expect(text).not.toContain(issuedCode);
    expect(text).not.toContain(server.adminToken);
  });

  it('pages with before', async () => {
    const first = await callApi(server, 'GET', '/api/v1/audit-log?limit=2', { token: server.adminToken });
    const second = await callApi(server, 'GET', `/api/v1/audit-log?limit=2&before=${first.body.next_before}`, { token: server.adminToken });

    expect(first.body.items.map((entry: { action: string }) => entry.action)).toEqual(['device.revoke', 'pairing_code.issue']);
    expect(second.body.items.map((entry: { action: string }) => entry.action)).toEqual(['product.delete', 'app_config.delete']);
  });

  it('refuses a device token', async () => {
    const device = await pairDevice(server, 'store-001');
    const reply = await callApi(server, 'GET', '/api/v1/audit-log', { token: device.token });

    expectProblem(reply, 403);
  });
});
