import { describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_IDLE_SECONDS } from '../../src/domain/kiosk-idle.ts';
import type { PinHash } from '../../src/domain/kiosk-pin.ts';
import { KIOSK_SETTINGS_KEY, loadKioskSettings, saveKioskSettings } from '../../src/storage/kiosk-settings-store.ts';

const PIN: PinHash = { algorithm: 'PBKDF2-SHA-256', iterations: 1_000, salt: 'c2FsdA==', hash: 'aGFzaA==' };

function memoryStorage(entries: Record<string, string> = {}) {
  const items = new Map(Object.entries(entries));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe('loadKioskSettings', () => {
  it('defaults to off', () => {
    expect(loadKioskSettings(memoryStorage())).toEqual({ enabled: false, idleSeconds: DEFAULT_KIOSK_IDLE_SECONDS });
  });

  it('reads saved settings back', () => {
    const storage = memoryStorage();
    saveKioskSettings({ enabled: true, idleSeconds: 30, pin: PIN }, storage);

    expect(loadKioskSettings(storage)).toEqual({ enabled: true, idleSeconds: 30, pin: PIN });
  });

  it('reads on without a PIN as off', () => {
    const storage = memoryStorage({ [KIOSK_SETTINGS_KEY]: JSON.stringify({ enabled: true, idleSeconds: 30 }) });

    expect(loadKioskSettings(storage).enabled).toBe(false);
  });

  it('replaces an idle time out of range', () => {
    const storage = memoryStorage({ [KIOSK_SETTINGS_KEY]: JSON.stringify({ enabled: false, idleSeconds: 1 }) });

    expect(loadKioskSettings(storage).idleSeconds).toBe(DEFAULT_KIOSK_IDLE_SECONDS);
  });

  it('falls back on an entry that is not JSON', () => {
    const storage = memoryStorage({ [KIOSK_SETTINGS_KEY]: '{nope' });

    expect(loadKioskSettings(storage)).toEqual({ enabled: false, idleSeconds: DEFAULT_KIOSK_IDLE_SECONDS });
  });

  it('falls back when storage throws', () => {
    const blocked = {
      getItem(): string | null {
        throw new DOMException('blocked', 'SecurityError');
      },
    };

    expect(loadKioskSettings(blocked)).toEqual({ enabled: false, idleSeconds: DEFAULT_KIOSK_IDLE_SECONDS });
  });
});

describe('saveKioskSettings', () => {
  it('stores only the hash of the PIN', () => {
    const storage = memoryStorage();
    saveKioskSettings({ enabled: false, idleSeconds: 60, pin: PIN }, storage);

    expect(JSON.parse(storage.getItem(KIOSK_SETTINGS_KEY) ?? '')).toEqual({ enabled: false, idleSeconds: 60, pin: PIN });
  });
});
