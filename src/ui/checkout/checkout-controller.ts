import { computed, signal } from '@preact/signals';
import {
  askSerialFor,
  completeCheckout,
  createCheckoutSession,
  handleScan,
  handleSerialScan,
  linesNeedingSerial,
  removeLine,
  setFulfillment,
  setQuantity,
  skipSerial,
  type CheckoutOutcome,
  type CheckoutSession,
  type ScanDeps,
} from '../../domain/checkout-session.ts';
import { catalogMissingMessage, messageFor, saleSavedMessage, type AssociateMessage } from '../../domain/messages.ts';
import type { ScanEvent } from '../../domain/scan-event.ts';
import { createSerialPolicy } from '../../domain/serial-policy.ts';
import type { Fulfillment } from '../../domain/types.ts';
import { loadCart, saveCart } from '../../storage/cart-store.ts';
import { getConfigInForce } from '../../storage/config-store.ts';
import { saveCompletedOrder } from '../../storage/order-store.ts';
import { countProducts, findProductByCode } from '../../storage/product-store.ts';
import { getDevice } from '../../storage/sync-state-store.ts';
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
  const missing = computed(() => linesNeedingSerial(session.value));

  // Scans are applied one at a time, in arrival order: a wedge scanner can send the
  // next code before the lookup of the previous one has finished.
  let queue: Promise<void> = Promise.resolve();
  function enqueue(step: () => Promise<void>): Promise<void> {
    queue = queue.then(step).catch((error: unknown) => {
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
      policy: createSerialPolicy(await getConfigInForce(db)),
      newLineId: () => crypto.randomUUID(),
    };
  }

  async function restore(): Promise<void> {
    const saved = await loadCart(db);
    if (saved) session.value = saved;
    ready.value = true;
  }

  async function messageForOutcome(outcome: CheckoutOutcome): Promise<AssociateMessage> {
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
    restore,
    scan,
    typeSerial,
    complete,
    askSerial: (lineId: string) => change((s) => askSerialFor(s, lineId)),
    skipSerial: () => change(skipSerial),
    setFulfillment: (lineId: string, fulfillment: Fulfillment) => change((s) => setFulfillment(s, lineId, fulfillment)),
    remove: (lineId: string) => change((s) => removeLine(s, lineId)),
    setQuantity: (lineId: string, quantity: number) =>
      change((s) => setQuantity(s, lineId, quantity, () => crypto.randomUUID())),
  };
}

export type CheckoutController = ReturnType<typeof createCheckoutController>;
