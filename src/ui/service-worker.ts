import { Workbox } from 'workbox-window';
import { log } from '../sync/log.ts';

/**
 * Registers the service worker that precaches the app shell. Skipped in development,
 * where Vite serves modules that are not in any precache manifest.
 */
export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const workbox = new Workbox('/sw.js', { scope: '/' });
  try {
    await workbox.register();
  } catch (error) {
    // The app still works online without a service worker; it only cannot open offline.
    log.error('service worker registration failed', error);
  }
}
