import { describe, expect, it } from 'vitest';
import {
  addProduct,
  captureSerial,
  changeFulfillment,
  createCheckoutSession,
  linesNeedingSerial,
  handleScan,
  removeLine,
  setFulfillment,
  skipSerial,
  type CheckoutSession,
} from '../../src/domain/checkout-session.ts';
import { demoProduct } from './demo-data.ts';
import { makeLineIds, makeScanDeps, scanAll } from './scan-deps.ts';

const LAPTOP = '9506000010014'; // 1001, serialized
const PHONE = '9506000010045'; // 1004, serialized
const TSHIRT = '9506000010175'; // 1017, plain
const SERIAL_A = 'C02XK1ABCD1234';
const SERIAL_B = 'C02XK1ABCD5678';

describe('createCheckoutSession', () => {
  it('starts empty', () => {
    expect(createCheckoutSession().lines).toEqual([]);
  });

  it('waits for an item', () => {
    expect(createCheckoutSession().awaiting).toEqual({ step: 'item' });
  });
});

describe('handleScan in item step', () => {
  it('adds a serialized unit line', async () => {
    const { session, outcome } = await handleScan(createCheckoutSession(), LAPTOP, makeScanDeps());
    expect(outcome).toEqual({ kind: 'item_added', line_id: 'L1', product: demoProduct('1001'), needs_serial: true });
    expect(session.lines).toEqual([
      {
        line_id: 'L1',
        product_id: '1001',
        title: 'Trailhead 14 Laptop, 16 GB',
        serialized: true,
        quantity: 1,
        fulfillment: 'IN_STORE_HANDOVER',
      },
    ]);
  });

  it('then waits for its serial', async () => {
    const { session } = await handleScan(createCheckoutSession(), LAPTOP, makeScanDeps());
    expect(session.awaiting).toEqual({ step: 'serial', line_id: 'L1' });
  });

  it('adds a plain line', async () => {
    const { session, outcome } = await handleScan(createCheckoutSession(), TSHIRT, makeScanDeps());
    expect(outcome).toMatchObject({ kind: 'item_added', line_id: 'L1', needs_serial: false });
    expect(session.lines[0]).toMatchObject({ product_id: '1017', serialized: false, quantity: 1 });
    expect(session.awaiting).toEqual({ step: 'item' });
  });

  it('increases a plain quantity', async () => {
    const deps = makeScanDeps();
    const first = await scanAll(createCheckoutSession(), [TSHIRT], deps);
    const { session, outcome } = await handleScan(first, 'APP-1017', deps);
    expect(outcome).toMatchObject({ kind: 'quantity_increased', line_id: 'L1', quantity: 2 });
    expect(session.lines).toHaveLength(1);
    expect(session.lines[0]?.quantity).toBe(2);
  });

  it('adds a new plain line beside a shipped one', async () => {
    const deps = makeScanDeps();
    const first = await scanAll(createCheckoutSession(), [TSHIRT], deps);
    const shipped = setFulfillment(first, 'L1', 'SHIPPING');
    const { session, outcome } = await handleScan(shipped, TSHIRT, deps);
    expect(outcome).toMatchObject({ kind: 'item_added', line_id: 'L2' });
    expect(session.lines.map((line) => line.fulfillment)).toEqual(['SHIPPING', 'IN_STORE_HANDOVER']);
  });

  it('adds one line per serialized unit', async () => {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A, LAPTOP], deps);
    expect(session.lines.map((line) => line.product_id)).toEqual(['1001', '1001']);
    expect(session.lines.map((line) => line.quantity)).toEqual([1, 1]);
  });

  it('strips an AIM prefix', async () => {
    const { outcome } = await handleScan(createCheckoutSession(), `]E0${PHONE}\n`, makeScanDeps());
    expect(outcome).toMatchObject({ kind: 'item_added', product: { product_id: '1004' } });
  });

  it('finds UPC-A by 13 digits', async () => {
    const { outcome } = await handleScan(createCheckoutSession(), '0614141020034', makeScanDeps());
    expect(outcome).toMatchObject({ kind: 'item_added', product: { product_id: '1003' } });
  });

  it('finds by UPC-E', async () => {
    const { outcome } = await handleScan(createCheckoutSession(), '04252614', makeScanDeps());
    expect(outcome).toMatchObject({ kind: 'item_added', product: { product_id: '1099' } });
  });

  it('reports an unknown code', async () => {
    const { session, outcome } = await handleScan(createCheckoutSession(), 'ABC', makeScanDeps());
    expect(outcome).toEqual({ kind: 'product_not_found', code: 'ABC' });
    expect(session.lines).toEqual([]);
  });

  it('flags a serial scanned first', async () => {
    const { session, outcome } = await handleScan(createCheckoutSession(), SERIAL_A, makeScanDeps());
    expect(outcome).toEqual({ kind: 'looks_like_serial', code: SERIAL_A });
    expect(session.lines).toEqual([]);
  });

  it('reports not found without pattern', async () => {
    const { outcome } = await handleScan(createCheckoutSession(), SERIAL_A, makeScanDeps(null));
    expect(outcome).toEqual({ kind: 'product_not_found', code: SERIAL_A });
  });

  it('reports not found for a non-matching code', async () => {
    const { outcome } = await handleScan(createCheckoutSession(), 'abc-123', makeScanDeps());
    expect(outcome).toEqual({ kind: 'product_not_found', code: 'abc-123' });
  });

  it('rejects an empty scan', async () => {
    const { outcome } = await handleScan(createCheckoutSession(), ' \n', makeScanDeps());
    expect(outcome).toEqual({ kind: 'invalid_scan', code: '', reason: 'empty' });
  });

  it('rejects a scan over 128 characters', async () => {
    const text = '9'.repeat(129);
    const { outcome } = await handleScan(createCheckoutSession(), text, makeScanDeps());
    expect(outcome).toEqual({ kind: 'invalid_scan', code: text, reason: 'too_long', length: 129 });
  });

  it('leaves the input session unchanged', async () => {
    const before = createCheckoutSession();
    const snapshot = structuredClone(before);
    await handleScan(before, LAPTOP, makeScanDeps());
    expect(before).toEqual(snapshot);
  });

  it('treats a scan as item when the awaited line is gone', async () => {
    const deps = makeScanDeps();
    const stale: CheckoutSession = { lines: [], awaiting: { step: 'serial', line_id: 'L9' } };
    const { outcome } = await handleScan(stale, PHONE, deps);
    expect(outcome).toMatchObject({ kind: 'item_added', product: { product_id: '1004' } });
  });
});

