// The kiosk actions that need the admin PIN: setting it, switching kiosk mode on, and
// leaving it. Switching it on needs an admin PIN to be set, and leaving it or changing the
// PIN needs that PIN.

import { describeIdleSeconds, parseIdleSeconds } from '../../domain/kiosk-idle.ts';
import { checkNewPin, hashPin, verifyPin } from '../../domain/kiosk-pin.ts';
import {
  describePinLockout,
  lockoutRemainingMs,
  NO_PIN_ATTEMPTS,
  readPinAttempts,
  recordWrongPin,
  type PinAttempts,
} from '../../domain/kiosk-pin-attempts.ts';
import { showNotice } from '../notice.ts';
import { kioskSettings, persistKioskSettings as persist } from './kiosk-state.ts';

const WRONG_PIN_MESSAGE = 'The admin PIN entered is wrong. Type it again, or ask a store administrator for it.';

/** Whether an action succeeded; a failed one has shown its message already. */
export type KioskActionResult = boolean;

// Kept in localStorage, so that a reload does not give a shopper fresh attempts.
const PIN_ATTEMPTS_KEY = 'serial-capture.kiosk-pin-attempts';

function loadPinAttempts(): PinAttempts {
  try {
    return readPinAttempts(JSON.parse(localStorage.getItem(PIN_ATTEMPTS_KEY) ?? 'null'));
  } catch {
    // Blocked storage or a hand-edited entry: no attempts are known.
    return { ...NO_PIN_ATTEMPTS };
  }
}

function savePinAttempts(attempts: PinAttempts): void {
  try {
    localStorage.setItem(PIN_ATTEMPTS_KEY, JSON.stringify(attempts));
  } catch {
    // The wait then lasts only while this page is open, which still slows guessing.
  }
}

let pinAttempts = loadPinAttempts();

async function checkCurrentPin(pin: string): Promise<boolean> {
  const stored = kioskSettings.value.pin;
  if (stored === undefined) return true;
  const waitMs = lockoutRemainingMs(pinAttempts, Date.now());
  if (waitMs > 0) {
    showNotice({ tone: 'error', text: describePinLockout(waitMs) });
    return false;
  }
  if (pin.trim() === '') {
    showNotice({ tone: 'error', text: 'The admin PIN is missing. Type the admin PIN set on this device.' });
    return false;
  }
  if (!(await verifyPin(pin, stored))) {
    pinAttempts = recordWrongPin(pinAttempts, Date.now());
    savePinAttempts(pinAttempts);
    const lockedMs = lockoutRemainingMs(pinAttempts, Date.now());
    showNotice({ tone: 'error', text: lockedMs > 0 ? describePinLockout(lockedMs) : WRONG_PIN_MESSAGE });
    return false;
  }
  if (pinAttempts.failures > 0) {
    pinAttempts = { ...NO_PIN_ATTEMPTS };
    savePinAttempts(pinAttempts);
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
  // Settings is behind the PIN in kiosk mode, so staying on it would show the PIN screen.
  location.hash = '#/checkout';
  showNotice({
    tone: 'success',
    text: `Kiosk mode is on. After ${describeIdleSeconds(idle.seconds)} without input, an open cart is parked.`,
  });
  return true;
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

/**
 * Checks the admin PIN before a step a shopper must not take in kiosk mode, such as
 * discarding a parked cart with its serials. Shows the message of a missing or wrong PIN.
 */
export async function confirmWithAdminPin(pin: string): Promise<KioskActionResult> {
  if (pin.trim() === '') {
    showNotice({ tone: 'error', text: 'The admin PIN is missing. In kiosk mode, type the admin PIN to discard a parked cart.' });
    return false;
  }
  return checkCurrentPin(pin);
}
