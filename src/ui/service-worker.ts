import { signal } from '@preact/signals';
import type { Workbox } from 'workbox-window';
import { log } from '../sync/log.ts';
import { notice, showNotice, type Notice } from './notice.ts';

/** The version built into the code this tab runs, shown in Settings. */
export const APP_VERSION: string = import.meta.env.VITE_APP_VERSION ?? 'development';

/**
 * The state of this tab's app update:
 * - `current`: no newer version is known;
 * - `ready`: a newer version is installed and waits until a tab applies it;
 * - `applying`: this tab asked the newer version to take over;
 * - `switched`: the newer version took over, and this tab still runs the old code until it reloads.
 */
export type UpdatePhase = 'current' | 'ready' | 'applying' | 'switched';

export const updatePhase = signal<UpdatePhase>('current');

// A guess: store tablets keep the app open for a whole shift, and an hourly look for a
// new version costs one small conditional request.
const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

// The message on screen when the tab reloads into the new version, shown again after it.
const NOTICE_AFTER_UPDATE_KEY = 'serial-capture:notice-after-update';

let activeWorkbox: Workbox | undefined;

/**
 * Registers the service worker that precaches the app shell, and follows its updates in
 * `updatePhase`. Skipped in development, where Vite serves modules that are not in any
 * precache manifest.
 */
export async function registerServiceWorker(): Promise<void> {
  showNoticeAfterUpdate();
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;

  // workbox-window is loaded on demand, as nothing needs it before the first screen shows.
  let Workbox: typeof import('workbox-window').Workbox;
  try {
    ({ Workbox } = await import('workbox-window'));
  } catch (error) {
    log.error('loading workbox-window failed, so the service worker is not registered', error);
    return;
  }
  const workbox = new Workbox('/sw.js', { scope: '/' });
  // The first install takes over a page that opened without a service worker, and it runs
  // the same code. Only a later change of controller brings a new version.
  let controlledAtStart = navigator.serviceWorker.controller !== null;
  workbox.addEventListener('waiting', () => {
    if (updatePhase.value === 'current') updatePhase.value = 'ready';
  });
  workbox.addEventListener('controlling', () => {
    if (!controlledAtStart) {
      controlledAtStart = true;
      return;
    }
    updatePhase.value = 'switched';
  });

  try {
    await workbox.register();
  } catch (error) {
    // The app still works online without a service worker; it only cannot open offline.
    log.error('service worker registration failed', error);
    return;
  }
  activeWorkbox = workbox;
  reportRunningScript();

  window.addEventListener('online', () => void checkForUpdate());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible') return;
    reportRunningScript();
    void checkForUpdate();
  });
  setInterval(() => void checkForUpdate(), UPDATE_CHECK_INTERVAL_MS);
}

/** Asks the server for a newer service worker; a new one ends in the `waiting` state. */
async function checkForUpdate(): Promise<void> {
  try {
    await activeWorkbox?.update();
  } catch (error) {
    // Offline or a server fault: the next check tries again.
    log.warn('checking for an app update failed', error);
  }
}

/**
 * Tells the service worker which main script this tab runs, so that it keeps the files of
 * an older version until no tab runs that version any more.
 */
function reportRunningScript(): void {
  navigator.serviceWorker.controller?.postMessage({ type: 'TAB_RUNNING', script: import.meta.url });
}

/**
 * Lets the waiting version take over every tab. Each tab then reloads when nothing is open
 * in it (see UpdateBanner). The caller checks first that nothing is open in this tab.
 */
export async function applyUpdate(): Promise<void> {
  const waiting = (await navigator.serviceWorker.getRegistration())?.waiting;
  if (!waiting) {
    // Another tab applied it in the meantime; its `controlling` event follows.
    return;
  }
  updatePhase.value = 'applying';
  waiting.postMessage({ type: 'SKIP_WAITING' });
}

/** Reloads this tab into the version now in control, keeping the message on screen. */
export function reloadIntoNewVersion(): void {
  try {
    sessionStorage.setItem(NOTICE_AFTER_UPDATE_KEY, JSON.stringify(notice.value ?? {}));
  } catch {
    // Without session storage the message is lost, which is no reason to stay on old code.
  }
  location.reload();
}

function showNoticeAfterUpdate(): void {
  let saved: Partial<Notice> | undefined;
  try {
    const raw = sessionStorage.getItem(NOTICE_AFTER_UPDATE_KEY);
    if (raw === null) return;
    sessionStorage.removeItem(NOTICE_AFTER_UPDATE_KEY);
    saved = JSON.parse(raw) as Partial<Notice>;
  } catch {
    return;
  }
  const updated = `Serial Capture was updated to version ${APP_VERSION}.`;
  if (typeof saved.text === 'string' && saved.tone !== undefined) {
    showNotice({ tone: saved.tone, text: `${saved.text} ${updated}` });
  } else {
    showNotice({ tone: 'info', text: updated });
  }
}