describe('handleScan in serial step', () => {
  async function awaitingLaptopSerial() {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [LAPTOP], deps);
    return { deps, session };
  }

  it('captures the serial', async () => {
    const { deps, session } = await awaitingLaptopSerial();
    const result = await handleScan(session, ` ${SERIAL_A}\r\n`, deps);
    expect(result.outcome).toEqual({
      kind: 'serial_captured',
      line_id: 'L1',
      serial: SERIAL_A,
      product_id: '1001',
      title: 'Trailhead 14 Laptop, 16 GB',
    });
    expect(result.session.lines[0]?.serial_number).toBe(SERIAL_A);
  });

  it('then waits for an item', async () => {
    const { deps, session } = await awaitingLaptopSerial();
    const result = await handleScan(session, SERIAL_A, deps);
    expect(result.session.awaiting).toEqual({ step: 'item' });
  });

  it('rejects the item barcode', async () => {
    const { deps, session } = await awaitingLaptopSerial();
    const result = await handleScan(session, LAPTOP, deps);
    expect(result.outcome).toEqual({ kind: 'serial_is_own_code', serial: LAPTOP, code: 'barcode' });
    expect(result.session).toBe(session);
  });

  it('rejects another product barcode', async () => {
    const { deps, session } = await awaitingLaptopSerial();
    const result = await handleScan(session, PHONE, deps);
    expect(result.outcome).toEqual({ kind: 'serial_is_other_product', serial: PHONE, product: demoProduct('1004') });
  });

  it('keeps waiting after another product barcode', async () => {
    const { deps, session } = await awaitingLaptopSerial();
    const result = await handleScan(session, PHONE, deps);
    expect(result.session.awaiting).toEqual({ step: 'serial', line_id: 'L1' });
    expect(result.session.lines).toHaveLength(1);
  });

  it('rejects a serial used on another line', async () => {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A, PHONE], deps);
    const result = await handleScan(session, SERIAL_A, deps);
    expect(result.outcome).toEqual({ kind: 'serial_in_order', serial: SERIAL_A, line_id: 'L1' });
    expect(result.session.lines[1]?.serial_number).toBeUndefined();
  });

  it('rejects a format mismatch', async () => {
    const { deps, session } = await awaitingLaptopSerial();
    const result = await handleScan(session, '12AB', deps);
    expect(result.outcome).toMatchObject({ kind: 'serial_format', serial: '12AB', pattern: '^[A-Z0-9]{14}$' });
  });

  it('rejects an empty serial', async () => {
    const { deps, session } = await awaitingLaptopSerial();
    const result = await handleScan(session, '\n', deps);
    expect(result.outcome).toEqual({ kind: 'serial_empty' });
  });

  it('rejects a serial over 128 characters', async () => {
    const { deps, session } = await awaitingLaptopSerial();
    const result = await handleScan(session, 'A'.repeat(200), deps);
    expect(result.outcome).toEqual({ kind: 'serial_too_long', length: 200, max: 128 });
  });

  it('fails closed on an unusable pattern', async () => {
    const deps = makeScanDeps('invalid-pattern');
    const session = await scanAll(createCheckoutSession(), [LAPTOP], deps);
    const result = await handleScan(session, SERIAL_A, deps);
    expect(result.outcome).toMatchObject({ kind: 'pattern_unusable', serial: SERIAL_A });
    expect(result.session.lines[0]?.serial_number).toBeUndefined();
  });

  it('accepts any serial without pattern', async () => {
    const deps = makeScanDeps(null);
    const session = await scanAll(createCheckoutSession(), [LAPTOP], deps);
    const result = await handleScan(session, 'sn-1', deps);
    expect(result.outcome).toMatchObject({ kind: 'serial_captured', serial: 'sn-1' });
  });

  it('never prompts a shipped line', async () => {
    const { deps, session } = await awaitingLaptopSerial();
    const shipped = setFulfillment(session, 'L1', 'SHIPPING');
    const result = await handleScan(shipped, PHONE, deps);
    expect(result.outcome).toMatchObject({ kind: 'item_added', product: { product_id: '1004' } });
  });
});

