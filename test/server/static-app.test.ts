import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { callApi, PROBLEM_TYPE } from './server-fixture.ts';

const INDEX_HTML = '<!doctype html><title>Serial Capture</title><div id="app"></div>';
const HTML_ACCEPT = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

let staticDir: string;
let server: TestServer;

beforeAll(async () => {
  staticDir = await mkdtemp(join(tmpdir(), 'serial-capture-dist-'));
  await mkdir(join(staticDir, 'assets'));
  await writeFile(join(staticDir, 'index.html'), INDEX_HTML);
  await writeFile(join(staticDir, 'sw.js'), 'self.addEventListener("install", () => {});');
  await writeFile(join(staticDir, 'assets', 'index-3f2a1b.js'), 'console.log("app");');
  await writeFile(join(staticDir, 'manifest.webmanifest'), '{"name":"Serial Capture"}');
  server = await startTestServer({ staticDir });
});

afterAll(async () => {
  await server.close();
  await rm(staticDir, { recursive: true, force: true });
});

describe('static app', () => {
  it('serves index.html at /', async () => {
    const reply = await callApi(server, 'GET', '/', { headers: HTML_ACCEPT });

    expect(reply.status).toBe(200);
    expect(reply.body).toBe(INDEX_HTML);
    expect(reply.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves sw.js without caching', async () => {
    const reply = await callApi(server, 'GET', '/sw.js');

    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('javascript');
    expect(reply.headers.get('cache-control')).toBe('no-cache');
  });

  it('caches hashed assets for a year', async () => {
    const reply = await callApi(server, 'GET', '/assets/index-3f2a1b.js');

    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('serves index.html for a deep link', async () => {
    const reply = await callApi(server, 'GET', '/checkout/cart', { headers: HTML_ACCEPT });

    expect(reply.status).toBe(200);
    expect(reply.body).toBe(INDEX_HTML);
    expect(reply.headers.get('cache-control')).toBe('no-cache');
  });

  it('replies 404 to a missing script', async () => {
    const reply = await callApi(server, 'GET', '/assets/missing.js', { headers: { accept: '*/*' } });

    expect(reply.status).toBe(404);
    expect(reply.headers.get('content-type')).toContain(PROBLEM_TYPE);
  });

  it('keeps unknown API paths a 404 problem', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/unknown', { headers: HTML_ACCEPT });

    expect(reply.status).toBe(404);
    expect(reply.headers.get('content-type')).toContain(PROBLEM_TYPE);
  });

  it('still serves the API', async () => {
    const reply = await callApi(server, 'GET', '/api/v1/health');

    expect(reply.body).toEqual({ status: 'ok' });
  });
});

describe('server without a built app', () => {
  it('replies 404 problem at /', async () => {
    const bare = await startTestServer({ staticDir: join(staticDir, 'does-not-exist') });
    const reply = await callApi(bare, 'GET', '/', { headers: HTML_ACCEPT });
    await bare.close();

    expect(reply.status).toBe(404);
    expect(reply.headers.get('content-type')).toContain(PROBLEM_TYPE);
  });
});
