// Wrong admin PIN entries and the wait they impose. A kiosk device is within reach of
// shoppers, and a 4-digit PIN tried without limit falls to patience, so after a few wrong
// entries each further one locks the PIN for longer.

/** Wrong entries allowed before the first wait. A guess: enough for a mistyped PIN or two. */
export const FREE_PIN_ATTEMPTS = 5;
/** The first wait, doubled for each wrong entry after it. A guess. */
export const FIRST_PIN_LOCKOUT_MS = 30_000;
/** Maximum wait. A guess: short enough that staff are not locked out of a shift. */
export const MAX_PIN_LOCKOUT_MS = 15 * 60_000;

/** Wrong entries since the last right one, and until when the PIN is locked (epoch ms, 0 for not). */
export interface PinAttempts {
  failures: number;
  lockedUntilMs: number;
}

export const NO_PIN_ATTEMPTS: Readonly<PinAttempts> = { failures: 0, lockedUntilMs: 0 };

/** Milliseconds until the PIN can be tried again; 0 when it can be now. */
export function lockoutRemainingMs(attempts: PinAttempts, nowMs: number): number {
  return Math.max(0, attempts.lockedUntilMs - nowMs);
}

/** Records a wrong entry at `nowMs`, starting or lengthening the wait once the free ones are used. */
export function recordWrongPin(attempts: PinAttempts, nowMs: number): PinAttempts {
  const failures = attempts.failures + 1;
  if (failures < FREE_PIN_ATTEMPTS) return { failures, lockedUntilMs: 0 };
  const waitMs = Math.min(MAX_PIN_LOCKOUT_MS, FIRST_PIN_LOCKOUT_MS * 2 ** (failures - FREE_PIN_ATTEMPTS));
  return { failures, lockedUntilMs: nowMs + waitMs };
}

/** Words the wait for the associate, rounded up to whole seconds or minutes. */
export function describePinLockout(remainingMs: number): string {
  const seconds = Math.ceil(remainingMs / 1000);
  const wait = seconds <= 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return `Too many wrong admin PINs. Try again in ${wait}, or ask a store administrator.`;
}

/** Reads stored attempts, or none for a missing or malformed value. */
export function readPinAttempts(value: unknown): PinAttempts {
  if (typeof value !== 'object' || value === null) return { ...NO_PIN_ATTEMPTS };
  const { failures, lockedUntilMs } = value as Record<string, unknown>;
  const isCount = typeof failures === 'number' && Number.isInteger(failures) && failures >= 0;
  const isTime = typeof lockedUntilMs === 'number' && Number.isFinite(lockedUntilMs) && lockedUntilMs >= 0;
  return isCount && isTime ? { failures, lockedUntilMs } : { ...NO_PIN_ATTEMPTS };
}