describe('captureSerial', () => {
  it('captures for a line not awaited', async () => {
    const deps = makeScanDeps();
    const skipped = skipSerial(await scanAll(createCheckoutSession(), [LAPTOP], deps));
    const result = await captureSerial(skipped, 'L1', SERIAL_A, deps);
    expect(result.session.lines[0]?.serial_number).toBe(SERIAL_A);
    expect(result.session.awaiting).toEqual({ step: 'item' });
  });

  it('keeps waiting for another line', async () => {
    const deps = makeScanDeps();
    const session = skipSerial(await scanAll(createCheckoutSession(), [LAPTOP], deps));
    const withSecond = await scanAll(session, [PHONE], deps);
    const result = await captureSerial(withSecond, 'L1', SERIAL_A, deps);
    expect(result.session.awaiting).toEqual({ step: 'serial', line_id: 'L2' });
  });

  it('replaces a line serial', async () => {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A], deps);
    const result = await captureSerial(session, 'L1', SERIAL_B, deps);
    expect(result.session.lines[0]?.serial_number).toBe(SERIAL_B);
  });

  it('accepts the same serial again on its line', async () => {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A], deps);
    const result = await captureSerial(session, 'L1', SERIAL_A, deps);
    expect(result.outcome.kind).toBe('serial_captured');
  });

  it('accepts a serial freed by removal', async () => {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A, PHONE], deps);
    const result = await captureSerial(removeLine(session, 'L1'), 'L2', SERIAL_A, deps);
    expect(result.outcome.kind).toBe('serial_captured');
  });

  it('reports a missing line', async () => {
    const result = await captureSerial(createCheckoutSession(), 'L9', SERIAL_A, makeScanDeps());
    expect(result.outcome).toEqual({ kind: 'invalid_scan', code: SERIAL_A, reason: 'line_not_found' });
  });

  it('refuses a shipped line', async () => {
    const deps = makeScanDeps();
    const session = setFulfillment(await scanAll(createCheckoutSession(), [LAPTOP], deps), 'L1', 'SHIPPING');
    const result = await captureSerial(session, 'L1', SERIAL_A, deps);
    expect(result.outcome).toEqual({ kind: 'invalid_scan', code: SERIAL_A, reason: 'serial_not_needed' });
    expect(result.session.lines[0]?.serial_number).toBeUndefined();
  });

  it('refuses a plain line', async () => {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [TSHIRT], deps);
    const result = await captureSerial(session, 'L1', SERIAL_A, deps);
    expect(result.outcome).toMatchObject({ kind: 'invalid_scan', reason: 'serial_not_needed' });
  });

  it('works for a product gone from the catalog', async () => {
    const deps = { ...makeScanDeps(), findProduct: async () => undefined };
    const { session } = addProduct(createCheckoutSession(), demoProduct('1001'), makeLineIds());
    const result = await captureSerial(session, 'L1', SERIAL_A, deps);
    expect(result.outcome).toMatchObject({ kind: 'serial_captured', serial: SERIAL_A });
  });

  it('still rejects product_id of a product gone from the catalog', async () => {
    const deps = { ...makeScanDeps(null), findProduct: async () => undefined };
    const { session } = addProduct(createCheckoutSession(), demoProduct('1001'), makeLineIds());
    const result = await captureSerial(session, 'L1', '1001', deps);
    expect(result.outcome).toEqual({ kind: 'serial_is_own_code', serial: '1001', code: 'product id' });
  });
});

