import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` in one transaction on a pooled connection: COMMIT when it resolves, ROLLBACK
 * when it throws. A connection whose ROLLBACK fails is dropped from the pool, not reused.
 */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return runTransaction(pool, 'BEGIN', work);
}

/**
 * Runs `work` as withTransaction does, after taking the advisory locks of `names` as
 * lockNames does. BEGIN and the locks go to the server as one message, which saves a round
 * trip. The keys are 64-bit integers computed here, so writing them into the SQL text is safe.
 */
export async function withLockedTransaction<T>(
  pool: Pool,
  names: Iterable<string>,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const keys = sortedLockKeys(names);
  const begin =
    keys.length === 0
      ? 'BEGIN'
      : `BEGIN; SELECT pg_advisory_xact_lock(k) FROM unnest('{${keys.join(',')}}'::bigint[]) AS k ORDER BY k`;
  return runTransaction(pool, begin, work);
}

async function runTransaction<T>(pool: Pool, begin: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    // Without parameters, pg sends this as a simple query, which may hold several statements.
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/**
 * Takes transaction-scoped advisory locks on the given names, so that every server process
 * on this database that writes the same order, pick list or serial waits for the other's
 * commit and then reads it. Names hash to 64-bit keys; a collision only makes two unrelated
 * writes wait for each other. Keys are locked in ascending order, so two transactions that
 * each call this once never wait on each other in a circle. Every caller calls it once per
 * transaction; a second call could take a lower key after a higher one.
 */
export async function lockNames(client: PoolClient, names: Iterable<string>): Promise<void> {
  const keys = sortedLockKeys(names);
  if (keys.length === 0) return;
  // PostgreSQL evaluates the volatile lock function after the ORDER BY sort, so the locks
  // are taken in key order within this one statement.
  await client.query('SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k ORDER BY k', [
    keys.map(String),
  ]);
}

function sortedLockKeys(names: Iterable<string>): bigint[] {
  return [...new Set([...names].map(lockKeyOf))].sort(compareKeys);
}

function compareKeys(a: bigint, b: bigint): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function lockKeyOf(name: string): bigint {
  return createHash('sha256').update(name, 'utf8').digest().readBigInt64BE(0);
}
