// Stops server/main.ts with SIGTERM while an order is half sent, as a deployment or a
// restart does under load: the order in flight must still get its reply and be stored.
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Order } from '../../src/domain/types.ts';
import { createThrowawayDatabase, testBackend, type ThrowawayDatabase } from '../../server/test-database.ts';
import { makeOrder, serialLine } from './server-fixture.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';

const ADMIN_TOKEN = 'shutdown-admin-token-0123456789abcdef';
const WAIT_TIMEOUT_MS = 15_000;
const POLL_MS = 25;

const backend = testBackend();
let dataDir: string;
let database: ThrowawayDatabase | undefined;
let servers: ServerProcess[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'serial-capture-shutdown-'));
  if (backend === 'postgres') database = await createThrowawayDatabase();
});

afterEach(async () => {
  for (const server of servers) await server.stop();
  servers = [];
  await rm(dataDir, { recursive: true, force: true });
  await database?.drop();
});

// At debug level the server logs each request as it arrives, so the test can wait until an
// order is in flight.
async function startServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  const server = await startServerProcess({ DATA_DIR: dataDir, DATABASE_URL: database?.url ?? '', ADMIN_TOKEN, LOG_LEVEL: 'debug', ...env });
  servers.push(server);
  return server;
}

async function waitFor(description: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_TIMEOUT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${WAIT_TIMEOUT_MS} ms waiting for ${description}.`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function postJson(base: string, path: string, body: unknown, token: string): Promise<any> {
  const reply = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return reply.json();
}

async function pairDevice(base: string): Promise<string> {
  const issued = await postJson(base, 'api/v1/pairing-codes', { store_id: 'store-001' }, ADMIN_TOKEN);
  const reply = await fetch(`${base}api/v1/pairing`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: issued.code }),
  });
  return ((await reply.json()) as { device_token: string }).device_token;
}

interface HalfSentRequest {
  /** Sends the rest of the body and resolves with the reply. */
  finish(): Promise<{ status: number; body: any }>;
  /** Resolves with the reply, or rejects when the connection is closed first. */
  reply: Promise<{ status: number; body: any }>;
}

/** Starts `POST /api/v1/orders` on a connection of its own and sends the first half of the body. */
function sendHalfOrder(base: string, token: string, order: Order): HalfSentRequest {
  const body = Buffer.from(JSON.stringify(order));
  const half = Math.floor(body.length / 2);
  const url = new URL('api/v1/orders', base);
  const outgoing = httpRequest(url, {
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${token}` },
  });
  const reply = new Promise<{ status: number; body: any }>((resolve, reject) => {
    outgoing.on('error', reject);
    outgoing.on('response', (incoming) => {
      let text = '';
      incoming.on('data', (chunk: Buffer) => (text += chunk.toString()));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: JSON.parse(text) }));
      incoming.on('error', reject);
    });
  });
  outgoing.write(body.subarray(0, half));
  return {
    reply,
    finish() {
      outgoing.end(body.subarray(half));
      return reply;
    },
  };
}

/** Resolves true when a new TCP connection to `base` is refused, false when one is accepted. */
function isConnectionRefused(base: string): Promise<boolean> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.on('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/** Resolves with the exit code without sending a signal: a second SIGTERM would cut the stop short. */
function waitForExit(server: ServerProcess): Promise<number | null> {
  const { child } = server;
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function hasLogLine(server: ServerProcess, message: string, fragment = ''): boolean {
  return server
    .output()
    .split('\n')
    .some((line) => line.includes(`"msg":"${message}"`) && line.includes(fragment));
}

describe('server/main.ts shutdown', () => {
  it('finishes an order in flight on SIGTERM', async () => {
    const server = await startServer();
    const token = await pairDevice(server.url);
    const order = makeOrder('ord-in-flight-1', 'store-001', [serialLine('L1', '1001', 'SHUTDOWN000001')]);

    const inFlight = sendHalfOrder(server.url, token, order);
    await waitFor('the server to log the order request', () => hasLogLine(server, 'incoming request', '"url":"/api/v1/orders"'));
    server.child.kill('SIGTERM');
    await waitFor('the server to log its stop', () => hasLogLine(server, 'server stopping', '"signal":"SIGTERM"'));
    await waitFor('new connections to be refused', () => isConnectionRefused(server.url));
    const reply = await inFlight.finish();
    const exitCode = await waitForExit(server);

    expect(reply.status).toBe(201);
    expect(reply.body.order_id).toBe('ord-in-flight-1');
    expect(exitCode).toBe(0);
    expect(hasLogLine(server, 'server stopped', '"forced":false')).toBe(true);

    const restarted = await startServer();
    const lookup = await fetch(`${restarted.url}api/v1/serials?product_id=1001&serial_number=SHUTDOWN000001`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const found = (await lookup.json()) as { captures: Array<{ kind: string; order_id?: string }> };
    expect(found.captures).toHaveLength(1);
    expect(found.captures[0]?.order_id).toBe('ord-in-flight-1');
  });

  it('closes a stuck request at the shutdown timeout', async () => {
    const server = await startServer({ SHUTDOWN_TIMEOUT_S: '1' });
    const token = await pairDevice(server.url);
    const order = makeOrder('ord-stuck-1', 'store-001', [serialLine('L1', '1001', 'SHUTDOWN000002')]);

    const stuck = sendHalfOrder(server.url, token, order);
    const outcome = stuck.reply.then(
      () => 'answered',
      () => 'connection closed',
    );
    await waitFor('the server to log the order request', () => hasLogLine(server, 'incoming request', '"url":"/api/v1/orders"'));
    server.child.kill('SIGTERM');
    const exitCode = await waitForExit(server);

    expect(exitCode).toBe(1);
    expect(await outcome).toBe('connection closed');
    expect(hasLogLine(server, 'requests still in flight at the shutdown timeout, closing their connections')).toBe(true);
    expect(hasLogLine(server, 'server stopped', '"forced":true')).toBe(true);
  });

  it('exits 1 on an invalid SHUTDOWN_TIMEOUT_S', async () => {
    await expect(startServer({ SHUTDOWN_TIMEOUT_S: 'soon' })).rejects.toThrow('SHUTDOWN_TIMEOUT_S "soon" is not a positive number of seconds');
  });

  it('exits 1 on an invalid LOG_LEVEL', async () => {
    await expect(startServer({ LOG_LEVEL: 'verbose' })).rejects.toThrow('LOG_LEVEL "verbose" is not a log level');
  });
});
