/** The rate limiter's decision on one request. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterS: number };

export interface RateLimitOptions {
  /** Requests one key may send at once after a quiet spell. */
  burst: number;
  /** Requests per second a key earns back, up to `burst`. */
  refillPerSecond: number;
  /** Clock in milliseconds, replaceable in tests. */
  now?: () => number;
}

export interface RateLimiter {
  /** Takes one request's allowance from `key`'s bucket, or returns how long to wait. */
  take(key: string): RateDecision;
}

// Above this many keys, full buckets are dropped: a full bucket is what a new key gets anyway.
const TRACKED_KEYS_PRUNE_AT = 10_000;

/**
 * Creates a token-bucket limiter held in this process's memory. Behind a load balancer
 * each server process keeps its own buckets, so a key may send up to the limit to each.
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; updatedMs: number }>();

  const refill = (bucket: { tokens: number; updatedMs: number }, atMs: number): void => {
    const earned = ((atMs - bucket.updatedMs) / 1000) * options.refillPerSecond;
    bucket.tokens = Math.min(options.burst, bucket.tokens + earned);
    bucket.updatedMs = atMs;
  };

  const prune = (atMs: number): void => {
    for (const [key, bucket] of buckets) {
      refill(bucket, atMs);
      if (bucket.tokens >= options.burst) buckets.delete(key);
    }
  };

  return {
    take(key) {
      const atMs = now();
      let bucket = buckets.get(key);
      if (bucket === undefined) {
        if (buckets.size >= TRACKED_KEYS_PRUNE_AT) prune(atMs);
        bucket = { tokens: options.burst, updatedMs: atMs };
        buckets.set(key, bucket);
      } else {
        refill(bucket, atMs);
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterS: Math.max(1, Math.ceil((1 - bucket.tokens) / options.refillPerSecond)) };
    },
  };
}
