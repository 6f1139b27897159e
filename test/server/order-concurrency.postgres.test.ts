// Two server processes share one PostgreSQL database, and 50 devices send the same 200
// orders to them at once, as after an outage. Idempotency and duplicate detection must
// come from the database, because neither process can read the other's memory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../src/domain/types.ts';
import { canonicalJson } from '../../server/canonical-json.ts';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../../server/test-database.ts';
import { makeOrder, serialLine } from './server-fixture.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';

const CLIENTS = 50;
const ORDERS = 200;
// Orders k and k + DUPLICATE_OFFSET sell the same laptop serial for k < DUPLICATES.
const DUPLICATES = 20;
const DUPLICATE_OFFSET = 100;
const ADMIN_TOKEN = 'concurrency-admin-token-0123456789';

interface Reply {
  status: number;
  body: { order_id: string; conflicts: Array<{ line_id: string; reason: string }> };
}

let database: ThrowawayDatabase;
let servers: ServerProcess[] = [];
let replies: Map<string, Reply[]>;
let orders: Order[];

function serialOf(index: number): string {
  const owner = index >= DUPLICATE_OFFSET && index - DUPLICATE_OFFSET < DUPLICATES ? index - DUPLICATE_OFFSET : index;
  return `CONC${String(owner).padStart(10, '0')}`;
}

function buildOrders(): Order[] {
  return Array.from({ length: ORDERS }, (_, index) =>
    makeOrder(`ord-concurrent-${index}`, 'store-001', [
      serialLine('L1', '1001', serialOf(index)),
      { line_id: 'L2', product_id: '1017', quantity: 2, fulfillment: 'IN_STORE_HANDOVER' },
    ]),
  );
}

/** Shuffles a copy with a seeded generator, so that each client sends in its own order. */
function shuffled<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  let state = seed * 2_654_435_761 + 1;
  for (let i = copy.length - 1; i > 0; i -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

async function post(base: string, path: string, token: string | undefined, body: unknown): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

/** Pairs a device through one server with a code issued by the other. */
async function pairAcross(issuer: ServerProcess, pairer: ServerProcess): Promise<string> {
  const code = await post(issuer.url, 'api/v1/pairing-codes', ADMIN_TOKEN, { store_id: 'store-001' });
  const paired = await post(pairer.url, 'api/v1/pairing', undefined, { code: code.body.code });
  if (paired.status !== 201) throw new Error(`Pairing failed: ${paired.status} ${JSON.stringify(paired.body)}`);
  return paired.body.device_token as string;
}

beforeAll(async () => {
  database = await createThrowawayDatabase();
  const env = { DATABASE_URL: database.url, ADMIN_TOKEN };
  // One after the other, so that only the first start loads the demo catalog.
  servers.push(await startServerProcess(env));
  servers.push(await startServerProcess(env));
  const [first, second] = servers as [ServerProcess, ServerProcess];

  const tokens = await Promise.all(
    Array.from({ length: CLIENTS }, (_, client) => (client % 2 === 0 ? pairAcross(first, second) : pairAcross(second, first))),
  );

  orders = buildOrders();
  replies = new Map(orders.map((order) => [order.order_id, []]));
  await Promise.all(
    tokens.map(async (token, client) => {
      const server = servers[client % 2] as ServerProcess;
      for (const order of shuffled(orders, client + 1)) {
        const reply = await post(server.url, 'api/v1/orders', token, order);
        replies.get(order.order_id)?.push(reply as Reply);
      }
    }),
  );
}, 300_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  servers = [];
  await database?.drop();
});

async function queryCount(sql: string): Promise<number> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return Number((await client.query<{ count: string }>(sql)).rows[0]?.count);
  } finally {
    await client.end();
  }
}

describe('POST /api/v1/orders from 50 devices on two server processes', () => {
  it('answers every request with 200 or 201', () => {
    const statuses = new Set([...replies.values()].flat().map((reply) => reply.status));

    expect([...statuses].sort()).toEqual([200, 201]);
  });

  it('creates each order exactly once', () => {
    for (const [, orderReplies] of replies) {
      expect(orderReplies).toHaveLength(CLIENTS);
      expect(orderReplies.filter((reply) => reply.status === 201)).toHaveLength(1);
    }
  });

  it('stores each order once', async () => {
    expect(await queryCount('SELECT COUNT(*) AS count FROM orders')).toBe(ORDERS);
    expect(await queryCount('SELECT COUNT(*) AS count FROM order_lines')).toBe(ORDERS * 2);
    expect(await queryCount('SELECT COUNT(*) AS count FROM serials')).toBe(ORDERS);
  });

  it('flags each true duplicate serial once', async () => {
    expect(await queryCount("SELECT COUNT(*) AS count FROM order_conflicts WHERE reason = 'duplicate_serial'")).toBe(DUPLICATES);
    expect(await queryCount('SELECT COUNT(*) AS count FROM order_conflicts')).toBe(DUPLICATES);
  });

  it('flags one order of each pair that shares a serial', () => {
    for (let k = 0; k < DUPLICATES; k += 1) {
      const flagged = [k, k + DUPLICATE_OFFSET].filter(
        (index) => (replies.get(`ord-concurrent-${index}`)?.[0]?.body.conflicts.length ?? 0) > 0,
      );
      expect(flagged, `orders ${k} and ${k + DUPLICATE_OFFSET}`).toHaveLength(1);
    }
  });

  it('flags no order with a serial of its own', () => {
    const flagged = orders
      .map((order, index) => ({ index, conflicts: replies.get(order.order_id)?.[0]?.body.conflicts ?? [] }))
      .filter(({ index, conflicts }) => conflicts.length > 0 && !(index < DUPLICATES || (index >= DUPLICATE_OFFSET && index < DUPLICATE_OFFSET + DUPLICATES)));

    expect(flagged).toEqual([]);
  });

  it('gives every device the same conflicts for one order', () => {
    for (const [, orderReplies] of replies) {
      const distinct = new Set(orderReplies.map((reply) => canonicalJson(reply.body.conflicts)));
      expect(distinct.size).toBe(1);
    }
  });
});
