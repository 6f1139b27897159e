import type { Services } from './services.ts';

// A guess: a sync run that pushes a few sales ends well within this. A longer run, such as
// a large catalog download, is safe to cut, because it resumes from its cursor.
const SYNC_SETTLE_MAX_MS = 10_000;

/**
 * Resolves once every IndexedDB write this tab has started has committed, after the sync
 * run in progress has ended or SYNC_SETTLE_MAX_MS has passed. A reload after that cuts no
 * capture.
 */
export async function writesSettled({ db, engine }: Pick<Services, 'db' | 'engine'>): Promise<void> {
  await new Promise<void>((resolve) => {
    let finished = false;
    let unsubscribe: (() => void) | undefined;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      unsubscribe?.();
      resolve();
    };
    const timer = setTimeout(finish, SYNC_SETTLE_MAX_MS);
    // `subscribe` calls back at once with the current status, so this can finish before it returns.
    unsubscribe = engine.status.subscribe((status) => {
      if (!status.syncing) finish();
    });
    if (finished) unsubscribe();
  });
  // Read-write transactions whose stores overlap run in the order they were created, so an
  // empty one over every store completes only after all earlier writes have committed.
  const tx = db.transaction(Array.from(db.objectStoreNames), 'readwrite', { durability: 'strict' });
  await tx.done;
}
