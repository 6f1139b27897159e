import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveCompletedOrder } from '../../src/storage/order-store.ts';
import { listOutbox } from '../../src/storage/outbox-store.ts';
import { DB_VERSION, openDeviceDb, type DeviceDb } from '../../src/storage/schema.ts';
import { getDevice, setTokenRejected } from '../../src/storage/sync-state-store.ts';
import { SYNC_LOCK_NAME } from '../../src/sync/background-sync-tag.ts';
import {
  openCurrentDeviceDb,
  outcomeOfPush,
  pushOutboxFromWorker,
  type WorkerLockManager,
  type WorkerPushOutcome,
} from '../../src/sync/worker-push.ts';
import { makeOrder, uniqueDbName } from '../storage/test-db.ts';
import { startFakeApiServer, type FakeApiServer } from './fake-api-server.ts';
import { openPairedDb } from './paired-db.ts';

/** Web Locks for Node, which has none: one holder per name, and waiters in arrival order. */
function createLocks(): WorkerLockManager & { hold(name: string): () => void } {
  const queues = new Map<string, Promise<void>>();
  function acquire(name: string): { ready: Promise<void>; release: () => void } {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ready = queues.get(name) ?? Promise.resolve();
    queues.set(name, ready.then(() => released));
    return { ready, release };
  }
  return {
    hold(name) {
      return acquire(name).release;
    },
    async request(name, options, callback) {
      const { ready, release } = acquire(name);
      try {
        await Promise.race([
          ready,
          new Promise<never>((_resolve, reject) => {
            options.signal.addEventListener('abort', () => reject(options.signal.reason), { once: true });
          }),
        ]);
        return await callback({ name, mode: 'exclusive' } as Lock);
      } finally {
        release();
      }
    },
  };
}

let server: FakeApiServer;
let db: DeviceDb;
let locks: ReturnType<typeof createLocks>;
let closedByPush: boolean;

beforeEach(async () => {
  server = await startFakeApiServer();
  db = await openPairedDb();
  locks = createLocks();
  closedByPush = false;
  for (const id of ['order-1', 'order-2', 'order-3']) {
    await saveCompletedOrder(db, makeOrder(id, `SERIAL${id.slice(-1)}ABCDEFGH`));
  }
});

afterEach(async () => {
  db.close();
  await server.close();
});

// Each push gets its own connection to the test's database, as the worker opens its own.
function push(): Promise<WorkerPushOutcome> {
  return pushOutboxFromWorker({
    openDb: async () => {
      const connection = await openDeviceDb({ name: db.name });
      const close = connection.close.bind(connection);
      connection.close = () => {
        closedByPush = true;
        close();
      };
      return connection;
    },
    locks,
    baseUrl: server.baseUrl,
    timeoutMs: 2000,
  });
}

async function outboxIds(): Promise<string[]> {
  return (await listOutbox(db)).map((entry) => entry.capture_id);
}

describe('outcomeOfPush', () => {
  it('is done when every entry was tried', () => {
    expect(outcomeOfPush({ sent: 2, failed: 1 })).toEqual({ kind: 'done', sent: 2, rejected: 1 });
  });

  it('is unauthorized after a 401', () => {
    expect(outcomeOfPush({ sent: 0, failed: 0, stoppedBy: 'unauthorized', message: 'HTTP 401' })).toEqual({ kind: 'unauthorized' });
  });

  it.each(['network', 'server'] as const)('retries after a %s stop', (stoppedBy) => {
    expect(outcomeOfPush({ sent: 1, failed: 0, stoppedBy, message: 'HTTP 500' })).toEqual({ kind: 'retry', message: 'HTTP 500' });
  });

  it('names the stop when the push gave no message', () => {
    expect(outcomeOfPush({ sent: 0, failed: 0, stoppedBy: 'network' })).toEqual({
      kind: 'retry',
      message: 'the push stopped on a network error',
    });
  });
});

