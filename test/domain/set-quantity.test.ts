import { describe, expect, it } from 'vitest';
import {
  createCheckoutSession,
  linesNeedingSerial,
  setFulfillment,
  setQuantity,
  skipSerial,
} from '../../src/domain/checkout-session.ts';
import { makeLineIds, makeScanDeps, scanAll } from './scan-deps.ts';

const LAPTOP = '9506000010014';
const PHONE = '9506000010045';
const TSHIRT = '9506000010175';
const SERIAL_A = 'C02XK1ABCD1234';
const SERIAL_B = 'C02XK1ABCD5678';

function newIds(): () => string {
  let next = 0;
  return () => {
    next += 1;
    return `N${next}`;
  };
}

describe('setQuantity on a plain line', () => {
  it('sets the quantity', async () => {
    const session = await scanAll(createCheckoutSession(), [TSHIRT], makeScanDeps());
    expect(setQuantity(session, 'L1', 3, newIds()).lines[0]?.quantity).toBe(3);
  });

  it('removes the line at 0', async () => {
    const session = await scanAll(createCheckoutSession(), [TSHIRT], makeScanDeps());
    expect(setQuantity(session, 'L1', 0, newIds()).lines).toEqual([]);
  });

  it('keeps an unchanged session', async () => {
    const session = await scanAll(createCheckoutSession(), [TSHIRT], makeScanDeps());
    expect(setQuantity(session, 'L1', 1, newIds())).toBe(session);
  });
});

describe('setQuantity on serialized units', () => {
  it('adds unit lines after the group', async () => {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A, TSHIRT], deps);
    const grown = setQuantity(session, 'L1', 3, newIds());
    expect(grown.lines.map((line) => line.line_id)).toEqual(['L1', 'N1', 'N2', 'L2']);
  });

  it('adds units of the same product and fulfillment', async () => {
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A], makeScanDeps());
    const added = setQuantity(session, 'L1', 2, newIds()).lines[1];
    expect(added).toEqual({
      line_id: 'N1',
      product_id: '1001',
      title: 'Trailhead 14 Laptop, 16 GB',
      serialized: true,
      quantity: 1,
      fulfillment: 'IN_STORE_HANDOVER',
    });
  });

  it('keeps quantity 1 per line', async () => {
    const session = await scanAll(createCheckoutSession(), [LAPTOP], makeScanDeps());
    const grown = setQuantity(session, 'L1', 4, newIds());
    expect(grown.lines.map((line) => line.quantity)).toEqual([1, 1, 1, 1]);
  });

  it('lists added units as missing serials', async () => {
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A], makeScanDeps());
    const grown = setQuantity(session, 'L1', 3, newIds());
    expect(linesNeedingSerial(grown).map((line) => line.line_id)).toEqual(['N1', 'N2']);
  });

  it('removes units without serial first', async () => {
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A], makeScanDeps());
    const grown = setQuantity(session, 'L1', 3, newIds());
    const shrunk = setQuantity(grown, 'N2', 1, newIds());
    expect(shrunk.lines.map((line) => line.line_id)).toEqual(['L1']);
    expect(shrunk.lines[0]?.serial_number).toBe(SERIAL_A);
  });

  it('removes serials with their units', async () => {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A, LAPTOP, SERIAL_B, LAPTOP], deps);
    const shrunk = setQuantity(session, 'L1', 1, newIds());
    expect(shrunk.lines.map((line) => line.line_id)).toEqual(['L1']);
    expect(shrunk.lines.map((line) => line.serial_number)).toEqual([SERIAL_A]);
  });

  it('removes every unit at 0', async () => {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A, LAPTOP, SERIAL_B, PHONE], deps);
    const shrunk = setQuantity(session, 'L2', 0, newIds());
    expect(shrunk.lines.map((line) => line.line_id)).toEqual(['L3']);
  });

  it('stops waiting for a removed unit', async () => {
    const session = await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A, LAPTOP], makeScanDeps());
    const shrunk = setQuantity(session, 'L1', 1, newIds());
    expect(shrunk.awaiting).toEqual({ step: 'item' });
  });

  it('counts only units of the same fulfillment', async () => {
    const deps = makeScanDeps();
    const session = skipSerial(await scanAll(createCheckoutSession(), [LAPTOP, SERIAL_A, LAPTOP], deps));
    const mixed = setFulfillment(session, 'L2', 'SHIPPING');
    const grown = setQuantity(mixed, 'L1', 2, newIds());
    expect(grown.lines.map((line) => `${line.line_id}:${line.fulfillment}`)).toEqual([
      'L1:IN_STORE_HANDOVER',
      'N1:IN_STORE_HANDOVER',
      'L2:SHIPPING',
    ]);
  });

  it('keeps an unchanged group', async () => {
    const session = await scanAll(createCheckoutSession(), [LAPTOP], makeScanDeps());
    expect(setQuantity(session, 'L1', 1, makeLineIds())).toBe(session);
  });
});

describe('setQuantity input', () => {
  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %s', async (quantity) => {
    const session = await scanAll(createCheckoutSession(), [TSHIRT], makeScanDeps());
    expect(() => setQuantity(session, 'L1', quantity, newIds())).toThrow(RangeError);
  });

  it('names the value in the error', async () => {
    const session = await scanAll(createCheckoutSession(), [TSHIRT], makeScanDeps());
    expect(() => setQuantity(session, 'L1', -2, newIds())).toThrow('Quantity -2 is not valid');
  });

  it('ignores an unknown line', () => {
    const session = createCheckoutSession();
    expect(setQuantity(session, 'L9', 2, newIds())).toBe(session);
  });
});
