import { describe, expect, it } from 'vitest';
import serial14 from '../fixtures/config/serial-14-alnum.json' with { type: 'json' };
import { getConfigInForce, putConfigInForce } from '../../src/storage/config-store.ts';
import { openTestDb } from './test-db.ts';

const inForce = { config: serial14, source: 'store' as const, store_id: 'store-001', version: 'v7' };

describe('putConfigInForce', () => {
  it('stores the configuration with its fetch time', async () => {
    const db = await openTestDb();

    await putConfigInForce(db, inForce, '2026-12-04T10:00:00.000Z');

    expect(await getConfigInForce(db)).toEqual({ ...inForce, fetched_at: '2026-12-04T10:00:00.000Z' });
    db.close();
  });

  it('replaces the configuration whole', async () => {
    const db = await openTestDb();
    await putConfigInForce(db, inForce);

    await putConfigInForce(db, { config: {}, source: 'none', store_id: 'store-001', version: 'v8' });
    const stored = await getConfigInForce(db);

    expect(stored?.config).toEqual({});
    expect(stored?.source).toBe('none');
    db.close();
  });
});

describe('getConfigInForce', () => {
  it('returns undefined before the first fetch', async () => {
    const db = await openTestDb();

    expect(await getConfigInForce(db)).toBeUndefined();
    db.close();
  });
});
