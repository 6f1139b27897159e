import { describe, expect, it } from 'vitest';
import {
  clearCatalogCursor,
  clearDevice,
  clearLastError,
  getCatalogCursor,
  getDevice,
  getLastError,
  getLastSync,
  setDevice,
  setLastError,
  setLastSync,
} from '../../src/storage/sync-state-store.ts';
import { applyCatalogPage } from '../../src/storage/product-store.ts';
import { openTestDb } from './test-db.ts';

const device = {
  device_id: 'device-1',
  device_token: 'secret-token',
  store_id: 'store-001',
  paired_at: '2026-12-04T09:00:00.000Z',
};

describe('setDevice', () => {
  it('stores the pairing', async () => {
    const db = await openTestDb();

    await setDevice(db, device);

    expect(await getDevice(db)).toEqual(device);
    db.close();
  });
});

describe('clearDevice', () => {
  it('forgets the pairing', async () => {
    const db = await openTestDb();
    await setDevice(db, device);

    await clearDevice(db);

    expect(await getDevice(db)).toBeUndefined();
    db.close();
  });
});

describe('getCatalogCursor', () => {
  it('returns undefined before the first page', async () => {
    const db = await openTestDb();

    expect(await getCatalogCursor(db)).toBeUndefined();
    db.close();
  });

  it('returns undefined after clearing', async () => {
    const db = await openTestDb();
    await applyCatalogPage(db, { items: [], next_cursor: '7' });

    await clearCatalogCursor(db);

    expect(await getCatalogCursor(db)).toBeUndefined();
    db.close();
  });
});

describe('setLastSync', () => {
  it('keeps the last success after a failure', async () => {
    const db = await openTestDb();
    await setLastSync(db, { at: '2026-12-04T10:00:00.000Z', ok: true });

    await setLastSync(db, { at: '2026-12-04T10:01:00.000Z', ok: false });

    expect(await getLastSync(db)).toEqual({
      at: '2026-12-04T10:01:00.000Z',
      ok: false,
      succeeded_at: '2026-12-04T10:00:00.000Z',
    });
    db.close();
  });

  it('has no success time before a success', async () => {
    const db = await openTestDb();

    await setLastSync(db, { at: '2026-12-04T10:01:00.000Z', ok: false });

    expect(await getLastSync(db)).not.toHaveProperty('succeeded_at');
    db.close();
  });
});

describe('setLastError', () => {
  it('stores and clears the error', async () => {
    const db = await openTestDb();

    await setLastError(db, 'Catalog download failed.', '2026-12-04T10:00:00.000Z');
    const stored = await getLastError(db);
    await clearLastError(db);

    expect(stored).toEqual({ message: 'Catalog download failed.', at: '2026-12-04T10:00:00.000Z' });
    expect(await getLastError(db)).toBeUndefined();
    db.close();
  });
});
