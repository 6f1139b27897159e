// Runs server/main.ts as `npm start` would (without the vite build), in a child process
// on 127.0.0.1 with a temporary data folder, or a throwaway PostgreSQL database when the
// test run is on PostgreSQL.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createThrowawayDatabase, testBackend, type ThrowawayDatabase } from '../../server/test-database.ts';
import { startTestServer } from '../../server/test-server.ts';
import { callApi } from './server-fixture.ts';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const START_TIMEOUT_MS = 15_000;

interface RunningServer {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const backend = testBackend();
let dataDir: string;
let database: ThrowawayDatabase | undefined;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'serial-capture-main-'));
  if (backend === 'postgres') database = await createThrowawayDatabase();
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await database?.drop();
});

function runMain(env: Record<string, string> = {}): RunningServer {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: database?.url ?? '', PORT: '0', HOST: '127.0.0.1', ADMIN_TOKEN: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

/** Waits until the output contains `pattern` and returns its first match. */
async function waitForOutput(server: RunningServer, pattern: RegExp): Promise<RegExpMatchArray> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const match = server.output().match(pattern);
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${pattern} in output:\n${server.output()}`);
}

async function stop(server: RunningServer): Promise<number | null> {
  server.child.kill('SIGTERM');
  return server.exited;
}

describe('server/main.ts', () => {
  it('prints the app URL and a pairing link', async () => {
    const server = runMain();
    const link = await waitForOutput(server, /(http:\/\/127\.0\.0\.1:\d+\/)#\/pair\?code=([A-Z2-9]{8})/);
    const base = link[1] as string;
    const code = link[2] as string;

    const paired = await fetch(`${base}api/v1/pairing`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    const pairing = (await paired.json()) as { store_id: string };
    const exitCode = await stop(server);

    expect(server.output()).toContain(`Serial Capture is running at ${base}`);
    expect(pairing.store_id).toBe('store-001');
    expect(exitCode).toBe(0);
  });

  it('prints a generated admin token on first start only', async () => {
    const first = runMain();
    const token = (await waitForOutput(first, /Admin token.*\n\s+(\S+)/))[1] as string;
    await waitForOutput(first, /#\/pair\?code=/);
    await stop(first);

    const second = runMain();
    const base = (await waitForOutput(second, /(http:\/\/127\.0\.0\.1:\d+\/)#\/pair/))[1] as string;
    const lookup = await fetch(`${base}api/v1/serials?serial_number=X`, { headers: { authorization: `Bearer ${token}` } });
    await stop(second);

    expect(second.output()).not.toContain('Admin token');
    expect(lookup.status).toBe(200);
  });

  it('loads the demo data on the first start', async () => {
    const server = runMain({ ADMIN_TOKEN: 'test-admin-token-1234567890' });
    const link = await waitForOutput(server, /(http:\/\/127\.0\.0\.1:\d+\/)#\/pair\?code=([A-Z2-9]{8})/);
    const base = link[1] as string;
    const config = await fetch(`${base}api/v1/app-config?store=store-001`, {
      headers: { authorization: 'Bearer test-admin-token-1234567890' },
    });
    const body = (await config.json()) as { source: string; config: unknown };
    await stop(server);

    expect(body.source).toBe('global');
    expect(JSON.stringify(body.config)).toContain('^[A-Z0-9]{14}$');
  });

  it('registers the demo stores on the first start', async () => {
    const server = runMain({ ADMIN_TOKEN: 'test-admin-token-1234567890' });
    const base = (await waitForOutput(server, /(http:\/\/127\.0\.0\.1:\d+\/)#\/pair/))[1] as string;
    const reply = await fetch(`${base}api/v1/stores`, { headers: { authorization: 'Bearer test-admin-token-1234567890' } });
    const body = (await reply.json()) as { items: Array<{ store_id: string }> };
    await stop(server);

    expect(body.items.map((store) => store.store_id)).toEqual(['store-001', 'store-002']);
  });

  it('prints no demo pairing link without the demo store', async () => {
    // A database with a catalog but no store, so that the start loads no demo data.
    const earlier = await startTestServer({ dataDir, ...(database === undefined ? {} : { databaseUrl: database.url }) });
    await callApi(earlier, 'POST', '/api/v1/imports/products', {
      token: earlier.adminToken,
      body: { head: { catalog: 'main', locale: 'en-US' }, items: [{ product_id: 'A-1' }] },
    });
    await earlier.close();

    const server = runMain();
    await waitForOutput(server, /pair a device with a code from POST \/api\/v1\/pairing-codes/);
    await stop(server);

    expect(server.output()).not.toContain('#/pair?code=');
  });

  it('keeps the admin’s format after the demo products are deleted', async () => {
    const auth = { authorization: 'Bearer test-admin-token-1234567890' };
    const first = runMain({ ADMIN_TOKEN: 'test-admin-token-1234567890' });
    const base = (await waitForOutput(first, /(http:\/\/127\.0\.0\.1:\d+\/)#\/pair/))[1] as string;
    const format = { capabilities: { serialized_inventory: { serial_number_regex: '^SN[0-9]{8}$' } } };
    const put = await fetch(`${base}api/v1/app-config`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(format) });
    expect(put.status).toBe(200);
    const demo = JSON.parse(await readFile(join(REPO_ROOT, 'server/demo/demo-products.json'), 'utf8')) as { items: Array<{ product_id: string }> };
    for (const { product_id } of demo.items) {
      const deleted = await fetch(`${base}api/v1/products/${encodeURIComponent(product_id)}`, { method: 'DELETE', headers: auth });
      expect(deleted.status).toBe(204);
    }
    await stop(first);

    const second = runMain({ ADMIN_TOKEN: 'test-admin-token-1234567890' });
    const again = (await waitForOutput(second, /(http:\/\/127\.0\.0\.1:\d+\/)#\/pair/))[1] as string;
    const config = (await (await fetch(`${again}api/v1/app-config?store=store-001`, { headers: auth })).json()) as { config: unknown };
    await stop(second);

    expect(JSON.stringify(config.config)).toContain('^SN[0-9]{8}$');
    expect(second.output()).not.toContain('demo data loaded');
  });

  it('loads no demo data with DEMO_DATA=off', async () => {
    const server = runMain({ ADMIN_TOKEN: 'test-admin-token-1234567890', DEMO_DATA: 'off' });
    const base = (await waitForOutput(server, /Serial Capture is running at (http:\/\/127\.0\.0\.1:\d+\/)/))[1] as string;
    const reply = await fetch(`${base}api/v1/stores`, { headers: { authorization: 'Bearer test-admin-token-1234567890' } });
    const body = (await reply.json()) as { items: unknown[] };
    await stop(server);

    expect(body.items).toEqual([]);
    expect(server.output()).not.toContain('#/pair?code=');
    expect(server.output()).toContain('Register a store with PUT /api/v1/stores/<store id>');
  });

  it('prints no pairing code for a real store-001 with DEMO_DATA=off', async () => {
    const env = { ADMIN_TOKEN: 'test-admin-token-1234567890', DEMO_DATA: 'off' };
    const first = runMain(env);
    const base = (await waitForOutput(first, /Serial Capture is running at (http:\/\/127\.0\.0\.1:\d+\/)/))[1] as string;
    const registered = await fetch(`${base}api/v1/stores/store-001`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${env.ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Paris Opera' }),
    });
    expect(registered.status).toBe(201);
    await stop(first);

    const second = runMain(env);
    await waitForOutput(second, /Serial Capture is running at/);
    await waitForOutput(second, /pairing-codes/);
    await stop(second);

    expect(second.output()).not.toContain('#/pair?code=');
  });

  it('exits 1 on an invalid DEMO_DATA', async () => {
    const server = runMain({ DEMO_DATA: 'no' });
    const exitCode = await server.exited;

    expect(exitCode).toBe(1);
    expect(server.output()).toContain('DEMO_DATA "no" is not on or off');
  });

  it('never logs the admin token from ADMIN_TOKEN', async () => {
    const server = runMain({ ADMIN_TOKEN: 'test-admin-token-abcdefghij' });
    const base = (await waitForOutput(server, /(http:\/\/127\.0\.0\.1:\d+\/)#\/pair/))[1] as string;
    await fetch(`${base}api/v1/serials?serial_number=X`, { headers: { authorization: 'Bearer test-admin-token-abcdefghij' } });
    await fetch(`${base}api/v1/serials?serial_number=X`, { headers: { authorization: 'Bearer wrong-token-abcdefghij' } });
    await stop(server);

    expect(server.output()).not.toContain('test-admin-token-abcdefghij');
    expect(server.output()).not.toContain('wrong-token-abcdefghij');
    expect(server.output()).toContain('request rejected');
  });

  if (backend === 'sqlite') {
    it('exits 1 on a file that is not a database', async () => {
      await writeFile(join(dataDir, 'serial-capture.sqlite'), 'These are notes, not a database. '.repeat(40));
      const server = runMain();
      const exitCode = await server.exited;

      expect(exitCode).toBe(1);
      expect(server.output()).toContain(`${join(dataDir, 'serial-capture.sqlite')} is not a SQLite database`);
      expect(server.output()).not.toMatch(/\n\s+at /);
    });
  } else {
    it('exits 1 on a database it cannot reach, without printing the password', async () => {
      const unreachable = 'postgresql://capture:secret-password-123@127.0.0.1:9/nowhere';
      const server = runMain({ DATABASE_URL: unreachable });
      const exitCode = await server.exited;

      expect(exitCode).toBe(1);
      expect(server.output()).toContain('Database postgresql://127.0.0.1:9/nowhere cannot be used');
      expect(server.output()).toContain('Check DATABASE_URL');
      expect(server.output()).not.toContain('secret-password-123');
      expect(server.output()).not.toMatch(/\n\s+at /);
    });
  }

  it('exits 1 on a short ADMIN_TOKEN, without printing it', async () => {
    const server = runMain({ ADMIN_TOKEN: 'letmein1' });
    const exitCode = await server.exited;

    expect(exitCode).toBe(1);
    expect(server.output()).toContain('ADMIN_TOKEN has 8 characters; it needs at least 24');
    expect(server.output()).not.toContain('letmein1');
  });

  it('exits 1 on an invalid PORT', async () => {
    const server = runMain({ PORT: 'eighty' });
    const exitCode = await server.exited;

    expect(exitCode).toBe(1);
    expect(server.output()).toContain('PORT "eighty" is not a port number');
  });
});
