import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getOrder, saveCompletedOrder } from '../../src/storage/order-store.ts';
import {
  countOutbox,
  countRejectedOutbox,
  isRejected,
  listOutbox,
  retryRejectedEntry,
} from '../../src/storage/outbox-store.ts';
import type { DeviceDb } from '../../src/storage/schema.ts';
import type { ApiClient } from '../../src/sync/api-client.ts';
import { pushOutbox } from '../../src/sync/outbox-push.ts';
import { makeOrder } from '../storage/test-db.ts';
import { startFakeApiServer, type FakeApiServer } from './fake-api-server.ts';
import { createTestClient, openPairedDb } from './paired-db.ts';

let server: FakeApiServer;
let db: DeviceDb;
let api: ApiClient;

beforeEach(async () => {
  server = await startFakeApiServer();
  db = await openPairedDb();
  api = createTestClient(server, db);
  for (const id of ['order-1', 'order-2', 'order-3']) {
    await saveCompletedOrder(db, makeOrder(id, `SERIAL${id.slice(-1)}ABCDEFGH`));
  }
});

afterEach(async () => {
  db.close();
  await server.close();
});

async function outboxIds(): Promise<string[]> {
  return (await listOutbox(db)).map((entry) => entry.capture_id);
}

describe('pushOutbox', () => {
  it('sends oldest first and removes acknowledged entries', async () => {
    const result = await pushOutbox(db, api);

    expect(result).toEqual({ sent: 3, failed: 0 });
    expect(server.orderDeliveries).toEqual(['order-1', 'order-2', 'order-3']);
    expect(await countOutbox(db)).toBe(0);
    expect((await getOrder(db, 'order-2'))?.status).toBe('sent');
  });

  it('keeps every entry after a 500', async () => {
    server.failNext('POST', '/api/v1/orders', { kind: 'status', status: 500 });

    const result = await pushOutbox(db, api);
    const [first] = await listOutbox(db);

    expect(result.stoppedBy).toBe('server');
    expect(result.sent).toBe(0);
    expect(server.orderDeliveries).toEqual([]);
    expect(await outboxIds()).toEqual(['order-1', 'order-2', 'order-3']);
    expect(first?.attempts).toBe(1);
    expect(first?.last_status).toBe(500);
    expect((await getOrder(db, 'order-1'))?.status).toBe('pending');
  });

  it('marks a 409 entry failed and sends the next', async () => {
    // The server already stored order-2 with another serial.
    server.orders.set('order-2', makeOrder('order-2', 'SOMEONEELSES01'));

    const result = await pushOutbox(db, api);
    const [rejected] = await listOutbox(db);

    expect(result).toEqual({ sent: 2, failed: 1 });
    expect(await outboxIds()).toEqual(['order-2']);
    expect(rejected?.last_status).toBe(409);
    expect(rejected?.last_error).toContain('order-2');
    expect(server.orderDeliveries).toEqual(['order-1', 'order-2', 'order-3']);
  });

  it('stops at a 401 and keeps every entry', async () => {
    server.rejectAllTokens(true);

    const result = await pushOutbox(db, api);
    const [first] = await listOutbox(db);

    expect(result.stoppedBy).toBe('unauthorized');
    expect(await countOutbox(db)).toBe(3);
    expect(first?.attempts).toBe(0);
    expect(server.requests).toHaveLength(1);
  });

  it('resends after a lost reply without a duplicate', async () => {
    server.failNext('POST', '/api/v1/orders', { kind: 'drop-reply' });

    const lost = await pushOutbox(db, api);
    const retried = await pushOutbox(db, api);

    expect(lost.stoppedBy).toBe('network');
    expect(retried).toEqual({ sent: 3, failed: 0 });
    expect(server.orderDeliveries).toEqual(['order-1', 'order-1', 'order-2', 'order-3']);
    expect(server.orders.size).toBe(3);
    expect(await countOutbox(db)).toBe(0);
  });

  it('holds a rejected entry on the next push', async () => {
    server.failNext('POST', '/api/v1/orders', { kind: 'status', status: 422 });
    await pushOutbox(db, api);
    const deliveriesAfterFirstPush = server.orderDeliveries.length;

    const result = await pushOutbox(db, api);

    expect(result).toEqual({ sent: 0, failed: 0, held: 1 });
    expect(server.orderDeliveries).toHaveLength(deliveriesAfterFirstPush);
    expect(await outboxIds()).toEqual(['order-1']);
  });

  it('sends a rejected entry again once the associate retries it', async () => {
    server.failNext('POST', '/api/v1/orders', { kind: 'status', status: 422 });
    await pushOutbox(db, api);
    const [rejected] = await listOutbox(db);

    await retryRejectedEntry(db, rejected!.seq);
    const result = await pushOutbox(db, api);

    expect(result).toEqual({ sent: 1, failed: 0 });
    expect(await countOutbox(db)).toBe(0);
  });

  it('stops at a 429 without marking the entry rejected', async () => {
    server.failNext('POST', '/api/v1/orders', { kind: 'status', status: 429 });

    const result = await pushOutbox(db, api);
    const [first] = await listOutbox(db);

    expect(result.stoppedBy).toBe('server');
    expect(first?.last_status).toBe(429);
    expect(isRejected(first!)).toBe(false);
    expect(await countRejectedOutbox(db)).toBe(0);
  });

  it('keeps the conflicts of the acknowledgement on the sent order', async () => {
    const conflict = {
      line_id: 'L1',
      product_id: '1001',
      serial_number: 'SERIAL2ABCDEFGH',
      reason: 'duplicate_serial',
      detail: 'Serial SERIAL2ABCDEFGH of product 1001 was already sold.',
    };
    // The fake server reports no conflicts, so its receipt for order-2 gets one added.
    const flagging: typeof api = {
      ...api,
      async postOrder(order, signal) {
        const reply = await api.postOrder(order, signal);
        const conflicts = order.order_id === 'order-2' ? [conflict] : [];
        return { ...reply, receipt: { ...reply.receipt, conflicts } };
      },
    };

    await pushOutbox(db, flagging);

    expect((await getOrder(db, 'order-2'))?.conflicts).toEqual([conflict]);
    expect((await getOrder(db, 'order-2'))?.status).toBe('sent');
    expect(await getOrder(db, 'order-1')).not.toHaveProperty('conflicts');
  });

  it('rethrows an abort and keeps the entry', async () => {
    server.failNext('POST', '/api/v1/orders', { kind: 'hang' });
    const controller = new AbortController();

    const push = pushOutbox(db, api, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);

    await expect(push).rejects.toMatchObject({ name: 'AbortError' });
    expect(await countOutbox(db)).toBe(3);
  });
});
