import { computed, signal } from '@preact/signals';
import {
  askSerialFor,
  changeFulfillment,
  completeCheckout,
  createCheckoutSession,
  handleScan,
  handleSerialScan,
  linesNeedingSerial,
  removeLine,
  setQuantity,
  skipSerial,
  type CheckoutOutcome,
  type CheckoutSession,
  type FulfillmentOutcome,
  type ScanDeps,
} from '../../domain/checkout-session.ts';
import { catalogMissingMessage, messageFor, saleSavedMessage, type AssociateMessage } from '../../domain/messages.ts';
import type { ScanEvent } from '../../domain/scan-event.ts';
import type { Fulfillment } from '../../domain/types.ts';
import { hasOpenCart, type ParkedCart } from '../../domain/kiosk-parked-cart.ts';
import { loadCart, saveCart } from '../../storage/cart-store.ts';
import { discardParkedCart, listParkedCarts, parkCart, resumeParkedCart } from '../../storage/parked-cart-store.ts';
import { getConfigInForce } from '../../storage/config-store.ts';
import { saveCompletedOrder } from '../../storage/order-store.ts';
import { countProducts, findProductByCode } from '../../storage/product-store.ts';
import { getDevice } from '../../storage/sync-state-store.ts';
import { loadSerialPolicy } from '../lazy-serial-policy.ts';
import { clearNotice, showNotice } from '../notice.ts';
import type { Services } from '../services.ts';
import { describeStorageError } from '../storage-error.ts';

/**
 * The open checkout: a session signal, and actions that change it. Every change is saved
 * to IndexedDB before the screen shows it, so a captured serial is on the device before
 * the screen confirms it, and the open cart survives a reload.
 */
