// Kiosk mode on this device, and the actions that change it. Switching it on needs an
// admin PIN to be set, and leaving it or changing the PIN needs that PIN.

import { computed, signal } from '@preact/signals';
import { describeIdleSeconds, parseIdleSeconds } from '../../domain/kiosk-idle.ts';
import { checkNewPin, hashPin, verifyPin } from '../../domain/kiosk-pin.ts';
import { loadKioskSettings, saveKioskSettings, type KioskSettings } from '../../storage/kiosk-settings-store.ts';
import { showNotice } from '../notice.ts';

export const kioskSettings = signal<KioskSettings>(loadKioskSettings());

/** Whether the device is in kiosk mode now. */
export const kioskActive = computed(() => kioskSettings.value.enabled);

/**
 * Increases each time the idle timer returns the screen to a clean start. The app keys the
 * checkout screen on it, so that half-typed text and an open camera go too.
 */
export const kioskResetCount = signal(0);

const WRONG_PIN_MESSAGE = 'The admin PIN entered is wrong. Type it again, or ask a store administrator for it.';

/** Whether an action succeeded; a failed one has shown its message already. */
export type KioskActionResult = boolean;

function persist(next: KioskSettings): boolean {
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

async function checkCurrentPin(pin: string): Promise<boolean> {
  const stored = kioskSettings.value.pin;
  if (stored === undefined) return true;
  if (pin.trim() === '') {
    showNotice({ tone: 'error', text: 'The admin PIN is missing. Type the admin PIN set on this device.' });
    return false;
  }
  if (!(await verifyPin(pin, stored))) {
    showNotice({ tone: 'error', text: WRONG_PIN_MESSAGE });
    return false;
  }
  return true;
}

/** Sets or changes the admin PIN. Changing it needs the current PIN. */
export async function setAdminPin(currentPin: string, newPin: string, repeated: string): Promise<KioskActionResult> {
  const check = checkNewPin(newPin, repeated);
  if (!check.ok) {
    showNotice({ tone: 'error', text: check.message });
    return false;
  }
  const hadPin = kioskSettings.value.pin !== undefined;
  if (!(await checkCurrentPin(currentPin))) return false;
  const pin = await hashPin(check.pin);
  if (!persist({ ...kioskSettings.value, pin })) return false;
  showNotice({ tone: 'success', text: hadPin ? 'Admin PIN changed.' : 'Admin PIN set. Kiosk mode can now be switched on.' });
  return true;
}

/** Switches kiosk mode on with the idle time typed in Settings, after checking the admin PIN. */
export async function switchKioskOn(pin: string, idleText: string): Promise<KioskActionResult> {
  if (kioskSettings.value.pin === undefined) {
    showNotice({ tone: 'error', text: 'Set an admin PIN before switching kiosk mode on, so that kiosk mode can be left again.' });
    return false;
  }
  const idle = parseIdleSeconds(idleText);
  if (!idle.ok) {
    showNotice({ tone: 'error', text: idle.message });
    return false;
  }
  if (!(await checkCurrentPin(pin))) return false;
  if (!persist({ ...kioskSettings.value, enabled: true, idleSeconds: idle.seconds })) return false;
  showNotice({
    tone: 'success',
    text: `Kiosk mode is on. After ${describeIdleSeconds(idle.seconds)} without input, an open cart is parked.`,
  });
  return true;
}

/** Switches kiosk mode on from the URL switch, with the idle time saved before. Needs a PIN to be set. */
export function switchKioskOnFromUrl(): KioskActionResult {
  if (kioskSettings.value.enabled) return true;
  if (kioskSettings.value.pin === undefined) {
    showNotice({
      tone: 'error',
      text: 'The link asks for kiosk mode, but no admin PIN is set on this device. Set one in Settings, then open the link again.',
    });
    return false;
  }
  return persist({ ...kioskSettings.value, enabled: true });
}

/** Leaves kiosk mode after checking the admin PIN. */
export async function leaveKiosk(pin: string): Promise<KioskActionResult> {
  if (pin.trim() === '') {
    showNotice({ tone: 'error', text: 'The admin PIN is missing. Type the admin PIN to leave kiosk mode.' });
    return false;
  }
  if (!(await checkCurrentPin(pin))) return false;
  if (!persist({ ...kioskSettings.value, enabled: false })) return false;
  if (document.fullscreenElement !== null) {
    document.exitFullscreen().catch(() => {
      // The browser left full screen already, so there is nothing to undo.
    });
  }
  showNotice({ tone: 'success', text: 'Kiosk mode is off.' });
  return true;
}
