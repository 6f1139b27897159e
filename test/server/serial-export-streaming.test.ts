// A large export is streamed as it is read, and a client that goes away mid-export leaves
// nothing held on the server.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { callApi, makeOrder, pairDevice, serialLine } from './server-fixture.ts';

const ORDERS = 20;
const LINES_PER_ORDER = 1000;
const SERIALS = ORDERS * LINES_PER_ORDER;
// More than the PostgreSQL pool's ten connections, so a leaked connection per abandoned
// export would starve the export that follows.
const ABANDONED_EXPORTS = 12;
const EXPORT_PATH = '/api/v1/exports/serials.csv?from=2000-01-01&to=2100-01-01';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: true });
  const { token } = await pairDevice(server, 'store-001');
  for (let order = 0; order < ORDERS; order += 1) {
    const lines = Array.from({ length: LINES_PER_ORDER }, (_, line) =>
      serialLine(`L${line}`, '1001', `BULK${String(order * LINES_PER_ORDER + line).padStart(10, '0')}`),
    );
    const reply = await callApi(server, 'POST', '/api/v1/orders', { token, body: makeOrder(`bulk-${order}`, 'store-001', lines) });
    if (reply.status !== 201) throw new Error(`Order bulk-${order} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  }
});

afterAll(async () => {
  await server.close();
});

async function startExport(): Promise<Response> {
  return fetch(`${server.url}${EXPORT_PATH}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
}

/** Starts an export on a connection of its own, reads its first chunk and closes the connection. */
async function abandonExport(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const request = httpRequest(`${server.url}${EXPORT_PATH}`, { agent: false, headers: { authorization: `Bearer ${server.adminToken}` } });
    request.on('response', (response) => {
      response.once('data', () => {
        request.destroy();
        resolve();
      });
    });
    request.on('error', (error) => {
      if (!request.destroyed) reject(error);
    });
    request.end();
  });
}

/** Reads the whole body and counts the pieces it arrived in. */
async function readChunks(response: Response): Promise<{ text: string; chunks: number }> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks += 1;
    text += decoder.decode(value, { stream: true });
  }
  return { text: text + decoder.decode(), chunks };
}

describe('serial export of 20,000 serials', () => {
  it('streams the reply in chunks, without a length known up front', async () => {
    const response = await startExport();
    const { chunks } = await readChunks(response);

    expect(response.status).toBe(200);
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(response.headers.get('content-length')).toBeNull();
    expect(chunks).toBeGreaterThan(10);
  });

  it('holds every serial once', async () => {
    const { text } = await readChunks(await startExport());
    const rows = text.split('\r\n').slice(1, -1);
    const serials = new Set(rows.map((row) => row.split(',').at(-1)));

    expect(rows).toHaveLength(SERIALS);
    expect(serials.size).toBe(SERIALS);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('still exports in full after clients left exports half read', async () => {
    for (let attempt = 0; attempt < ABANDONED_EXPORTS; attempt += 1) await abandonExport();
    const { text } = await readChunks(await startExport());

    expect(text.split('\r\n').slice(1, -1)).toHaveLength(SERIALS);
  });
});
