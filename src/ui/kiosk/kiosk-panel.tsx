import { useState } from 'preact/hooks';
import { describeIdleSeconds, MAX_KIOSK_IDLE_SECONDS, MIN_KIOSK_IDLE_SECONDS } from '../../domain/kiosk-idle.ts';
import { KIOSK_PIN_MAX_DIGITS, KIOSK_PIN_MIN_DIGITS } from '../../domain/kiosk-pin.ts';
import { setAdminPin, switchKioskOn } from './kiosk-actions.ts';
import { kioskSettings } from './kiosk-state.ts';

function valueOf(event: Event): string {
  return (event.currentTarget as HTMLInputElement).value;
}

/** Settings panel: the admin PIN, and switching kiosk mode on with its idle time. */
export function KioskPanel() {
  const settings = kioskSettings.value;
  const hasPin = settings.pin !== undefined;
  const [currentPin, setCurrentPin] = useState('');
  const [newPin, setNewPin] = useState('');
  const [repeatedPin, setRepeatedPin] = useState('');
  const [idleText, setIdleText] = useState(String(settings.idleSeconds));
  const [kioskPin, setKioskPin] = useState('');
  const [busy, setBusy] = useState(false);

  async function submitPin(event: Event) {
    event.preventDefault();
    setBusy(true);
    const done = await setAdminPin(currentPin, newPin, repeatedPin);
    setBusy(false);
    if (done) {
      setCurrentPin('');
      setNewPin('');
      setRepeatedPin('');
    }
  }

  async function submitKiosk(event: Event) {
    event.preventDefault();
    setBusy(true);
    await switchKioskOn(kioskPin, idleText);
    setBusy(false);
    setKioskPin('');
  }

  return (
    <section class="panel kiosk-panel" aria-labelledby="kiosk-heading">
      <h2 id="kiosk-heading">Kiosk mode</h2>
      <p class="hint">
        For a shared device: the app asks for full screen, hides Picking, Sync and Settings, and parks an open cart after a time
        without input. Leaving kiosk mode needs the admin PIN. Open the app at <code>#/checkout?kiosk=1</code> to switch it
        on from a link.
      </p>

      <form id="kiosk-pin-form" onSubmit={(event) => void submitPin(event)}>
        <h3>{hasPin ? 'Change the admin PIN' : 'Set an admin PIN'}</h3>
        {hasPin && (
          <>
            <label for="kiosk-current-pin">Current admin PIN</label>
            <input
              id="kiosk-current-pin"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              value={currentPin}
              onInput={(event) => setCurrentPin(valueOf(event))}
            />
          </>
        )}
        <label for="kiosk-new-pin">
          New admin PIN ({KIOSK_PIN_MIN_DIGITS} to {KIOSK_PIN_MAX_DIGITS} digits)
        </label>
        <input
          id="kiosk-new-pin"
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          value={newPin}
          onInput={(event) => setNewPin(valueOf(event))}
        />
        <label for="kiosk-repeat-pin">New admin PIN again</label>
        <input
          id="kiosk-repeat-pin"
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          value={repeatedPin}
          onInput={(event) => setRepeatedPin(valueOf(event))}
        />
        <button type="submit" class="secondary" disabled={busy}>
          {hasPin ? 'Change PIN' : 'Set PIN'}
        </button>
      </form>

      <form id="kiosk-on-form" onSubmit={(event) => void submitKiosk(event)}>
        <h3>Switch kiosk mode on</h3>
        <label for="kiosk-idle-seconds">
          Idle time before an open cart is parked, in seconds ({MIN_KIOSK_IDLE_SECONDS} to {MAX_KIOSK_IDLE_SECONDS})
        </label>
        <input
          id="kiosk-idle-seconds"
          type="number"
          inputMode="numeric"
          min={MIN_KIOSK_IDLE_SECONDS}
          max={MAX_KIOSK_IDLE_SECONDS}
          step={1}
          value={idleText}
          aria-describedby="kiosk-idle-hint"
          onInput={(event) => setIdleText(valueOf(event))}
        />
        <p id="kiosk-idle-hint" class="hint">
          In force: {describeIdleSeconds(settings.idleSeconds)}. A new time applies when kiosk mode is switched on.
        </p>
        <label for="kiosk-on-pin">Admin PIN</label>
        <input
          id="kiosk-on-pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          disabled={!hasPin}
          aria-describedby={hasPin ? undefined : 'kiosk-needs-pin'}
          value={kioskPin}
          onInput={(event) => setKioskPin(valueOf(event))}
        />
        {!hasPin && (
          <p id="kiosk-needs-pin" class="hint">
            Set an admin PIN first: kiosk mode can only be left with it.
          </p>
        )}
        <button type="submit" class="primary" id="kiosk-switch-on" disabled={busy || !hasPin}>
          Switch kiosk mode on
        </button>
      </form>
    </section>
  );
}
