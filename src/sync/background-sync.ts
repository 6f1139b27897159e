// Background Sync from the page. Where the browser has it (Chromium), the page registers a
// tag when a sync fails while offline with captures waiting. The browser fires the tag in
// the service worker once the connection returns, even with every page of the app closed,
// and the worker pushes the outbox itself (worker-push.ts). It then posts a message that
// makes the open pages sync, so they show the outbox as it is now. Where the browser has no Background Sync
// (Safari, Firefox), the sync engine's own timer and the `online` event retry, so nothing
// depends on it.

import { OUTBOX_SYNC_TAG, SYNC_REQUESTED_MESSAGE } from './background-sync-tag.ts';

/** What the sync engine needs of Background Sync; injectable for tests. */
export interface BackgroundSyncHooks {
  /** Asks the browser to fire the outbox tag when it is online. Resolves false where the browser has no Background Sync. */
  register(): Promise<boolean>;
  /** Calls `listener` whenever the service worker requests a sync from the pages. Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

// Background Sync is not in TypeScript's DOM library.
interface SyncManagerLike {
  register(tag: string): Promise<void>;
}

/** Returns the browser's Background Sync hooks, or null where the page has no service worker API. */
export function browserBackgroundSync(): BackgroundSyncHooks | null {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) {
    return null;
  }
  const container = navigator.serviceWorker;
  return {
    async register() {
      const registration = await container.getRegistration();
      const sync = (registration as (ServiceWorkerRegistration & { sync?: SyncManagerLike }) | undefined)?.sync;
      if (sync === undefined) {
        return false;
      }
      await sync.register(OUTBOX_SYNC_TAG);
      return true;
    },
    subscribe(listener) {
      const onMessage = (event: MessageEvent) => {
        if ((event.data as { type?: unknown } | null)?.type === SYNC_REQUESTED_MESSAGE) {
          listener();
        }
      };
      container.addEventListener('message', onMessage);
      return () => container.removeEventListener('message', onMessage);
    },
  };
}
