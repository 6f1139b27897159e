// Tokens and pairing codes must never reach a log, whatever happens to the request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { callApi, makeOrder } from './server-fixture.ts';

let server: TestServer;
let log = '';
const secrets: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer({ seedDemo: true, logStream: { write: (line) => (log += line) } });
  const admin = { token: server.adminToken };
  secrets.adminToken = server.adminToken;

  const issued = await callApi(server, 'POST', '/api/v1/pairing-codes', { ...admin, body: { store_id: 'store-001' } });
  secrets.pairingCode = issued.body.code;
  const paired = await callApi(server, 'POST', '/api/v1/pairing', { body: { code: issued.body.code, device_name: 'Till 9' } });
  secrets.deviceToken = paired.body.device_token;
  // A used code, a wrong code and a malformed body all get rejected and logged.
  await callApi(server, 'POST', '/api/v1/pairing', { body: { code: issued.body.code } });
  await callApi(server, 'POST', '/api/v1/pairing', { body: { code: issued.body.code, extra: true } });
  secrets.wrongToken = 'wrong-token-never-logged-0123456789';
  await callApi(server, 'GET', '/api/v1/app-config', { token: secrets.wrongToken });
  await callApi(server, 'POST', '/api/v1/orders', { token: paired.body.device_token, body: makeOrder('ord-logged', 'store-002') });
  // The back-office routes, refused to the device and to bad input, and served to the admin.
  await callApi(server, 'GET', '/api/v1/conflicts', { token: paired.body.device_token });
  await callApi(server, 'POST', '/api/v1/conflicts/sale-1/resolution', { token: paired.body.device_token, body: { note: 'n' } });
  await callApi(server, 'GET', '/api/v1/exports/serials.csv?from=2025-03-01&to=2025-04-01', { token: paired.body.device_token });
  await callApi(server, 'GET', '/api/v1/exports/serials.csv?from=soon&to=2025-04-01', admin);
  await callApi(server, 'GET', '/api/v1/exports/serials.csv?from=2025-03-01&to=2100-01-01', admin);
  await callApi(server, 'POST', '/api/v1/conflicts/sale-9/resolution', { ...admin, body: { note: 'n' } });
  await callApi(server, 'DELETE', `/api/v1/devices/${paired.body.device_id}`, admin);
  await callApi(server, 'GET', '/api/v1/app-config', { token: paired.body.device_token });
});

afterAll(async () => {
  await server.close();
});

describe('server log', () => {
  it('records the rejected requests', () => {
    expect(log).toContain('request rejected');
    expect(log).toContain('revoked_token');
    expect(log).toContain('invalid_pairing_code');
    expect(log).toContain('admin_only');
    expect(log).toContain('invalid_date');
    expect(log).toContain('conflict_not_found');
  });

  for (const name of ['adminToken', 'pairingCode', 'deviceToken', 'wrongToken']) {
    it(`never holds the ${name}`, () => {
      expect(secrets[name]?.length).toBeGreaterThan(7);
      expect(log).not.toContain(secrets[name]);
    });
  }
});
