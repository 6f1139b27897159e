import { useState } from 'preact/hooks';
import { summarizeParkedCart, type ParkedCartSummary } from '../../domain/kiosk-parked-cart.ts';
import type { CheckoutController } from '../checkout/checkout-controller.ts';
import { kioskActive } from './kiosk-state.ts';

function describeContents(summary: ParkedCartSummary): string {
  const units = `${summary.units} ${summary.units === 1 ? 'unit' : 'units'}`;
  const serials =
    summary.serials.length === 0
      ? 'no serials'
      : `${summary.serials.length === 1 ? 'serial' : 'serials'} ${summary.serials.join(', ')}`;
  return `${summary.titles.join(', ')}: ${units}, ${serials}`;
}

function ParkedCartRow({ summary, controller }: { summary: ParkedCartSummary; controller: CheckoutController }) {
  const [confirming, setConfirming] = useState(false);
  const [pin, setPin] = useState('');
  // In kiosk mode a shopper may be at the device, and a parked cart contains captured serials.
  const needsPin = kioskActive.value;

  async function discard() {
    if (needsPin) {
      const { confirmWithAdminPin } = await import('./kiosk-actions.ts');
      if (!(await confirmWithAdminPin(pin))) return;
    }
    await controller.discardParked(summary.id);
  }
  const time = new Date(summary.parkedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const label = `cart parked at ${time}`;

  return (
    <li class="parked-cart" data-parked-id={summary.id}>
      <div class="parked-cart-text">
        <span class="parked-cart-time">Parked at {time}</span>
        <span class="parked-cart-contents">{describeContents(summary)}</span>
      </div>
      {confirming ? (
        <div class="parked-cart-actions" role="group" aria-label={`Confirm discarding the ${label}`}>
          <span class="parked-cart-warning">
            Discard this cart{summary.serials.length > 0 ? ' and its captured serials' : ''}? This cannot be undone.
          </span>
          {needsPin && (
            <>
              <label for={`discard-pin-${summary.id}`}>Admin PIN</label>
              <input
                id={`discard-pin-${summary.id}`}
                type="password"
                inputMode="numeric"
                autoComplete="off"
                value={pin}
                onInput={(event) => setPin((event.currentTarget as HTMLInputElement).value)}
              />
            </>
          )}
          <button type="button" class="danger" onClick={() => void discard()}>
            Yes, discard
          </button>
          <button type="button" class="secondary" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      ) : (
        <div class="parked-cart-actions">
          <button type="button" class="primary" aria-label={`Resume ${label}`} onClick={() => void controller.resume(summary.id)}>
            Resume
          </button>
          <button type="button" class="secondary" aria-label={`Discard ${label}`} onClick={() => setConfirming(true)}>
            Discard
          </button>
        </div>
      )}
    </li>
  );
}

/** Lists the carts parked on this device, each with Resume and Discard. Renders nothing when none is parked. */
export function ParkedCarts({ controller }: { controller: CheckoutController }) {
  const parked = controller.parked.value;
  if (parked.length === 0) return null;

  return (
    <section class="parked-carts" aria-labelledby="parked-carts-heading">
      <h2 id="parked-carts-heading">
        Parked carts <span class="count">({parked.length})</span>
      </h2>
      <p class="hint">Resuming a cart parks the open one first, so nothing on it is lost.</p>
      <ul>
        {parked.map((cart) => (
          <ParkedCartRow key={cart.id} summary={summarizeParkedCart(cart)} controller={controller} />
        ))}
      </ul>
    </section>
  );
}
