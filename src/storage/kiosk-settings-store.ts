// Kiosk mode settings. Like the scan signal switches, they are device preferences rather
// than captures, so they live in localStorage, which the app can read before it renders.

import { DEFAULT_KIOSK_IDLE_SECONDS, MAX_KIOSK_IDLE_SECONDS, MIN_KIOSK_IDLE_SECONDS } from '../domain/kiosk-idle.ts';
import { isPinHash, type PinHash } from '../domain/kiosk-pin.ts';

/** Kiosk mode on this device: whether it is on, the idle time, and the admin PIN's hash. */
export interface KioskSettings {
  enabled: boolean;
  idleSeconds: number;
  /** Absent until an admin PIN is set. Kiosk mode cannot be switched on without it. */
  pin?: PinHash;
}

export const KIOSK_SETTINGS_KEY = 'serial-capture.kiosk';

export const DEFAULT_KIOSK_SETTINGS: Readonly<KioskSettings> = { enabled: false, idleSeconds: DEFAULT_KIOSK_IDLE_SECONDS };

/**
 * Reads the settings, falling back to the defaults for a missing or unreadable entry.
 * An entry with kiosk mode on but has no valid PIN hash reads as off, because
 * such a device could never leave kiosk mode.
 */
export function loadKioskSettings(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): KioskSettings {
  let parsed: Partial<Record<keyof KioskSettings, unknown>>;
  try {
    const stored = storage?.getItem(KIOSK_SETTINGS_KEY);
    if (stored == null) return { ...DEFAULT_KIOSK_SETTINGS };
    parsed = JSON.parse(stored) as Partial<Record<keyof KioskSettings, unknown>>;
  } catch {
    // Storage can be blocked by the browser, and a hand-edited entry may not be JSON.
    return { ...DEFAULT_KIOSK_SETTINGS };
  }
  const pin = isPinHash(parsed.pin) ? parsed.pin : undefined;
  const idle = parsed.idleSeconds;
  const idleSeconds =
    typeof idle === 'number' && Number.isInteger(idle) && idle >= MIN_KIOSK_IDLE_SECONDS && idle <= MAX_KIOSK_IDLE_SECONDS
      ? idle
      : DEFAULT_KIOSK_SETTINGS.idleSeconds;
  return { enabled: parsed.enabled === true && pin !== undefined, idleSeconds, ...(pin ? { pin } : {}) };
}

/** Stores the settings; throws the browser's error (e.g. `QuotaExceededError`) when it cannot. */
export function saveKioskSettings(settings: KioskSettings, storage: Pick<Storage, 'setItem'> = globalThis.localStorage): void {
  storage.setItem(
    KIOSK_SETTINGS_KEY,
    JSON.stringify({ enabled: settings.enabled, idleSeconds: settings.idleSeconds, pin: settings.pin }),
  );
}
