import { describe, expect, it } from 'vitest';
import { backoffDelayMs, SYNC_RETRY_BASE_MS, SYNC_RETRY_MAX_MS } from '../../src/sync/backoff.ts';

// Just below 1, so the delay is as long as the ceiling allows.
const highest = () => 0.999_999;

describe('backoffDelayMs', () => {
  it('is 0 before any failure', () => {
    expect(backoffDelayMs(0, { random: highest })).toBe(0);
  });

  it('doubles the ceiling with each failure', () => {
    const delays = [1, 2, 3, 4].map((failures) => backoffDelayMs(failures, { baseMs: 100, maxMs: 10_000, random: highest }));

    expect(delays).toEqual([99, 199, 399, 799]);
  });

  it('never exceeds the cap', () => {
    expect(backoffDelayMs(50, { baseMs: 100, maxMs: 5_000, random: highest })).toBe(4_999);
  });

  it('can be as short as 0 (full jitter)', () => {
    expect(backoffDelayMs(6, { random: () => 0 })).toBe(0);
  });

  it('stays within the default cap after many failures', () => {
    const delay = backoffDelayMs(10_000);

    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThan(SYNC_RETRY_MAX_MS);
    expect(SYNC_RETRY_BASE_MS).toBeLessThan(SYNC_RETRY_MAX_MS);
  });
});
