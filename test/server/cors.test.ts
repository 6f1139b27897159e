import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCorsOrigins } from '../../server/cors.ts';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { callApi } from './server-fixture.ts';

const BACK_OFFICE = 'https://backoffice.example.com';
const STRANGER = 'https://stranger.example.net';

let closed: TestServer;
let open: TestServer;

beforeAll(async () => {
  closed = await startTestServer();
  open = await startTestServer({ corsOrigins: [BACK_OFFICE] });
});

afterAll(async () => {
  await closed.close();
  await open.close();
});

function preflight(server: TestServer, origin: string) {
  return callApi(server, 'OPTIONS', '/api/v1/serials', {
    headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
  });
}

describe('CORS without configuration', () => {
  it('sends no allow-origin header to another site', async () => {
    const reply = await callApi(closed, 'GET', '/api/v1/health', { headers: { origin: STRANGER } });

    expect(reply.status).toBe(200);
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers no preflight', async () => {
    const reply = await preflight(closed, BACK_OFFICE);

    expect(reply.status).toBe(404);
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CORS with CORS_ORIGINS', () => {
  it('allows a configured origin', async () => {
    const reply = await callApi(open, 'GET', '/api/v1/health', { headers: { origin: BACK_OFFICE } });

    expect(reply.headers.get('access-control-allow-origin')).toBe(BACK_OFFICE);
    expect(reply.headers.get('vary')).toContain('Origin');
  });

  it('answers its preflight with 204', async () => {
    const reply = await preflight(open, BACK_OFFICE);

    expect(reply.status).toBe(204);
    expect(reply.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  it('still refuses other origins', async () => {
    const simple = await callApi(open, 'GET', '/api/v1/health', { headers: { origin: STRANGER } });
    const pre = await preflight(open, STRANGER);

    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('still needs a token', async () => {
    const reply = await callApi(open, 'GET', '/api/v1/serials?serial_number=X', { headers: { origin: BACK_OFFICE } });

    expect(reply.status).toBe(401);
  });
});

describe('parseCorsOrigins', () => {
  it('reads a list separated by commas', () => {
    expect(parseCorsOrigins(' https://a.example.com, http://127.0.0.1:5173 ')).toEqual(['https://a.example.com', 'http://127.0.0.1:5173']);
  });

  it('reads nothing from an empty value', () => {
    expect(parseCorsOrigins('')).toEqual([]);
  });

  it('rejects an entry with a path, naming it', () => {
    expect(() => parseCorsOrigins('https://a.example.com/app')).toThrow('CORS_ORIGINS entry "https://a.example.com/app" is not an origin');
  });
});
