import { useState } from 'preact/hooks';
import { leaveKiosk } from './kiosk-actions.ts';

/**
 * Replaces Picking, Settings, Sync and pairing while the device is in kiosk mode, so that a
 * shopper can neither open customers' pick lists nor unpair the device. The admin PIN leaves
 * kiosk mode, and then the requested screen opens, including a pick list from a deep link.
 */
export function KioskExit() {
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    await leaveKiosk(pin);
    setBusy(false);
    setPin('');
  }

  return (
    <section class="screen kiosk-exit" aria-labelledby="kiosk-exit-heading">
      <h1 id="kiosk-exit-heading">Kiosk mode is on</h1>
      <p>This screen is for store staff. Type the admin PIN to leave kiosk mode, or go back to Checkout.</p>
      <form id="kiosk-exit-form" onSubmit={(event) => void submit(event)}>
        <label for="kiosk-exit-pin">Admin PIN</label>
        <input
          id="kiosk-exit-pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={pin}
          onInput={(event) => setPin((event.currentTarget as HTMLInputElement).value)}
        />
        <div class="kiosk-exit-actions">
          <button type="submit" class="primary" disabled={busy}>
            Leave kiosk mode
          </button>
          <a class="button-link" href="#/checkout">
            Back to Checkout
          </a>
        </div>
      </form>
    </section>
  );
}
