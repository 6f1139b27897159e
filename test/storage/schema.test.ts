import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import { DB_VERSION, openDeviceDb } from '../../src/storage/schema.ts';
import { uniqueDbName } from './test-db.ts';

describe('openDeviceDb', () => {
  it('creates every store', async () => {
    const db = await openDeviceDb({ name: uniqueDbName() });

    expect([...db.objectStoreNames].sort()).toEqual(['catalog-chunks', 'config', 'drafts', 'orders', 'outbox', 'picks', 'sync-state']);
    expect(db.version).toBe(DB_VERSION);
    db.close();
  });

  it('creates the lookup indexes', async () => {
    const db = await openDeviceDb({ name: uniqueDbName() });
    const tx = db.transaction(['catalog-chunks', 'outbox']);

    const byKey = tx.objectStore('catalog-chunks').index('by-key');
    const byCapture = tx.objectStore('outbox').index('by-capture');

    expect(byKey.multiEntry).toBe(true);
    expect(byKey.unique).toBe(false);
    expect(byCapture.unique).toBe(true);
    db.close();
  });

  it('moves no catalog when new', async () => {
    const onCatalogMove = vi.fn();

    const db = await openDeviceDb({ name: uniqueDbName(), onCatalogMove });

    expect(onCatalogMove).not.toHaveBeenCalled();
    db.close();
  });

  it('waits for open work before closing', async () => {
    const name = uniqueDbName();
    let free: () => void = () => {};
    const freeToClose = new Promise<void>((resolve) => (free = resolve));
    const onVersionChange = vi.fn();
    await openDeviceDb({ name, onVersionChange, whenFreeToClose: () => freeToClose });
    let newerBlocked = false;

    const newer = openDB(name, DB_VERSION + 1, {
      blocked() {
        newerBlocked = true;
        free();
      },
    });
    await freeToClose;
    const opened = await newer;

    expect(newerBlocked).toBe(true);
    expect(onVersionChange).toHaveBeenCalledTimes(1);
    expect(opened.version).toBe(DB_VERSION + 1);
    opened.close();
  });

  it('closes for a newer version', async () => {
    const name = uniqueDbName();
    const onVersionChange = vi.fn();
    await openDeviceDb({ name, onVersionChange });

    // A newer tab opening the next version would wait forever if this connection stayed open.
    const newer = await openDB(name, DB_VERSION + 1);

    expect(onVersionChange).toHaveBeenCalledTimes(1);
    expect(newer.version).toBe(DB_VERSION + 1);
    newer.close();
  });
});