describe('changeFulfillment', () => {
  const LAPTOP_TITLE = 'Trailhead 14 Laptop, 16 GB';

  it('reports the serial removed by shipping', async () => {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A], deps);
    const result = await changeFulfillment(session, 'L1', 'SHIPPING', deps);
    expect(result.outcome).toEqual({ kind: 'serial_set_aside', line_id: 'L1', serial: SERIAL_A, title: LAPTOP_TITLE });
    expect(result.session.lines[0]?.fulfillment).toBe('SHIPPING');
    expect(result.session.lines[0]).not.toHaveProperty('serial_number');
  });

  it('reports nothing when no serial is removed', async () => {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [LAPTOP], deps);
    const result = await changeFulfillment(session, 'L1', 'SHIPPING', deps);
    expect(result.outcome).toBeUndefined();
    expect(result.session.lines[0]?.fulfillment).toBe('SHIPPING');
  });

  it('restores the serial when taken now', async () => {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A], deps);
    const shipped = (await changeFulfillment(session, 'L1', 'SHIPPING', deps)).session;
    const result = await changeFulfillment(shipped, 'L1', 'IN_STORE_HANDOVER', deps);
    expect(result.outcome).toEqual({ kind: 'serial_restored', line_id: 'L1', serial: SERIAL_A, title: LAPTOP_TITLE });
    expect(result.session.lines[0]?.serial_number).toBe(SERIAL_A);
    expect(result.session.lines[0]).not.toHaveProperty('set_aside_serial');
    expect(linesNeedingSerial(result.session)).toEqual([]);
  });

  it('keeps the item step after restoring', async () => {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A], deps);
    const shipped = (await changeFulfillment(session, 'L1', 'SHIPPING', deps)).session;
    const result = await changeFulfillment(shipped, 'L1', 'IN_STORE_HANDOVER', deps);
    expect(result.session.awaiting).toEqual({ step: 'item' });
  });

  it('refuses a serial meanwhile on another line', async () => {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A], deps);
    const shipped = (await changeFulfillment(session, 'L1', 'SHIPPING', deps)).session;
    const reused = await scanAll(shipped, [PHONE, SERIAL_A], deps);
    expect(reused.lines[1]?.serial_number).toBe(SERIAL_A);

    const result = await changeFulfillment(reused, 'L1', 'IN_STORE_HANDOVER', deps);
    expect(result.outcome).toEqual({
      kind: 'serial_not_restored',
      line_id: 'L1',
      serial: SERIAL_A,
      title: LAPTOP_TITLE,
      reason: { kind: 'serial_in_order', serial: SERIAL_A, line_id: 'L2' },
    });
    expect(result.session.lines[0]?.fulfillment).toBe('IN_STORE_HANDOVER');
    expect(result.session.lines[0]).not.toHaveProperty('serial_number');
    expect(result.session.lines[0]).not.toHaveProperty('set_aside_serial');
  });

  it('waits for the serial it could not restore', async () => {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A], deps);
    const shipped = (await changeFulfillment(session, 'L1', 'SHIPPING', deps)).session;
    const reused = await scanAll(shipped, [PHONE, SERIAL_A], deps);
    const result = await changeFulfillment(reused, 'L1', 'IN_STORE_HANDOVER', deps);
    expect(result.session.awaiting).toEqual({ step: 'serial', line_id: 'L1' });
    expect(linesNeedingSerial(result.session).map((line) => line.line_id)).toEqual(['L1']);
  });

  it('checks the restored serial against the format in force', async () => {
    const anyFormat = makeScanDeps(null);
    const session = await scanAll(createCheckoutSession(), [LAPTOP, 'short-serial'], anyFormat);
    const shipped = (await changeFulfillment(session, 'L1', 'SHIPPING', anyFormat)).session;
    // The configuration changed meanwhile: serials now need 14 letters or digits.
    const result = await changeFulfillment(shipped, 'L1', 'IN_STORE_HANDOVER', makeScanDeps());
    expect(result.outcome).toMatchObject({ kind: 'serial_not_restored', serial: 'short-serial', reason: { kind: 'serial_format' } });
    expect(result.session.lines[0]).not.toHaveProperty('serial_number');
  });

  it('keeps a session it does not change', async () => {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A], deps);
    const same = await changeFulfillment(session, 'L1', 'IN_STORE_HANDOVER', deps);
    expect(same.session).toBe(session);
    expect(same.outcome).toBeUndefined();
    const unknown = await changeFulfillment(session, 'L9', 'SHIPPING', deps);
    expect(unknown.session).toBe(session);
    expect(unknown.outcome).toBeUndefined();
  });

  it('reports nothing for a plain line', async () => {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [TSHIRT], deps);
    const shipped = await changeFulfillment(session, 'L1', 'SHIPPING', deps);
    const back = await changeFulfillment(shipped.session, 'L1', 'IN_STORE_HANDOVER', deps);
    expect(shipped.outcome).toBeUndefined();
    expect(back.outcome).toBeUndefined();
    expect(back.session.lines[0]?.fulfillment).toBe('IN_STORE_HANDOVER');
  });
});
