// The in-app Install button. Chromium-based browsers fire `beforeinstallprompt` when the
// app can be installed. The event is kept so that the button can show the browser's own
// prompt later. Browsers without the event (Safari, Firefox) get no button.

import { signal } from '@preact/signals';
import { showNotice } from './notice.ts';

/** The non-standard event Chromium fires when it would offer to install the app. */
export interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<unknown>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed'; platform: string }>;
}

function runsInstalled(): boolean {
  return ['standalone', 'fullscreen'].some((mode) => window.matchMedia(`(display-mode: ${mode})`).matches);
}

/** The kept install event, or null when the browser offers no install now. */
export const installEvent = signal<BeforeInstallPromptEvent | null>(null);
/** Whether the app runs as an installed app, or was installed from this page. */
export const installed = signal(runsInstalled());

window.addEventListener('beforeinstallprompt', (event) => {
  // Stops Chromium's own mini-infobar on phones, so the offer comes from the app's button.
  event.preventDefault();
  installEvent.value = event as BeforeInstallPromptEvent;
});

window.addEventListener('appinstalled', () => {
  installed.value = true;
  installEvent.value = null;
});

for (const mode of ['standalone', 'fullscreen']) {
  window.matchMedia(`(display-mode: ${mode})`).addEventListener('change', () => {
    installed.value = runsInstalled();
  });
}

async function install(event: BeforeInstallPromptEvent): Promise<void> {
  // An event can show its prompt once only; Chromium fires a new one if it can offer again.
  installEvent.value = null;
  try {
    await event.prompt();
    const choice = await event.userChoice;
    if (choice.outcome === 'accepted') {
      showNotice({ tone: 'success', text: 'Serial Capture is being installed. Open it from the home screen or app list.' });
    } else {
      showNotice({ tone: 'info', text: 'Installation cancelled. The Install button comes back when the browser offers it again.' });
    }
  } catch (error) {
    const name = error instanceof Error ? error.name : String(error);
    showNotice({ tone: 'error', text: `The browser could not show its install prompt (${name}). Install from the browser menu instead.` });
  }
}

/** Renders the Install button, only while the browser offers to install and the app is not installed. */
export function InstallPrompt() {
  const event = installEvent.value;
  if (event === null || installed.value) return null;
  return (
    <button type="button" class="install-button" id="install-app" onClick={() => void install(event)}>
      Install app
    </button>
  );
}
