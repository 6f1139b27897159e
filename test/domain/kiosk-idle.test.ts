import { describe, expect, it } from 'vitest';
import {
  DEFAULT_KIOSK_IDLE_SECONDS,
  describeIdleSeconds,
  idleDeadlineMs,
  isIdle,
  MAX_KIOSK_IDLE_SECONDS,
  MIN_KIOSK_IDLE_SECONDS,
  parseIdleSeconds,
} from '../../src/domain/kiosk-idle.ts';

describe('idleDeadlineMs', () => {
  it('adds the idle time in milliseconds', () => {
    expect(idleDeadlineMs(1_000, 30)).toBe(31_000);
  });
});

describe('isIdle', () => {
  it('is false before the deadline', () => {
    expect(isIdle(30_999, 1_000, 30)).toBe(false);
  });

  it('is true at the deadline', () => {
    expect(isIdle(31_000, 1_000, 30)).toBe(true);
  });

  it('is true after the deadline', () => {
    expect(isIdle(90_000, 1_000, 30)).toBe(true);
  });
});

describe('parseIdleSeconds', () => {
  it('accepts the default', () => {
    expect(parseIdleSeconds(String(DEFAULT_KIOSK_IDLE_SECONDS))).toEqual({ ok: true, seconds: DEFAULT_KIOSK_IDLE_SECONDS });
  });

  it('accepts both limits', () => {
    expect(parseIdleSeconds(String(MIN_KIOSK_IDLE_SECONDS))).toEqual({ ok: true, seconds: MIN_KIOSK_IDLE_SECONDS });
    expect(parseIdleSeconds(String(MAX_KIOSK_IDLE_SECONDS))).toEqual({ ok: true, seconds: MAX_KIOSK_IDLE_SECONDS });
  });

  it('trims surrounding spaces', () => {
    expect(parseIdleSeconds(' 45 ')).toEqual({ ok: true, seconds: 45 });
  });

  it.each(['', 'abc', '4', '3601', '12.5', '-10'])('rejects %j', (text) => {
    const result = parseIdleSeconds(text);
    expect(result.ok).toBe(false);
  });

  it('names the value and the range', () => {
    const result = parseIdleSeconds('3601');
    expect(result).toEqual({ ok: false, message: expect.stringContaining('"3601"') });
    expect(result.ok ? '' : result.message).toContain(`${MIN_KIOSK_IDLE_SECONDS} to ${MAX_KIOSK_IDLE_SECONDS}`);
  });
});

describe('describeIdleSeconds', () => {
  it.each([
    [1, '1 second'],
    [45, '45 seconds'],
    [60, '1 minute'],
    [120, '2 minutes'],
    [90, '1 minute 30 seconds'],
  ])('describes %i', (seconds, text) => {
    expect(describeIdleSeconds(seconds)).toBe(text);
  });
});
