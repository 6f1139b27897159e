import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { callApi, pairDevice, readFixture } from './server-fixture.ts';

let server: TestServer;
let store1Token: string;
let store2Token: string;

beforeAll(async () => {
  server = await startTestServer({ stores: ['store-001', 'store-002', 'store-077'] });
  store1Token = (await pairDevice(server, 'store-001')).token;
  store2Token = (await pairDevice(server, 'store-002')).token;
});

afterAll(async () => {
  await server.close();
});

function withPattern(pattern: string) {
  return { capabilities: { serialized_inventory: { serial_number_regex: pattern } } };
}

async function putConfig(body: unknown, store?: string) {
  const query = store === undefined ? '' : `?store=${store}`;
  return callApi(server, 'PUT', `/api/v1/app-config${query}`, { token: server.adminToken, body });
}

async function readConfig(token: string, headers?: Record<string, string>) {
  return callApi(server, 'GET', '/api/v1/app-config', { token, ...(headers ? { headers } : {}) });
}

describe('GET /api/v1/app-config', () => {
  it('returns an empty config when none is set', async () => {
    const fresh = await startTestServer();
    const device = await pairDevice(fresh, 'store-009');
    const reply = await callApi(fresh, 'GET', '/api/v1/app-config', { token: device.token });
    await fresh.close();

    expect(reply.body.source).toBe('none');
    expect(reply.body.config).toEqual({});
  });

  it('lets the store config win over the global one', async () => {
    await putConfig(withPattern('^[0-9]{15}$'));
    await putConfig(withPattern('^[A-Z]{10}$'), 'store-001');
    const reply = await readConfig(store1Token);

    expect(reply.body.source).toBe('store');
    expect(reply.body.config).toEqual(withPattern('^[A-Z]{10}$'));
  });

  it('gives other stores the global config', async () => {
    await putConfig(withPattern('^[0-9]{15}$'));
    await putConfig(withPattern('^[A-Z]{10}$'), 'store-001');
    const reply = await readConfig(store2Token);

    expect(reply.body.source).toBe('global');
    expect(reply.body.store_id).toBe('store-002');
    expect(reply.body.config).toEqual(withPattern('^[0-9]{15}$'));
  });

  it('falls back to global after DELETE', async () => {
    await putConfig(withPattern('^[A-Z]{10}$'), 'store-001');
    const removed = await callApi(server, 'DELETE', '/api/v1/app-config?store=store-001', { token: server.adminToken });
    const reply = await readConfig(store1Token);

    expect(removed.status).toBe(204);
    expect(reply.body.source).toBe('global');
  });

  it('replies 404 to DELETE without a store config', async () => {
    const reply = await callApi(server, 'DELETE', '/api/v1/app-config?store=store-077', { token: server.adminToken });

    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe('config_not_found');
  });

  it('sends the version as ETag', async () => {
    const reply = await readConfig(store1Token);

    expect(reply.headers.get('etag')).toBe(`"${reply.body.version}"`);
    expect(reply.headers.get('cache-control')).toBe('no-cache');
  });

  it('replies 304 when If-None-Match matches', async () => {
    const first = await readConfig(store1Token);
    const second = await readConfig(store1Token, { 'if-none-match': first.headers.get('etag') ?? '' });

    expect(second.status).toBe(304);
    expect(second.body).toBeNull();
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
  });

  it('replies 200 after the config changed', async () => {
    const first = await readConfig(store1Token);
    await putConfig(withPattern('^[0-9]{12}$'));
    const second = await readConfig(store1Token, { 'if-none-match': first.headers.get('etag') ?? '' });

    expect(second.status).toBe(200);
    expect(second.body.version).not.toBe(first.body.version);
  });

  it('replaces the config whole', async () => {
    await putConfig({ ...withPattern('^[0-9]{15}$'), extra_setting: true });
    await putConfig({ capabilities: {} });
    const reply = await readConfig(store2Token);

    expect(reply.body.config).toEqual({ capabilities: {} });
  });

  it('lets the admin read any store', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/app-config?store=store-002', { token: server.adminToken });

    expect(reply.status).toBe(200);
    expect(reply.body.store_id).toBe('store-002');
  });

  it('asks the admin for a store', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/app-config', { token: server.adminToken });

    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('missing_store');
  });
});

describe('PUT /api/v1/app-config', () => {
  it('rejects a pattern that does not compile', async () => {
    const reply = await putConfig(await readFixture('config/invalid-pattern.json'));

    expect(reply.status).toBe(422);
    expect(reply.body.code).toBe('invalid_pattern');
    expect(reply.body.detail).toContain('"^[A-Z0-9{14}$"');
    expect(reply.body.detail).toContain('missing closing ]');
  });

  it('keeps the old config after a 422', async () => {
    await putConfig(withPattern('^[0-9]{15}$'), 'store-002');
    await putConfig(await readFixture('config/invalid-pattern.json'), 'store-002');
    const reply = await readConfig(store2Token);

    expect(reply.body.config).toEqual(withPattern('^[0-9]{15}$'));
  });

  it('warns about an unanchored pattern', async () => {
    const reply = await putConfig(withPattern('[A-Z0-9]{14}'));

    expect(reply.status).toBe(200);
    expect(reply.body.warnings).toHaveLength(1);
    expect(reply.body.warnings[0]).toContain('not anchored');
  });

  it('warns about a pattern outside capabilities.serialized_inventory', async () => {
    const reply = await putConfig({ serial_number_regex: '^SN[0-9]{8}$' });

    expect(reply.status).toBe(200);
    expect(reply.body.warnings).toEqual([
      '/serial_number_regex is not where devices read the serial format, so it checks nothing. Send it as /capabilities/serialized_inventory/serial_number_regex instead.',
    ]);
  });

  it('warns about a misspelt format key', async () => {
    const reply = await putConfig({ capabilities: { serialized_inventory: { serial_regex: '^SN[0-9]{8}$' } } });

    expect(reply.status).toBe(200);
    expect(reply.body.warnings).toEqual([
      '/capabilities/serialized_inventory/serial_regex is not a field devices read, so it checks nothing. The serial format goes in /capabilities/serialized_inventory/serial_number_regex.',
    ]);
  });

  it('warns about a format key at the top level', async () => {
    const reply = await putConfig({ serial_format: '^SN[0-9]{8}$' });

    expect(reply.body.warnings).toHaveLength(1);
    expect(reply.body.warnings[0]).toContain('/serial_format is not a field devices read');
  });

  it('gives no warning for an anchored pattern', async () => {
    const reply = await putConfig(await readFixture('config/serial-14-alnum.json'));

    expect(reply.body.warnings).toEqual([]);
  });

  it('accepts a nested-quantifier pattern', async () => {
    const reply = await putConfig(await readFixture('config/catastrophic-pattern.json'));

    expect(reply.status).toBe(200);
  });

  it('accepts a config without a format', async () => {
    const reply = await putConfig(await readFixture('config/no-serial-format.json'));

    expect(reply.status).toBe(200);
    expect(reply.body.warnings).toEqual([]);
  });

  it('returns the version devices will see', async () => {
    const put = await putConfig(withPattern('^[0-9]{14}$'), 'store-001');
    const reply = await readConfig(store1Token);

    expect(reply.body.version).toBe(put.body.version);
  });

  it('rejects a pattern that is not a string', async () => {
    const reply = await putConfig({ capabilities: { serialized_inventory: { serial_number_regex: 14 } } });

    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe('/capabilities/serialized_inventory/serial_number_regex');
  });
});