export function createCheckoutController(services: Services) {
  const { db, engine } = services;
  const session = signal<CheckoutSession>(createCheckoutSession());
  const ready = signal(false);
  /** Carts parked on this device, oldest first. */
  const parked = signal<ParkedCart[]>([]);
  const missing = computed(() => linesNeedingSerial(session.value));

  // Scans are applied one at a time, in arrival order: a wedge scanner can send the
  // next code before the lookup of the previous one has finished. Every step first reads
  // the saved cart, so that a scan which arrives before the screen has restored it lands
  // in that cart instead of replacing it with a new one.
  let queue: Promise<void> = Promise.resolve();
  function enqueue(step: () => Promise<void>): Promise<void> {
    queue = queue.then(async () => {
      if (!ready.value) await readSavedCart();
      await step();
    }).catch((error: unknown) => {
      showNotice({ tone: 'error', text: describeStorageError(error) });
    });
    return queue;
  }

  async function commit(next: CheckoutSession): Promise<void> {
    if (next === session.value) return;
    await saveCart(db, next);
    session.value = next;
  }

  async function scanDeps(): Promise<ScanDeps> {
    return {
      findProduct: (code) => findProductByCode(db, code),
      policy: await loadSerialPolicy(await getConfigInForce(db)),
      newLineId: () => crypto.randomUUID(),
    };
  }

  /** Reads the saved cart and parked carts once, in the scan queue. */
  function restore(): Promise<void> {
    return enqueue(async () => {});
  }

  async function readSavedCart(): Promise<void> {
    const saved = await loadCart(db);
    if (saved) session.value = saved;
    parked.value = await listParkedCarts(db);
    ready.value = true;
  }

  /**
   * Parks the open cart, if it has lines, and leaves an empty one. Resolves to what
   * happened; on `failed` the cart stays open and the error is shown. Runs in the scan
   * queue, so a scan being applied lands in the cart before it is parked.
   */
  function park(): Promise<'parked' | 'empty' | 'failed'> {
    let result: 'parked' | 'empty' | 'failed' = 'failed';
    return enqueue(async () => {
      if (!hasOpenCart(session.value)) {
        result = 'empty';
        return;
      }
      await parkCart(db, session.value, crypto.randomUUID());
      session.value = createCheckoutSession();
      parked.value = await listParkedCarts(db);
      result = 'parked';
    }).then(() => result);
  }

  /** Opens parked cart `id`, parking the open cart first when it has lines. */
  function resume(id: string): Promise<void> {
    return enqueue(async () => {
      const hadOpenCart = hasOpenCart(session.value);
      const resumed = await resumeParkedCart(db, id, { open: session.value, parkOpenAs: crypto.randomUUID() });
      parked.value = await listParkedCarts(db);
      if (resumed === undefined) {
        showNotice({ tone: 'error', text: 'That parked cart is no longer on this device: it was resumed or discarded elsewhere. Pick another cart.' });
        return;
      }
      session.value = resumed;
      showNotice({
        tone: 'info',
        text: hadOpenCart ? 'Parked cart resumed. The cart that was open is now in the parked carts list.' : 'Parked cart resumed.',
      });
    });
  }

  /** Deletes parked cart `id` with its serials. The screen requests confirmation first. */
  function discardParked(id: string): Promise<void> {
    return enqueue(async () => {
      await discardParkedCart(db, id);
      parked.value = await listParkedCarts(db);
      showNotice({ tone: 'info', text: 'Parked cart discarded.' });
    });
  }

  async function messageForOutcome(outcome: CheckoutOutcome | FulfillmentOutcome): Promise<AssociateMessage> {
    if (outcome.kind === 'product_not_found' && (await countProducts(db)) === 0) {
      return catalogMissingMessage(outcome.code);
    }
    const lines = session.value.lines;
    return messageFor(outcome, { lineTitle: (lineId) => lines.find((line) => line.line_id === lineId)?.title });
  }

  function scan(input: ScanEvent | string): Promise<void> {
    return enqueue(async () => {
      const result = await handleScan(session.value, input, await scanDeps());
      await commit(result.session);
      showNotice(await messageForOutcome(result.outcome));
    });
  }

  function typeSerial(lineId: string, input: ScanEvent | string): Promise<void> {
    return enqueue(async () => {
      const result = await handleSerialScan(session.value, lineId, input, await scanDeps());
      await commit(result.session);
      showNotice(await messageForOutcome(result.outcome));
    });
  }

  // An edit of the cart makes the message about the previous scan out of date.
  function change(update: (current: CheckoutSession) => CheckoutSession): Promise<void> {
    return enqueue(async () => {
      await commit(update(session.value));
      clearNotice();
    });
  }

  // Ship drops a captured serial and Take now restores it, so both show a message that names the serial.
  function switchFulfillment(lineId: string, fulfillment: Fulfillment): Promise<void> {
    return enqueue(async () => {
      const result = await changeFulfillment(session.value, lineId, fulfillment, await scanDeps());
      await commit(result.session);
      if (result.outcome === undefined) clearNotice();
      else showNotice(await messageForOutcome(result.outcome));
    });
  }

  function complete(): Promise<void> {
    return enqueue(async () => {
      const device = await getDevice(db);
      if (!device) {
        showNotice({ tone: 'error', text: 'This device is not paired with a store. Pair it in Settings, then complete the sale.' });
        return;
      }
      const result = completeCheckout(session.value, {
        order_id: crypto.randomUUID(),
        store_id: device.store_id,
        created_at: new Date().toISOString(),
      });
      if (!result.ok) {
        showNotice(messageFor(result.outcome));
        return;
      }
      // The order, its outbox entry and the removal of the open cart are one transaction.
      await saveCompletedOrder(db, result.order, { clearDraft: 'checkout' });
      session.value = createCheckoutSession();
      const units = result.order.lines.reduce((sum, line) => sum + line.quantity, 0);
      showNotice(saleSavedMessage(units));
      await engine.refreshPending();
      void engine.syncNow();
    });
  }

  return {
    session,
    ready,
    missing,
    parked,
    restore,
    park,
    resume,
    discardParked,
    scan,
    typeSerial,
    complete,
    askSerial: (lineId: string) => change((s) => askSerialFor(s, lineId)),
    skipSerial: () => change(skipSerial),
    setFulfillment: switchFulfillment,
    remove: (lineId: string) => change((s) => removeLine(s, lineId)),
    setQuantity: (lineId: string, quantity: number) =>
      change((s) => setQuantity(s, lineId, quantity, () => crypto.randomUUID())),
  };
}

export type CheckoutController = ReturnType<typeof createCheckoutController>;
