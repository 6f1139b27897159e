// The server writes one line per request at info level, and the order route adds the order's
// id and outcome to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { callApi, makeOrder, pairDevice, serialLine } from './server-fixture.ts';

interface LogLine {
  msg: string;
  level: number;
  reqId?: string;
  method?: string;
  url?: string;
  statusCode?: number;
  responseTime?: number;
  order_id?: string;
  store_id?: string;
  outcome?: string;
}

const PINO_DEBUG = 20;
const PINO_INFO = 30;

function parse(log: string): LogLine[] {
  return log
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LogLine);
}

let infoServer: TestServer;
let debugServer: TestServer;
let infoLog = '';
let debugLog = '';
let infoRequests = 0;

beforeAll(async () => {
  infoServer = await startTestServer({ seedDemo: true, logStream: { write: (line) => (infoLog += line) } });
  debugServer = await startTestServer({ seedDemo: true, logStream: { write: (line) => (debugLog += line) }, logLevel: 'debug' });

  const { token } = await pairDevice(infoServer, 'store-001');
  const order = makeOrder('ord-logged-1', 'store-001', [serialLine('L1', '1001', 'REQUESTLOG0001')]);
  const calls = [
    () => callApi(infoServer, 'POST', '/api/v1/orders', { token, body: order }),
    () => callApi(infoServer, 'POST', '/api/v1/orders', { token, body: order }),
    () => callApi(infoServer, 'GET', '/api/v1/app-config', { token }),
    () => callApi(infoServer, 'GET', '/api/v1/app-config'),
  ];
  for (const call of calls) await call();
  // pairDevice sent one request too.
  infoRequests = calls.length + 1;

  await callApi(debugServer, 'GET', '/api/v1/health');
});

afterAll(async () => {
  await infoServer.close();
  await debugServer.close();
});

describe('request log', () => {
  it('writes one completion line per request', () => {
    const completed = parse(infoLog).filter((line) => line.msg === 'request completed');

    expect(completed).toHaveLength(infoRequests);
    expect(new Set(completed.map((line) => line.reqId)).size).toBe(infoRequests);
  });

  it('writes no incoming line at info level', () => {
    expect(parse(infoLog).filter((line) => line.msg === 'incoming request')).toEqual([]);
  });

  it('puts method, url, status and time on the line', () => {
    const line = parse(infoLog).find((entry) => entry.msg === 'request completed' && entry.url === '/api/v1/app-config' && entry.statusCode === 200);

    expect(line?.level).toBe(PINO_INFO);
    expect(line?.method).toBe('GET');
    expect(typeof line?.responseTime).toBe('number');
  });

  it('adds the order id and outcome on order lines', () => {
    const orders = parse(infoLog).filter((line) => line.msg === 'request completed' && line.url === '/api/v1/orders');

    expect(orders.map((line) => [line.statusCode, line.order_id, line.store_id, line.outcome])).toEqual([
      [201, 'ord-logged-1', 'store-001', 'created'],
      [200, 'ord-logged-1', 'store-001', 'resent'],
    ]);
  });

  it('writes the incoming line at debug level', () => {
    const lines = parse(debugLog);
    const incoming = lines.find((line) => line.msg === 'incoming request' && line.url === '/api/v1/health');
    const completed = lines.find((line) => line.msg === 'request completed' && line.url === '/api/v1/health');

    expect(incoming?.level).toBe(PINO_DEBUG);
    expect(incoming?.reqId).toBe(completed?.reqId);
  });
});
