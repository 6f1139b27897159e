import { describe, expect, it } from 'vitest';
import { readPersistence, requestPersistentStorage } from '../../src/storage/persistent-storage.ts';

describe('requestPersistentStorage', () => {
  it('returns granted when the browser grants it', async () => {
    expect(await requestPersistentStorage({ persisted: async () => false, persist: async () => true })).toBe('granted');
  });

  it('returns denied when the browser refuses', async () => {
    expect(await requestPersistentStorage({ persisted: async () => false, persist: async () => false })).toBe('denied');
  });

  it('does not ask again when storage is already persistent', async () => {
    let asked = false;
    const state = await requestPersistentStorage({
      persisted: async () => true,
      persist: async () => {
        asked = true;
        return true;
      },
    });

    expect(state).toBe('granted');
    expect(asked).toBe(false);
  });

  it('counts a failed request as denied', async () => {
    const state = await requestPersistentStorage({
      persist: async () => {
        throw new DOMException('not allowed', 'NotAllowedError');
      },
    });

    expect(state).toBe('denied');
  });

  it('returns unsupported without a Storage API', async () => {
    expect(await requestPersistentStorage({})).toBe('unsupported');
  });
});

describe('readPersistence', () => {
  it('reads the state without asking', async () => {
    expect(await readPersistence({ persisted: async () => false })).toBe('denied');
  });

  it('returns unsupported without persisted()', async () => {
    expect(await readPersistence({})).toBe('unsupported');
  });
});
