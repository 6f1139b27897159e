// Whether this tab has a sale or pick open, for code outside the screens that must not cut
// one: the database waits for it before it closes for a newer version in another tab.

import { signal } from '@preact/signals';

/** True while a sale with lines, or a pick list with progress, is open in this tab. */
export const workOpenInTab = signal(false);

/** Resolves as soon as no sale or pick is open in this tab. */
export function whenNoWorkOpen(): Promise<void> {
  return new Promise((resolve) => {
    const stop = workOpenInTab.subscribe((open) => {
      if (open) return;
      // subscribe calls back at once, before `stop` is assigned, so the unsubscribe waits a tick.
      queueMicrotask(() => stop());
      resolve();
    });
  });
}
