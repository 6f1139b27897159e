/// <reference lib="webworker" />
// Background Sync in the service worker. The page registers the outbox tag while captures
// wait; the browser fires it here once it is online. The pages own the outbox push (with
// its cross-tab lock), so the worker only asks the open pages to sync. With no page open,
// the captures wait in IndexedDB until the app is opened again.

import { OUTBOX_SYNC_TAG, SYNC_REQUESTED_MESSAGE } from '../sync/background-sync-tag.ts';

declare const self: ServiceWorkerGlobalScope;

/** The `sync` event of Background Sync, which TypeScript's worker library does not define. */
export interface SyncEventLike extends ExtendableEvent {
  readonly tag: string;
}

/** Asks every open page of the app to sync now, when `event` is the outbox tag. */
export function relayBackgroundSync(event: SyncEventLike): void {
  if (event.tag !== OUTBOX_SYNC_TAG) {
    return;
  }
  event.waitUntil(
    self.clients.matchAll({ type: 'window' }).then((pages) => {
      pages.forEach((page) => page.postMessage({ type: SYNC_REQUESTED_MESSAGE }));
    }),
  );
}
