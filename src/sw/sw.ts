/// <reference lib="webworker" />
// The service worker precaches the app shell so the app opens with no network, and
// serves index.html for every navigation, so deep links open offline too. When the
// browser fires the outbox's Background Sync tag, it pushes the outbox itself.
// It imports no page or DOM code.
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import {
  dropPreviousAssetsWhenUnused,
  isAssetRequest,
  keepPreviousAssets,
  recordTabScript,
  servePreviousAsset,
} from './previous-assets.ts';
import { syncOutboxInBackground, type SyncEventLike } from './sync-outbox-in-background.ts';

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// API calls have no route here, so they always go to the network: the page keeps its
// data in IndexedDB and must see a failed request as offline, never a stale cached reply.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));

// Registered after the precache route, so it only sees build files of older versions,
// which tabs that have not reloaded yet may still ask for.
registerRoute(isAssetRequest, servePreviousAsset);
self.addEventListener('install', (event) => event.waitUntil(keepPreviousAssets()));
self.addEventListener('activate', (event) => event.waitUntil(dropPreviousAssetsWhenUnused()));

// The `sync` event is missing from the worker's event map, so its type is given here.
self.addEventListener('sync', (event) => syncOutboxInBackground(event as SyncEventLike));

// The first install takes control of the open page at once, so that a device that
// visited once can go offline straight away. Later versions wait for the page to ask.
clientsClaim();

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
  if (event.data?.type === 'TAB_RUNNING' && event.source instanceof WindowClient && typeof event.data.script === 'string') {
    event.waitUntil(recordTabScript(event.source.id, event.data.script));
  }
});
