/// <reference lib="webworker" />
// The service worker precaches the app shell so the app opens with no network, and
// serves index.html for every navigation, so deep links open offline too.
// It imports no page or DOM code.
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// API calls have no route here, so they always go to the network: the page keeps its
// data in IndexedDB and must see a failed request as offline, never a stale cached reply.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));

// The first install takes control of the open page at once, so that a device that
// visited once can go offline straight away. Later versions wait for the page to ask.
clientsClaim();

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
