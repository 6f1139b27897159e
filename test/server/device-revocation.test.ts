import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { callApi, expectProblem, makeOrder, pairDevice, serialLine } from './server-fixture.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: true, stores: ['store-077', 'store-078', 'store-079'] });
});

afterAll(async () => {
  await server.close();
});

async function revoke(deviceId: string, token = server.adminToken) {
  return callApi(server, 'DELETE', `/api/v1/devices/${encodeURIComponent(deviceId)}`, { token });
}

describe('GET /api/v1/devices', () => {
  it('lists the devices of one store', async () => {
    const device = await pairDevice(server, 'store-077');
    const reply = await callApi(server, 'GET', '/api/v1/devices?store=store-077', { token: server.adminToken });

    expect(reply.status).toBe(200);
    expect(reply.body.items).toEqual([expect.objectContaining({ device_id: device.deviceId, store_id: 'store-077', revoked_at: null })]);
  });

  it('never lists a token or its hash', async () => {
    const device = await pairDevice(server, 'store-078');
    const reply = await callApi(server, 'GET', '/api/v1/devices?store=store-078', { token: server.adminToken });

    expect(JSON.stringify(reply.body)).not.toContain(device.token);
    expect(Object.keys(reply.body.items[0]).sort()).toEqual(['device_id', 'device_name', 'paired_at', 'revoked_at', 'store_id']);
  });

  it('refuses a device token', async () => {
    const device = await pairDevice(server, 'store-001');
    const reply = await callApi(server, 'GET', '/api/v1/devices', { token: device.token });

    expectProblem(reply, 403);
    expect(reply.body.code).toBe('admin_only');
  });
});

describe('DELETE /api/v1/devices/{device_id}', () => {
  it('replies 204', async () => {
    const device = await pairDevice(server, 'store-001');

    expect((await revoke(device.deviceId)).status).toBe(204);
  });

  it('makes the token refused on every device route', async () => {
    const device = await pairDevice(server, 'store-001');
    await revoke(device.deviceId);
    const replies = await Promise.all([
      callApi(server, 'GET', '/api/v1/app-config', { token: device.token }),
      callApi(server, 'GET', '/api/v1/catalog/changes', { token: device.token }),
      callApi(server, 'GET', '/api/v1/pick-lists', { token: device.token }),
      callApi(server, 'POST', '/api/v1/orders', { token: device.token, body: makeOrder('ord-revoked', 'store-001') }),
    ]);

    for (const reply of replies) {
      expectProblem(reply, 401);
      expect(reply.body.code).toBe('revoked_token');
    }
  });

  it('tells the device to pair again', async () => {
    const device = await pairDevice(server, 'store-001');
    await revoke(device.deviceId);
    const reply = await callApi(server, 'GET', '/api/v1/app-config', { token: device.token });

    expect(reply.body.detail).toContain(device.deviceId);
    expect(reply.body.detail).toContain('Pair the device again');
    expect(reply.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('keeps the orders the device sent before', async () => {
    const device = await pairDevice(server, 'store-001');
    const order = makeOrder('ord-before-revoke', 'store-001', [serialLine('L1', '1001', 'BEFOREREVOKE01')]);
    await callApi(server, 'POST', '/api/v1/orders', { token: device.token, body: order });
    await revoke(device.deviceId);

    expect(await server.countRows('orders', 'ord-before-revoke')).toBe(1);
  });

  it('leaves other devices of the store working', async () => {
    const revoked = await pairDevice(server, 'store-001');
    const kept = await pairDevice(server, 'store-001');
    await revoke(revoked.deviceId);

    expect((await callApi(server, 'GET', '/api/v1/app-config', { token: kept.token })).status).toBe(200);
  });

  it('shows the revocation in the device list', async () => {
    const device = await pairDevice(server, 'store-079');
    await revoke(device.deviceId);
    const reply = await callApi(server, 'GET', '/api/v1/devices?store=store-079', { token: server.adminToken });

    expect(reply.body.items[0].revoked_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('replies 204 again to a second revocation', async () => {
    const device = await pairDevice(server, 'store-001');
    await revoke(device.deviceId);

    expect((await revoke(device.deviceId)).status).toBe(204);
  });

  it('replies 404 to an unknown device', async () => {
    const reply = await revoke('no-such-device');

    expectProblem(reply, 404);
    expect(reply.body.code).toBe('device_not_found');
    expect(reply.body.detail).toContain('no-such-device');
  });

  it('refuses a device token', async () => {
    const device = await pairDevice(server, 'store-001');
    const reply = await revoke(device.deviceId, device.token);

    expectProblem(reply, 403);
    expect((await callApi(server, 'GET', '/api/v1/app-config', { token: device.token })).status).toBe(200);
  });
});
