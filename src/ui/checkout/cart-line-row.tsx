import type { CartLine } from '../../domain/checkout-session.ts';
import type { CheckoutController } from './checkout-controller.ts';

interface CartLineRowProps {
  line: CartLine;
  awaitingSerial: boolean;
  controller: CheckoutController;
}

/** Renders one cart line: the item, its serial or the lack of one, Take now / Ship, quantity, remove. */
export function CartLineRow({ line, awaitingSerial, controller }: CartLineRowProps) {
  const takeNow = line.fulfillment === 'IN_STORE_HANDOVER';
  const needsSerial = line.serialized && takeNow && !line.serial_number;

  return (
    <li class={`cart-line${awaitingSerial ? ' awaiting' : ''}`} data-line-id={line.line_id} data-product-id={line.product_id}>
      <div class="line-item">
        <span class="line-title">{line.title}</span>
        <span class="line-id">Product {line.product_id}</span>
        {line.serialized && takeNow && line.serial_number && (
          <span class="line-serial">
            Serial <strong data-serial>{line.serial_number}</strong>
          </span>
        )}
        {needsSerial && !awaitingSerial && (
          <button type="button" class="link" onClick={() => controller.askSerial(line.line_id)}>
            Serial needed: add serial
          </button>
        )}
        {needsSerial && awaitingSerial && <span class="line-waiting">Waiting for the serial</span>}
        {line.serialized && !takeNow && (
          <span class="line-note">
            Shipped: no serial at checkout
            {line.set_aside_serial !== undefined && `. Take now puts serial ${line.set_aside_serial} back`}
          </span>
        )}
      </div>

      <div class="line-controls">
        <div class="segmented" role="group" aria-label={`Fulfillment of ${line.title}`}>
          <button type="button" aria-pressed={takeNow} onClick={() => controller.setFulfillment(line.line_id, 'IN_STORE_HANDOVER')}>
            Take now
          </button>
          <button type="button" aria-pressed={!takeNow} onClick={() => controller.setFulfillment(line.line_id, 'SHIPPING')}>
            Ship
          </button>
        </div>

        {!line.serialized && (
          <div class="quantity" role="group" aria-label={`Quantity of ${line.title}`}>
            <button
              type="button"
              aria-label="One less"
              disabled={line.quantity <= 1}
              onClick={() => controller.setQuantity(line.line_id, line.quantity - 1)}
            >
              −
            </button>
            <span aria-live="polite">{line.quantity}</span>
            <button type="button" aria-label="One more" onClick={() => controller.setQuantity(line.line_id, line.quantity + 1)}>
              +
            </button>
          </div>
        )}

        <button type="button" class="remove" aria-label={`Remove ${line.title}`} onClick={() => controller.remove(line.line_id)}>
          Remove
        </button>
      </div>
    </li>
  );
}
