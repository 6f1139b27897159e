// Kiosk mode on this device. The actions that need the admin PIN are in kiosk-actions.ts,
// which loads with the screens that use them, not with the app's first script.

import { computed, signal } from '@preact/signals';
import { loadKioskSettings, saveKioskSettings, type KioskSettings } from '../../storage/kiosk-settings-store.ts';
import { showNotice } from '../notice.ts';
import type { Screen } from '../route.ts';

export const kioskSettings = signal<KioskSettings>(loadKioskSettings());

/** Whether the device is in kiosk mode now. */
export const kioskActive = computed(() => kioskSettings.value.enabled);

/**
 * Tests whether `screen` needs the admin PIN in kiosk mode. A shopper may use a kiosk
 * device, so only Checkout is open: Picking shows and completes customers' orders, and
 * Sync, Settings and pairing can unpair the device. A screen added later is guarded too.
 */
export function isStaffScreen(screen: Screen): boolean {
  return screen !== 'checkout';
}

/**
 * Increases each time the idle timer returns the screen to a clean start. The app keys the
 * checkout screen on it, so that half-typed text and an open camera go too.
 */
export const kioskResetCount = signal(0);

/** Saves `next` and makes it the state in force; shows a message and returns false when it cannot be saved. */
export function persistKioskSettings(next: KioskSettings): boolean {
  try {
    saveKioskSettings(next);
  } catch (error) {
    const name = error instanceof Error ? error.name : String(error);
    showNotice({
      tone: 'error',
      text: `The kiosk setting could not be saved on this device (${name}). Check the browser's storage settings and try again.`,
    });
    return false;
  }
  kioskSettings.value = next;
  return true;
}

/** Switches kiosk mode on from the URL switch, with the idle time saved before. Needs a PIN to be set; false when it fails. */
export function switchKioskOnFromUrl(): boolean {
  if (kioskSettings.value.enabled) return true;
  if (kioskSettings.value.pin === undefined) {
    showNotice({
      tone: 'error',
      text: 'The link asks for kiosk mode, but no admin PIN is set on this device. Set one in Settings, then open the link again.',
    });
    return false;
  }
  return persistKioskSettings({ ...kioskSettings.value, enabled: true });
}
