import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { callApi } from './server-fixture.ts';

let staticDir: string;
let server: TestServer;

beforeAll(async () => {
  staticDir = await mkdtemp(join(tmpdir(), 'serial-capture-headers-'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>');
  server = await startTestServer({ staticDir });
});

afterAll(async () => {
  await server.close();
  await rm(staticDir, { recursive: true, force: true });
});

function directives(header: string | null): Map<string, string> {
  return new Map(
    (header ?? '').split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

describe('security headers', () => {
  it('send a CSP with the app', async () => {
    const reply = await callApi(server, 'GET', '/', { headers: { accept: 'text/html' } });

    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-security-policy')).not.toBeNull();
  });

  it('allow scripts from this origin only, never inline', async () => {
    const reply = await callApi(server, 'GET', '/', { headers: { accept: 'text/html' } });
    const csp = directives(reply.headers.get('content-security-policy'));

    expect(csp.get('script-src')).toBe("'self' 'wasm-unsafe-eval'");
    expect(reply.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
  });

  it('come with API replies and errors too', async () => {
    const ok = await callApi(server, 'GET', '/api/v1/health');
    const refused = await callApi(server, 'GET', '/api/v1/app-config');

    for (const reply of [ok, refused]) {
      expect(reply.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
      expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
      expect(reply.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('allow the camera on the app only', async () => {
    const reply = await callApi(server, 'GET', '/', { headers: { accept: 'text/html' } });

    expect(reply.headers.get('permissions-policy')).toContain('camera=(self)');
    expect(reply.headers.get('permissions-policy')).toContain('microphone=()');
  });
});
