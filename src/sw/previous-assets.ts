/// <reference lib="webworker" />
// Files of the previous app version, kept for tabs that still run it.
//
// When a new version activates, Workbox deletes the old version's files from the precache,
// and the server only has the new ones. A tab that still runs the old code (it waits for
// its open sale to end before it reloads) would then fail to load a chunk it has not loaded
// yet, such as the camera scanner. So the old files are copied aside at install, served to
// such tabs, and dropped once every tab runs a script of the current version.
import { cacheNames } from 'workbox-core';
import { getCacheKeyForURL } from 'workbox-precaching';

declare const self: ServiceWorkerGlobalScope;

export const PREVIOUS_ASSETS_CACHE = 'serial-capture-previous-assets';

// Vite puts every hashed build file under /assets/, so these are the files a tab loads later.
const ASSETS_PATH_PREFIX = '/assets/';

/** Main script of each tab, by client id, as the tabs reported it. */
const tabScripts = new Map<string, string>();

/** Tests whether a same-origin request is for a build file under /assets/. */
export function isAssetRequest({ url, request }: { url: URL; request: Request }): boolean {
  return request.method === 'GET' && url.origin === self.location.origin && url.pathname.startsWith(ASSETS_PATH_PREFIX);
}

/**
 * Copies the build files that are precached now, while the old version is still active,
 * and that the installing version does not list, into PREVIOUS_ASSETS_CACHE. Files kept
 * from versions before stay, because a tab may still run one of them.
 */
export async function keepPreviousAssets(): Promise<void> {
  const precache = await caches.open(cacheNames.precache);
  const previous = await caches.open(PREVIOUS_ASSETS_CACHE);
  for (const request of await precache.keys()) {
    const url = new URL(request.url);
    // Precache keys can carry a revision parameter, but tabs request the plain URL.
    const plainUrl = `${url.origin}${url.pathname}`;
    if (!url.pathname.startsWith(ASSETS_PATH_PREFIX) || getCacheKeyForURL(plainUrl) !== undefined) continue;
    const response = await precache.match(request);
    if (response !== undefined) await previous.put(plainUrl, response);
  }
}

/** Serves a build file that is not in the current precache: a kept old file, else the network. */
export async function servePreviousAsset({ request }: { request: Request }): Promise<Response> {
  const previous = await caches.match(request, { cacheName: PREVIOUS_ASSETS_CACHE, ignoreSearch: true });
  return previous ?? fetch(request);
}

/** Records which main script a tab runs, then drops the kept files if no tab needs them. */
export async function recordTabScript(clientId: string, script: string): Promise<void> {
  tabScripts.set(clientId, script);
  await dropPreviousAssetsWhenUnused();
}

/**
 * Deletes PREVIOUS_ASSETS_CACHE when every open tab has reported a script of the current
 * version. A tab that has not reported counts as old, so after a restart of this worker
 * the files stay until the tabs report again.
 */
export async function dropPreviousAssetsWhenUnused(): Promise<void> {
  const tabs = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const openIds = new Set(tabs.map((tab) => tab.id));
  for (const id of tabScripts.keys()) {
    if (!openIds.has(id)) tabScripts.delete(id);
  }
  const allCurrent = tabs.every((tab) => {
    const script = tabScripts.get(tab.id);
    return script !== undefined && getCacheKeyForURL(script) !== undefined;
  });
  if (allCurrent) await caches.delete(PREVIOUS_ASSETS_CACHE);
}
