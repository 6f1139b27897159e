// How long the sync waits before trying again after a failed run: exponential backoff
// with full jitter and a cap. Full jitter spreads the retries of many tablets, so that a
// server coming back after an outage is not hit by every store at the same second.

/** First retry ceiling. A guess: short enough that a dropped reply is resent within a second or two. */
export const SYNC_RETRY_BASE_MS = 1_000;

/**
 * Longest wait between retries. A guess: a tablet trying once a minute costs the server
 * little, and an associate never waits more than a minute after the server recovers.
 */
export const SYNC_RETRY_MAX_MS = 60_000;

export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  /** Returns a number in [0, 1); tests pass their own. */
  random?: () => number;
}

/**
 * Returns the wait before the next try after `failures` failed runs in a row (1 for the
 * first): a random time from 0 up to `baseMs * 2^(failures - 1)`, never above `maxMs`.
 * Returns 0 for 0 failures or fewer.
 */
export function backoffDelayMs(failures: number, options: BackoffOptions = {}): number {
  if (failures <= 0) {
    return 0;
  }
  const baseMs = options.baseMs ?? SYNC_RETRY_BASE_MS;
  const maxMs = options.maxMs ?? SYNC_RETRY_MAX_MS;
  const random = options.random ?? Math.random;
  // Above 2^30 the ceiling is far past any sane cap, and the power would lose precision.
  const ceilingMs = Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 30));
  return Math.floor(random() * ceilingMs);
}
