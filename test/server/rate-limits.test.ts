import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { callApi, expectProblem, pairDevice } from './server-fixture.ts';

// Almost no refill, so that the test decides when a bucket is empty, not the clock.
const BURST = 3;
const SLOW_REFILL_PER_S = 0.001;

// Pairing is limited per address, and every test pairs from 127.0.0.1, so the server of
// the token tests lets pairing through and another server tests the address limit.
const PAIRINGS_ALLOWED = 1000;

let server: TestServer;
let pairingServer: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    seedDemo: true,
    rateLimits: {
      perToken: { burst: BURST, refillPerSecond: SLOW_REFILL_PER_S },
      perAddress: { burst: PAIRINGS_ALLOWED, refillPerSecond: SLOW_REFILL_PER_S },
    },
  });
  pairingServer = await startTestServer({
    rateLimits: { perAddress: { burst: BURST, refillPerSecond: SLOW_REFILL_PER_S } },
  });
});

afterAll(async () => {
  await server.close();
  await pairingServer.close();
});

async function readConfig(token: string) {
  return callApi(server, 'GET', '/api/v1/app-config', { token });
}

describe('rate limit per token', () => {
  it('answers 429 once a device token used its burst', async () => {
    const { token } = await pairDevice(server, 'store-001');
    for (let i = 0; i < BURST; i += 1) expect((await readConfig(token)).status).toBe(200);
    const reply = await readConfig(token);

    expectProblem(reply, 429);
    expect(reply.body.code).toBe('rate_limited');
  });

  it('says when to try again', async () => {
    const { token } = await pairDevice(server, 'store-001');
    for (let i = 0; i < BURST; i += 1) await readConfig(token);
    const reply = await readConfig(token);

    expect(Number(reply.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(reply.body.detail).toMatch(/Wait \d+ s/);
  });

  it('keeps other tokens apart', async () => {
    const spent = await pairDevice(server, 'store-001');
    const other = await pairDevice(server, 'store-001');
    for (let i = 0; i <= BURST; i += 1) await readConfig(spent.token);

    expect((await readConfig(other.token)).status).toBe(200);
  });

  it('limits the admin token too', async () => {
    const replies = [];
    for (let i = 0; i <= BURST; i += 1) {
      replies.push(await callApi(server, 'GET', '/api/v1/devices', { token: server.adminToken }));
    }

    expect(replies.map((reply) => reply.status)).toEqual([...Array(BURST).fill(200), 429]);
  });

  it('stores nothing of a refused order', async () => {
    const { token } = await pairDevice(server, 'store-001');
    for (let i = 0; i < BURST; i += 1) await readConfig(token);
    const order = {
      order_id: 'ord-limited',
      store_id: 'store-001',
      created_at: '2025-03-01T10:15:00.000Z',
      fulfillment_type: 'in_store_purchase',
      lines: [{ line_id: 'L1', product_id: '1017', quantity: 1, fulfillment: 'IN_STORE_HANDOVER' }],
    };
    const reply = await callApi(server, 'POST', '/api/v1/orders', { token, body: order });

    expect(reply.status).toBe(429);
    expect(await server.countRows('orders', 'ord-limited')).toBe(0);
  });
});

describe('rate limit per address', () => {
  it('answers 429 to pairing attempts over the burst', async () => {
    const statuses = [];
    for (let i = 0; i <= BURST; i += 1) {
      statuses.push((await callApi(pairingServer, 'POST', '/api/v1/pairing', { body: { code: 'WRONG234' } })).status);
    }

    expect(statuses).toEqual([...Array(BURST).fill(400), 429]);
  });

  it('refuses even a valid code once the address is over the limit', async () => {
    for (let i = 0; i <= BURST; i += 1) await callApi(pairingServer, 'POST', '/api/v1/pairing', { body: { code: 'WRONG234' } });
    const code = await pairingServer.createPairingCode('store-001');
    const reply = await callApi(pairingServer, 'POST', '/api/v1/pairing', { body: { code } });

    expectProblem(reply, 429);
    expect(reply.body.detail).toContain('127.0.0.1');
  });
});