describe('pushOutboxFromWorker', () => {
  it('sends every entry once and closes the database', async () => {
    const outcome = await push();

    expect(outcome).toEqual({ kind: 'done', sent: 3, rejected: 0 });
    expect(server.orderDeliveries).toEqual(['order-1', 'order-2', 'order-3']);
    expect(await outboxIds()).toEqual([]);
    expect(closedByPush).toBe(true);
  });

  it('keeps every entry and asks for a retry after a 500', async () => {
    server.failNext('POST', '/api/v1/orders', { kind: 'status', status: 500 });

    const outcome = await push();

    expect(outcome.kind).toBe('retry');
    expect(await outboxIds()).toEqual(['order-1', 'order-2', 'order-3']);
    expect(closedByPush).toBe(true);
  });

  it('asks for a retry when the server is unreachable', async () => {
    await server.close();

    const outcome = await push();

    expect(outcome.kind).toBe('retry');
    expect(await outboxIds()).toEqual(['order-1', 'order-2', 'order-3']);
    server = await startFakeApiServer();
  });

  it('records a rejected token after a 401 and keeps every entry', async () => {
    server.rejectAllTokens(true);

    const outcome = await push();

    expect(outcome).toEqual({ kind: 'unauthorized' });
    expect((await getDevice(db))?.token_rejected_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await outboxIds()).toEqual(['order-1', 'order-2', 'order-3']);
  });

  it('marks an entry rejected with a 422 and sends the others', async () => {
    server.failNext('POST', '/api/v1/orders', { kind: 'status', status: 422 });

    const outcome = await push();
    const [rejected] = await listOutbox(db);

    expect(outcome).toEqual({ kind: 'done', sent: 2, rejected: 1 });
    expect(await outboxIds()).toEqual(['order-1']);
    expect(rejected?.last_status).toBe(422);
    expect(server.orderDeliveries).toEqual(['order-2', 'order-3']);
  });

  it('waits for a page that holds the lock', async () => {
    const release = locks.hold(SYNC_LOCK_NAME);

    const pushing = push();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const requestsWhileHeld = server.requests.length;
    release();
    const outcome = await pushing;

    expect(requestsWhileHeld).toBe(0);
    expect(outcome).toEqual({ kind: 'done', sent: 3, rejected: 0 });
    expect(await outboxIds()).toEqual([]);
  });

  it('asks for a retry when the lock stays held', async () => {
    const release = locks.hold(SYNC_LOCK_NAME);

    const outcome = await pushOutboxFromWorker({ openDb: () => Promise.reject(new Error('not reached')), locks, baseUrl: server.baseUrl, lockWaitMs: 20 });
    release();

    expect(outcome).toEqual({ kind: 'retry', message: 'another sync held the sync lock for over 0.02 s' });
    expect(server.requests).toHaveLength(0);
  });

  it('sends nothing while token rejected', async () => {
    await setTokenRejected(db, true);

    const outcome = await push();

    expect(outcome).toEqual({ kind: 'skipped', reason: 'device token rejected' });
    expect(server.requests).toHaveLength(0);
    expect(closedByPush).toBe(true);
  });

  it('skips when there is no database to push from', async () => {
    const outcome = await pushOutboxFromWorker({ openDb: async () => undefined, locks, baseUrl: server.baseUrl });

    expect(outcome).toEqual({ kind: 'skipped', reason: 'no device database of this app version' });
    expect(server.requests).toHaveLength(0);
  });

  it('asks for a retry when the database fails to open', async () => {
    const failure = new DOMException('The database is gone.', 'UnknownError');

    const outcome = await pushOutboxFromWorker({ openDb: () => Promise.reject(failure), locks, baseUrl: server.baseUrl });

    expect(outcome).toEqual({ kind: 'retry', message: 'UnknownError: The database is gone.' });
  });
});

describe('openCurrentDeviceDb', () => {
  async function versionOf(name: string): Promise<number | undefined> {
    return (await indexedDB.databases()).find((database) => database.name === name)?.version;
  }

  it('creates no database where there is none', async () => {
    const name = uniqueDbName();

    expect(await openCurrentDeviceDb(name)).toBeUndefined();
    expect(await versionOf(name)).toBeUndefined();
  });

  it('leaves an older database to the pages', async () => {
    const name = uniqueDbName();
    const old = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    old.close();

    expect(await openCurrentDeviceDb(name)).toBeUndefined();
    expect(await versionOf(name)).toBe(1);
  });

  it('opens a database of this version', async () => {
    const opened = await openCurrentDeviceDb(db.name);

    expect(opened?.version).toBe(DB_VERSION);
    expect((await opened?.count('outbox')) ?? 0).toBe(3);
    opened?.close();
  });

  it('gives way to a page that upgrades the database', async () => {
    // The test's own connection also closes itself on a version change, as pages do.
    const opened = await openCurrentDeviceDb(db.name);
    let blocked = false;

    const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(db.name, DB_VERSION + 1);
      request.onblocked = () => {
        blocked = true;
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });

    expect(upgraded.version).toBe(DB_VERSION + 1);
    expect(blocked).toBe(false);
    upgraded.close();
  });
});
