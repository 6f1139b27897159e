import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issuePairingCode } from '../../server/pairing.ts';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { callApi, PROBLEM_TYPE } from './server-fixture.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ stores: ['store-001'] });
});

afterAll(async () => {
  await server.close();
});

describe('POST /api/v1/pairing-codes', () => {
  it('issues a code for the store', async () => {
    const reply = await callApi(server, 'POST', '/api/v1/pairing-codes', {
      token: server.adminToken,
      body: { store_id: 'store-001' },
    });

    expect(reply.status).toBe(201);
    expect(reply.body.code).toMatch(/^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{8}$/);
    expect(reply.body.store_id).toBe('store-001');
  });

  it('expires after the default 900 s', async () => {
    const before = Date.now();
    const reply = await callApi(server, 'POST', '/api/v1/pairing-codes', {
      token: server.adminToken,
      body: { store_id: 'store-001' },
    });

    const lifetimeS = (Date.parse(reply.body.expires_at) - before) / 1000;
    expect(lifetimeS).toBeGreaterThan(899);
    expect(lifetimeS).toBeLessThan(902);
  });

  it('rejects a ttl over 7 days', async () => {
    const reply = await callApi(server, 'POST', '/api/v1/pairing-codes', {
      token: server.adminToken,
      body: { store_id: 'store-001', ttl_s: 7 * 24 * 3600 + 1 },
    });

    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe('/ttl_s');
  });
});

describe('POST /api/v1/pairing', () => {
  it('returns a device token for the store', async () => {
    const code = await server.createPairingCode('store-002');
    const reply = await callApi(server, 'POST', '/api/v1/pairing', { body: { code, device_name: 'Till 2' } });

    expect(reply.status).toBe(201);
    expect(reply.body.store_id).toBe('store-002');
    expect(reply.body.device_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(reply.body.device_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives a token that works', async () => {
    const code = await server.createPairingCode('store-001');
    const paired = await callApi(server, 'POST', '/api/v1/pairing', { body: { code } });
    const config = await callApi(server, 'GET', '/api/v1/app-config', { token: paired.body.device_token });

    expect(config.status).toBe(200);
    expect(config.body.store_id).toBe('store-001');
  });

  it('accepts a code typed in lower case', async () => {
    const code = await server.createPairingCode('store-001');
    const reply = await callApi(server, 'POST', '/api/v1/pairing', { body: { code: ` ${code.toLowerCase()} ` } });

    expect(reply.status).toBe(201);
  });

  it('rejects a code used twice', async () => {
    const code = await server.createPairingCode('store-001');
    const first = await callApi(server, 'POST', '/api/v1/pairing', { body: { code } });
    const second = await callApi(server, 'POST', '/api/v1/pairing', { body: { code } });

    expect(first.status).toBe(201);
    expect(second.status).toBe(400);
    expect(second.body.code).toBe('invalid_pairing_code');
    expect(second.headers.get('content-type')).toContain(PROBLEM_TYPE);
  });

  it('rejects an expired code', async () => {
    const issuedTwoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
    const { code } = await issuePairingCode(server.db, 'store-001', 3600, issuedTwoHoursAgo);
    const reply = await callApi(server, 'POST', '/api/v1/pairing', { body: { code } });

    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('invalid_pairing_code');
  });

  it('rejects an unknown code', async () => {
    const reply = await callApi(server, 'POST', '/api/v1/pairing', { body: { code: 'ZZZZZZZZ' } });

    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('invalid_pairing_code');
  });

  it('never repeats the code in the reply', async () => {
    const code = await server.createPairingCode('store-001');
    await callApi(server, 'POST', '/api/v1/pairing', { body: { code } });
    const reply = await callApi(server, 'POST', '/api/v1/pairing', { body: { code } });

    expect(JSON.stringify(reply.body)).not.toContain(code);
  });
});
