import { describe, expect, it } from 'vitest';
import {
  describePinLockout,
  FIRST_PIN_LOCKOUT_MS,
  FREE_PIN_ATTEMPTS,
  lockoutRemainingMs,
  MAX_PIN_LOCKOUT_MS,
  NO_PIN_ATTEMPTS,
  readPinAttempts,
  recordWrongPin,
  type PinAttempts,
} from '../../src/domain/kiosk-pin-attempts.ts';

const NOW_MS = 1_800_000_000_000;

function wrongEntries(count: number): PinAttempts {
  let attempts: PinAttempts = { ...NO_PIN_ATTEMPTS };
  for (let i = 0; i < count; i += 1) attempts = recordWrongPin(attempts, NOW_MS);
  return attempts;
}

describe('recordWrongPin', () => {
  it('allows the free attempts without a wait', () => {
    expect(lockoutRemainingMs(wrongEntries(FREE_PIN_ATTEMPTS - 1), NOW_MS)).toBe(0);
  });

  it('locks after the free attempts', () => {
    expect(lockoutRemainingMs(wrongEntries(FREE_PIN_ATTEMPTS), NOW_MS)).toBe(FIRST_PIN_LOCKOUT_MS);
  });

  it('doubles the wait for each further entry', () => {
    expect(lockoutRemainingMs(wrongEntries(FREE_PIN_ATTEMPTS + 2), NOW_MS)).toBe(FIRST_PIN_LOCKOUT_MS * 4);
  });

  it('caps the wait', () => {
    expect(lockoutRemainingMs(wrongEntries(FREE_PIN_ATTEMPTS + 20), NOW_MS)).toBe(MAX_PIN_LOCKOUT_MS);
  });

  it('ends the wait when its time has passed', () => {
    expect(lockoutRemainingMs(wrongEntries(FREE_PIN_ATTEMPTS), NOW_MS + FIRST_PIN_LOCKOUT_MS)).toBe(0);
  });
});

describe('describePinLockout', () => {
  it('counts seconds for a short wait', () => {
    expect(describePinLockout(29_100)).toContain('Try again in 30 seconds');
  });

  it('counts minutes for a long wait', () => {
    expect(describePinLockout(4 * 60_000)).toContain('Try again in 4 minutes');
  });
});

describe('readPinAttempts', () => {
  it('reads stored attempts', () => {
    expect(readPinAttempts({ failures: 6, lockedUntilMs: NOW_MS })).toEqual({ failures: 6, lockedUntilMs: NOW_MS });
  });

  it('reads a malformed value as none', () => {
    expect(readPinAttempts({ failures: -1, lockedUntilMs: 'soon' })).toEqual(NO_PIN_ATTEMPTS);
  });
});
