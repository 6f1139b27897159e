/// <reference lib="webworker" />
// Background Sync in the service worker. A page registers the outbox tag while captures
// wait, and the browser fires it here once it is online, with or without a page of the
// app open. The worker then pushes the outbox itself. Afterwards it posts a message that
// makes the open pages sync, so they show the outbox as it is now.

import { OUTBOX_SYNC_TAG, SYNC_REQUESTED_MESSAGE } from '../sync/background-sync-tag.ts';
import { openCurrentDeviceDb, pushOutboxFromWorker, type WorkerPushOutcome } from '../sync/worker-push.ts';

declare const self: ServiceWorkerGlobalScope;

/** The `sync` event of Background Sync, which TypeScript's worker library does not define. */
export interface SyncEventLike extends ExtendableEvent {
  readonly tag: string;
}

/**
 * Pushes the outbox when `event` is the outbox tag. The event fails, so that the browser
 * fires it again later, when the server failed or could not be reached, storage failed,
 * or a page kept the sync lock too long (the `retry` outcome of worker-push.ts). A
 * rejected device token, or entries rejected one by one, end it normally.
 *
 * NOTE: Chromium retries a failed sync event after 5 and then 15 minutes and drops the
 * tag after the third failure. Captures then wait for a page, which registers the tag
 * again when a sync of its own fails while offline.
 */
export function syncOutboxInBackground(event: SyncEventLike): void {
  if (event.tag !== OUTBOX_SYNC_TAG) {
    return;
  }
  event.waitUntil(pushAndTellPages());
}

async function pushAndTellPages(): Promise<void> {
  let outcome: WorkerPushOutcome;
  try {
    outcome = await pushOutboxFromWorker({
      openDb: () => openCurrentDeviceDb(),
      locks: self.navigator.locks,
      baseUrl: self.location.origin,
    });
  } finally {
    const pages = await self.clients.matchAll({ type: 'window' });
    for (const page of pages) {
      page.postMessage({ type: SYNC_REQUESTED_MESSAGE });
    }
  }
  if (outcome.kind === 'retry') {
    throw new Error(`Background sync of the outbox failed, and the browser retries it later: ${outcome.message}`);
  }
}
