// Every rejected request is logged once, with its reason code and request id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { callApi, pairDevice } from './server-fixture.ts';

interface LogLine {
  msg: string;
  reqId?: string;
  code?: string;
  status?: number;
  statusCode?: number;
  err?: { stack?: string };
}

let server: TestServer;
let log = '';
const replyStatuses: number[] = [];

function lines(): LogLine[] {
  return log
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LogLine);
}

beforeAll(async () => {
  server = await startTestServer({
    seedDemo: true,
    logStream: { write: (line) => (log += line) },
    rateLimits: { perAddress: { burst: 3, refillPerSecond: 0.001 } },
  });
  const admin = { token: server.adminToken };
  const { token: deviceToken } = await pairDevice(server, 'store-001');
  const calls: Array<Promise<{ status: number }>> = [
    callApi(server, 'GET', '/api/v1/conflicts'),
    callApi(server, 'GET', '/api/v1/conflicts', { token: 'not-a-known-token-at-all' }),
    callApi(server, 'GET', '/api/v1/conflicts', { token: deviceToken }),
    callApi(server, 'GET', '/api/v1/conflicts?cursor=zzz', admin),
    callApi(server, 'POST', '/api/v1/conflicts/sale-404/resolution', { ...admin, body: { note: 'n' } }),
    callApi(server, 'POST', '/api/v1/conflicts/sale-1/resolution', { ...admin, rawBody: '{oops', headers: { 'content-type': 'application/json' } }),
    callApi(server, 'GET', '/api/v1/exports/serials.csv?from=2025-02-30&to=2025-04-01', admin),
    callApi(server, 'GET', '/api/v1/exports/serials.csv?from=2025-03-01&to=2025-04-01', { token: deviceToken }),
    callApi(server, 'POST', '/api/v1/orders', { token: deviceToken, rawBody: '{}', headers: { 'content-type': 'text/plain' } }),
    callApi(server, 'DELETE', '/api/v1/products/%E0%A4%A', admin),
    callApi(server, 'GET', '/api/v1/no-such-route', admin),
  ];
  for (const call of calls) replyStatuses.push((await call).status);
  // One pairing attempt more than the address may send: the last ones are 429s.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    replyStatuses.push((await callApi(server, 'POST', '/api/v1/pairing', { body: { code: 'ZZZZZZZZ' } })).status);
  }
  replyStatuses.push((await callApi(server, 'GET', '/api/v1/conflicts', admin)).status);
  // With the database closed under it, the server fails the request: a 500.
  await server.db.close();
  replyStatuses.push((await callApi(server, 'GET', '/api/v1/conflicts', admin)).status);
});

afterAll(async () => {
  await server.close();
});

describe('log of rejected requests', () => {
  it('saw the rejections this test meant to cause', () => {
    expect(new Set(replyStatuses)).toEqual(new Set([200, 400, 401, 403, 404, 415, 429, 500]));
  });

  it('logs one rejection per rejected reply', () => {
    const rejections = lines().filter((line) => line.msg === 'request rejected');

    // The first calls run at once, so their lines come in any order.
    const byStatus = (a: number, b: number) => a - b;
    expect(rejections.map((line) => line.status ?? 0).sort(byStatus)).toEqual(replyStatuses.filter((status) => status >= 400).sort(byStatus));
    expect(new Set(rejections.map((line) => line.reqId)).size).toBe(rejections.length);
  });

  it('gives every rejection a reason code', () => {
    const rejections = lines().filter((line) => line.msg === 'request rejected');

    expect(rejections.every((line) => /^[a-z_]+$/.test(line.code ?? ''))).toBe(true);
  });

  // Fastify logs no completion line for errors raised before routing (a broken URL); the
  // rejection line stands for those.
  it('logs the rejection under the request id of the completed request', () => {
    const rejections = lines().filter((line) => line.msg === 'request rejected');
    const completed = lines().filter((line) => line.msg === 'request completed' && (line.statusCode ?? 0) >= 400);

    expect(completed.length).toBeGreaterThan(10);
    for (const line of completed) {
      expect(rejections.filter((rejection) => rejection.reqId === line.reqId && rejection.status === line.statusCode)).toHaveLength(1);
    }
  });

  it('logs no rejection for a request that succeeded', () => {
    const succeeded = new Set(
      lines()
        .filter((line) => line.msg === 'request completed' && (line.statusCode ?? 0) < 400)
        .map((line) => line.reqId),
    );
    const rejections = lines().filter((line) => line.msg === 'request rejected');

    expect(succeeded.size).toBeGreaterThan(1);
    expect(rejections.filter((line) => succeeded.has(line.reqId))).toEqual([]);
  });

  it('gives every rejection its request id', () => {
    const rejections = lines().filter((line) => line.msg === 'request rejected');

    expect(rejections.every((line) => typeof line.reqId === 'string' && line.reqId !== '')).toBe(true);
  });

  it('logs the error behind a 500 on the rejection line', () => {
    const failure = lines().find((line) => line.msg === 'request rejected' && line.status === 500);

    expect(failure?.code).toBe('internal_error');
    expect(failure?.err?.stack).toBeTruthy();
  });
});
