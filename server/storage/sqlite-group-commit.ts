import type { Database } from 'better-sqlite3';

/** Runs write work in shared transactions and settles each caller once its transaction is committed. */
export type GroupCommit = <T>(work: () => T) => Promise<T>;

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Pending {
  work: () => unknown;
  resolve: (value: any) => void;
  reject: (error: unknown) => void;
}

/**
 * Creates a group commit on `db`: the work queued during one turn of the event loop runs in
 * one IMMEDIATE transaction, each piece in a savepoint of its own, and is committed with one
 * sync of the WAL. With `synchronous = FULL` that sync is most of an order's cost, so
 * devices that send at the same time share it.
 *
 * The contract is the one of a transaction per piece. Pieces run one after the other, so
 * each reads what the earlier ones wrote. A piece that throws is rolled back alone, and its
 * caller gets the error. No caller's promise resolves before the COMMIT that made its
 * writes durable has returned, and when the COMMIT fails, every caller of the batch gets its error.
 */
export function createGroupCommit(db: Database): GroupCommit {
  let queue: Pending[] = [];

  // Called inside the outer transaction, a better-sqlite3 transaction function uses a savepoint.
  const runPiece = db.transaction((work: () => unknown) => work());

  const runBatch = db.transaction((batch: Pending[]): Settled[] => {
    const settled: Settled[] = [];
    for (const pending of batch) {
      try {
        settled.push({ ok: true, value: runPiece(pending.work) });
      } catch (error) {
        settled.push({ ok: false, error });
      }
      // Some errors (a full disk, an I/O error) make SQLite roll back the whole transaction.
      // The pieces before were then undone too, so the batch fails as a whole.
      const last = settled.at(-1);
      if (!db.inTransaction) {
        throw new Error('SQLite rolled back the whole group transaction after an error, so no write of this batch was stored.', {
          cause: last?.ok === false ? last.error : undefined,
        });
      }
    }
    return settled;
  });

  const flush = (): void => {
    const batch = queue;
    queue = [];
    let settled: Settled[];
    try {
      settled = runBatch.immediate(batch);
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, index) => {
      const outcome = settled[index]!;
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
  };

  return <T>(work: () => T): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (queue.length === 0) setImmediate(flush);
      queue.push({ work, resolve, reject });
    });
}
