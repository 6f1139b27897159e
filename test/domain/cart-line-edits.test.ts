import { describe, expect, it } from 'vitest';
import {
  askSerialFor,
  createCheckoutSession,
  handleScan,
  linesNeedingSerial,
  removeLine,
  setFulfillment,
  skipSerial,
} from '../../src/domain/checkout-session.ts';
import { makeScanDeps, scanAll } from './scan-deps.ts';

const LAPTOP = '9506000010014';
const PHONE = '9506000010045';
const TSHIRT = '9506000010175';
const SERIAL_A = 'C02XK1ABCD1234';

describe('askSerialFor', () => {
  it('waits for that line serial', async () => {
    const session = skipSerial(await scanAll(createCheckoutSession(), [LAPTOP], makeScanDeps()));
    expect(askSerialFor(session, 'L1').awaiting).toEqual({ step: 'serial', line_id: 'L1' });
  });

  it('ignores a shipped line', async () => {
    const session = setFulfillment(await scanAll(createCheckoutSession(), [LAPTOP], makeScanDeps()), 'L1', 'SHIPPING');
    expect(askSerialFor(session, 'L1')).toBe(session);
  });

  it('ignores a plain line', async () => {
    const session = await scanAll(createCheckoutSession(), [TSHIRT], makeScanDeps());
    expect(askSerialFor(session, 'L1')).toBe(session);
  });

  it('ignores an unknown line', () => {
    const session = createCheckoutSession();
    expect(askSerialFor(session, 'L9')).toBe(session);
  });
});

describe('skipSerial', () => {
  it('goes back to the item step', async () => {
    const session = await scanAll(createCheckoutSession(), [LAPTOP], makeScanDeps());
    expect(skipSerial(session).awaiting).toEqual({ step: 'item' });
  });

  it('keeps the unit missing its serial', async () => {
    const session = skipSerial(await scanAll(createCheckoutSession(), [LAPTOP], makeScanDeps()));
    expect(linesNeedingSerial(session).map((line) => line.line_id)).toEqual(['L1']);
  });

  it('lets the next scan be an item', async () => {
    const deps = makeScanDeps();
    const session = skipSerial(await scanAll(createCheckoutSession(), [LAPTOP], deps));
    const { outcome } = await handleScan(session, PHONE, deps);
    expect(outcome).toMatchObject({ kind: 'item_added', line_id: 'L2' });
  });
});

describe('setFulfillment', () => {
  it('drops the serial when shipping', async () => {
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A], makeScanDeps());
    const shipped = setFulfillment(session, 'L1', 'SHIPPING');
    expect(shipped.lines[0]?.fulfillment).toBe('SHIPPING');
    expect(shipped.lines[0]).not.toHaveProperty('serial_number');
  });

  it('sets the shipped serial aside', async () => {
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A], makeScanDeps());
    expect(setFulfillment(session, 'L1', 'SHIPPING').lines[0]?.set_aside_serial).toBe(SERIAL_A);
  });

  it('sets nothing aside without a serial', async () => {
    const session = await scanAll(createCheckoutSession(), [LAPTOP], makeScanDeps());
    expect(setFulfillment(session, 'L1', 'SHIPPING').lines[0]).not.toHaveProperty('set_aside_serial');
  });

  it('clears the set-aside serial when taken now', async () => {
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A], makeScanDeps());
    const back = setFulfillment(setFulfillment(session, 'L1', 'SHIPPING'), 'L1', 'IN_STORE_HANDOVER');
    expect(back.lines[0]).not.toHaveProperty('set_aside_serial');
    expect(back.lines[0]).not.toHaveProperty('serial_number');
  });

  it('stops waiting for a shipped line', async () => {
    const session = await scanAll(createCheckoutSession(), [LAPTOP], makeScanDeps());
    expect(setFulfillment(session, 'L1', 'SHIPPING').awaiting).toEqual({ step: 'item' });
  });

  it('keeps waiting for another line', async () => {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [TSHIRT, LAPTOP], deps);
    expect(setFulfillment(session, 'L1', 'SHIPPING').awaiting).toEqual({ step: 'serial', line_id: 'L2' });
  });

  it('never lists a shipped unit as missing', async () => {
    const session = setFulfillment(await scanAll(createCheckoutSession(), [LAPTOP], makeScanDeps()), 'L1', 'SHIPPING');
    expect(linesNeedingSerial(session)).toEqual([]);
  });

  it('needs a serial again when taken now', async () => {
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A], makeScanDeps());
    const back = setFulfillment(setFulfillment(session, 'L1', 'SHIPPING'), 'L1', 'IN_STORE_HANDOVER');
    expect(linesNeedingSerial(back).map((line) => line.line_id)).toEqual(['L1']);
  });

  it('keeps an unchanged session', async () => {
    const session = await scanAll(createCheckoutSession(), [LAPTOP], makeScanDeps());
    expect(setFulfillment(session, 'L1', 'IN_STORE_HANDOVER')).toBe(session);
  });

  it('leaves the input session unchanged', async () => {
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A], makeScanDeps());
    setFulfillment(session, 'L1', 'SHIPPING');
    expect(session.lines[0]?.serial_number).toBe(SERIAL_A);
  });
});

describe('removeLine', () => {
  it('removes the unit and its serial', async () => {
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A, PHONE], makeScanDeps());
    const removed = removeLine(session, 'L1');
    expect(removed.lines.map((line) => line.line_id)).toEqual(['L2']);
    expect(removed.lines.some((line) => line.serial_number === SERIAL_A)).toBe(false);
  });

  it('stops waiting for a removed line', async () => {
    const session = await scanAll(createCheckoutSession(), [LAPTOP], makeScanDeps());
    expect(removeLine(session, 'L1').awaiting).toEqual({ step: 'item' });
  });

  it('ignores an unknown line', () => {
    const session = createCheckoutSession();
    expect(removeLine(session, 'L9')).toBe(session);
  });
});

describe('linesNeedingSerial', () => {
  it('lists in-store serialized units without serial', async () => {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A, PHONE], deps);
    const withPlain = await scanAll(skipSerial(session), [TSHIRT], deps);
    expect(linesNeedingSerial(withPlain).map((line) => line.line_id)).toEqual(['L2']);
  });
});
