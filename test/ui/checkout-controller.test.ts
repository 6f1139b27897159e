import { describe, expect, it } from 'vitest';
import { loadCart, saveCart } from '../../src/storage/cart-store.ts';
import { applyCatalogPage } from '../../src/storage/product-store.ts';
import { createCheckoutController } from '../../src/ui/checkout/checkout-controller.ts';
import { notice } from '../../src/ui/notice.ts';
import type { Services } from '../../src/ui/services.ts';
import { makeCart, makeProduct, openTestDb } from '../storage/test-db.ts';

// The sync engine is not reached by scans; completing a sale is tested in the browser.
const NO_ENGINE = {} as Services['engine'];

describe('createCheckoutController', () => {
  it('adds a scan that arrives before the restore to the saved cart', async () => {
    const db = await openTestDb();
    await applyCatalogPage(db, { items: [{ product: { ...makeProduct('2001', [['EAN13', '4006381333931']]), serialized_inventory: false } }], next_cursor: 'c1' });
    await saveCart(db, makeCart());
    const controller = createCheckoutController({ db, api: {} as Services['api'], engine: NO_ENGINE });

    const scanned = controller.scan('4006381333931');
    await controller.restore();
    await scanned;

    expect((await loadCart(db))?.lines.map((line) => line.product_id)).toEqual(['1001', '2001']);
    db.close();
  });

  it('shows the saved cart after the restore', async () => {
    const db = await openTestDb();
    await saveCart(db, makeCart());
    const controller = createCheckoutController({ db, api: {} as Services['api'], engine: NO_ENGINE });

    await controller.restore();

    expect(controller.session.value).toEqual(makeCart());
    db.close();
  });

  it('saves and names the serial that Ship removes', async () => {
    const db = await openTestDb();
    await saveCart(db, makeCart());
    const controller = createCheckoutController({ db, api: {} as Services['api'], engine: NO_ENGINE });
    await controller.restore();

    await controller.setFulfillment('L1', 'SHIPPING');

    expect(notice.value?.text).toContain('serial C02XK1ABCD1234 was removed from Trailhead 14 Laptop, 16 GB');
    const saved = (await loadCart(db))?.lines[0];
    expect(saved?.fulfillment).toBe('SHIPPING');
    expect(saved?.set_aside_serial).toBe('C02XK1ABCD1234');
    db.close();
  });

  it('saves the serial that Take now restores', async () => {
    const db = await openTestDb();
    await saveCart(db, makeCart());
    const controller = createCheckoutController({ db, api: {} as Services['api'], engine: NO_ENGINE });
    await controller.restore();
    await controller.setFulfillment('L1', 'SHIPPING');

    await controller.setFulfillment('L1', 'IN_STORE_HANDOVER');

    expect(notice.value?.text).toBe('Serial C02XK1ABCD1234 is back on Trailhead 14 Laptop, 16 GB, which is taken now.');
    expect((await loadCart(db))?.lines[0]?.serial_number).toBe('C02XK1ABCD1234');
    db.close();
  });
});
