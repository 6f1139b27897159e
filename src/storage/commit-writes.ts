/** The part of an idb transaction that committing a batch of writes needs. */
export interface WriteTransaction {
  abort(): void;
  done: Promise<void>;
}

/**
 * Queues writes through `queue` and resolves once the transaction has committed.
 *
 * A request that fails later aborts the transaction on its own, but a write that throws
 * while being queued (such as a DataCloneError) does not: the writes queued before it
 * would commit alone. So a throw aborts the transaction here before it is rethrown.
 * Rejects with the first failed request's error (such as ConstraintError), not the
 * transaction's AbortError. Callers push each write on its own: in `push(a(), b())` a
 * throw from `b()` leaves `a()` out of the list, and its rejection unhandled.
 */
export async function commitWrites(tx: WriteTransaction, queue: (writes: Promise<unknown>[]) => void): Promise<void> {
  const writes: Promise<unknown>[] = [];
  try {
    queue(writes);
  } catch (error) {
    tx.abort();
    // Settles the aborted requests so that none of them is an unhandled rejection.
    await Promise.allSettled([...writes, tx.done]);
    throw error;
  }
  await Promise.all([...writes, tx.done]);
}
