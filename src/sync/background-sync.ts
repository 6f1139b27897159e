// Background Sync from the page. Where the browser has it (Chromium), the page registers a
// tag when a sync fails while offline with captures waiting, and the browser fires it in
// the service worker once the connection returns, which asks the open pages to sync. Where it does not (Safari, Firefox), the
// sync engine's own timer and the `online` event retry, so nothing depends on it.

import { OUTBOX_SYNC_TAG, SYNC_REQUESTED_MESSAGE } from './background-sync-tag.ts';

/** What the sync engine needs of Background Sync; injectable for tests. */
export interface BackgroundSyncHooks {
  /** Asks the browser to fire the outbox tag when it is online. Resolves false where the browser has no Background Sync. */
  register(): Promise<boolean>;
  /** Calls `listener` whenever the service worker relays the tag. Returns the unsubscribe function. */
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
