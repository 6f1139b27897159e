import { useEffect, useState } from 'preact/hooks';
import { isRejected, listOutbox } from '../../storage/outbox-store.ts';
import type { OutboxEntry } from '../../storage/schema.ts';
import { log } from '../../sync/log.ts';
import type { Services } from '../services.ts';

/** The outbox counted as the Sync screen lists it: sales waiting, completed picks waiting, and rejected entries. */
export interface OutboxCounts {
  sales: number;
  picks: number;
  /** Entries the server rejected (a 4xx reply), sales and picks alike, which are sent again only on request. */
  rejected: number;
}

/** Counts `entries` by kind, with the rejected ones apart, so that the counts add up to the whole outbox. */
export function countOutbox(entries: readonly OutboxEntry[]): OutboxCounts {
  const counts: OutboxCounts = { sales: 0, picks: 0, rejected: 0 };
  for (const entry of entries) {
    if (isRejected(entry)) counts.rejected += 1;
    else if (entry.kind === 'order') counts.sales += 1;
    else counts.picks += 1;
  }
  return counts;
}

/**
 * Renders the outbox counts as rows of a description list, read again whenever the sync
 * status counts change. The status itself has only the total, sales and picks together.
 */
export function OutboxCountRows({ services }: { services: Services }) {
  const { db, engine } = services;
  const status = engine.status.value;
  const [counts, setCounts] = useState<OutboxCounts | undefined>(undefined);

  useEffect(() => {
    let current = true;
    listOutbox(db).then(
      (entries) => current && setCounts(countOutbox(entries)),
      (error: unknown) => log.error('counting the outbox failed', error),
    );
    return () => {
      current = false;
    };
  }, [db, status.pending, status.failed, status.syncing]);

  return (
    <>
      <dt>Sales waiting to be sent</dt>
      <dd data-pending-sales>{counts?.sales ?? '…'}</dd>
      <dt>Completed picks waiting to be sent</dt>
      <dd data-pending-picks>{counts?.picks ?? '…'}</dd>
      {counts !== undefined && counts.rejected > 0 && (
        <>
          <dt>Refused by the server</dt>
          <dd data-rejected>
            {counts.rejected}. Read why on the <a href="#/sync">Sync screen</a>.
          </dd>
        </>
      )}
    </>
  );
}
