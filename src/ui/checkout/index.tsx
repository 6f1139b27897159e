import { useEffect } from 'preact/hooks';
import type { Device } from '../../storage/sync-state-store.ts';
import { markCheckoutUsable } from '../checkout-usable-mark.ts';
import { ParkedCarts } from '../kiosk/parked-carts.tsx';
import { CameraButton } from '../scanner/camera-button.tsx';
import { useWedgeScans } from '../use-wedge-scans.ts';
import { CartLineRow } from './cart-line-row.tsx';
import type { CheckoutController } from './checkout-controller.ts';
import { ScanField } from './scan-field.tsx';

interface CheckoutProps {
  controller: CheckoutController;
  device: Device | undefined;
}

/** Renders the checkout screen: scan items, capture serials for units taken now, complete the sale. */
export function Checkout({ controller, device }: CheckoutProps) {
  useEffect(() => {
    if (!controller.ready.value) void controller.restore();
  }, [controller]);
  // Effects run after the browser has painted, so the mark comes once the restored cart shows.
  const ready = controller.ready.value;
  useEffect(() => {
    if (ready) markCheckoutUsable();
  }, [ready]);
  // A scan typed while no text field has focus goes to the step the session waits for.
  useWedgeScans((scan) => void controller.scan(scan));

  const session = controller.session.value;
  const awaiting = session.awaiting;
  const serialLine = awaiting.step === 'serial' ? session.lines.find((line) => line.line_id === awaiting.line_id) : undefined;
  const missing = controller.missing.value;

  const completeBlocker =
    session.lines.length === 0
      ? 'Scan an item to start a sale.'
      : missing.length > 0
        ? `${missing.length} ${missing.length === 1 ? 'item taken now still needs its serial' : 'items taken now still need their serials'}: ${missing.map((line) => line.title).join(', ')}.`
        : undefined;

  return (
    <section class="screen checkout" aria-labelledby="checkout-heading">
      <h1 id="checkout-heading">Checkout</h1>
      {!device && (
        <p class="banner" role="note">
          This device is not paired with a store yet. Pair it in <a href="#/settings">Settings</a> to download the catalog.
        </p>
      )}
      {device?.token_rejected_at !== undefined && (
        <p class="banner" role="note" data-token-rejected>
          The server no longer accepts this device, so sales wait on it and are sent once it is paired again. Ask your
          manager for a pairing code and enter it in <a href="#/settings">Settings</a>.
        </p>
      )}

      {serialLine ? (
        <div class="serial-prompt" role="group" aria-labelledby="serial-prompt-heading">
          <h2 id="serial-prompt-heading">Serial number for {serialLine.title}</h2>
          <ScanField
            key="serial"
            label={`Scan or type the serial number of ${serialLine.title}`}
            hint="The serial is on the unit or its box, usually marked S/N."
            onScan={(_text, scan) => void controller.typeSerial(serialLine.line_id, scan)}
          />
          <button type="button" class="secondary" onClick={() => void controller.skipSerial()}>
            Later: scan other items first
          </button>
        </div>
      ) : (
        <ScanField key="item" label="Scan or type a product barcode or SKU" onScan={(_text, scan) => void controller.scan(scan)} />
      )}
      <CameraButton onScan={(event) => void controller.scan(event)} />
      <ParkedCarts controller={controller} />

      <h2 class="cart-heading">
        Cart <span class="count">({session.lines.length} {session.lines.length === 1 ? 'line' : 'lines'})</span>
      </h2>
      {session.lines.length === 0 ? (
        <p class="empty">The cart is empty.</p>
      ) : (
        <ul class="cart-lines">
          {session.lines.map((line) => (
            <CartLineRow key={line.line_id} line={line} awaitingSerial={serialLine?.line_id === line.line_id} controller={controller} />
          ))}
        </ul>
      )}

      <div class="complete">
        <button
          type="button"
          class="primary"
          id="complete-sale"
          disabled={completeBlocker !== undefined}
          aria-describedby={completeBlocker ? 'complete-blocker' : undefined}
          onClick={() => void controller.complete()}
        >
          Complete sale
        </button>
        {completeBlocker && (
          <p id="complete-blocker" class="hint">
            {completeBlocker}
          </p>
        )}
      </div>
    </section>
  );
}
