import { describe, expect, it } from 'vitest';
import {
  askPickSerialFor,
  capturePickSerial,
  completePick,
  countPicked,
  createPickSession,
  findPickBlocker,
  handlePickScan,
  skipPickSerial,
  undoPickedUnit,
  unitsNeedingSerial,
  type PickSession,
} from '../../src/domain/picking-session.ts';
import { demoProduct } from './demo-data.ts';
import { makePickDeps, makePickList, pickAll } from './pick-deps.ts';

const HEADPHONES = '614141020065'; // 1006, serialized
const LAPTOP = '9506000010014'; // 1001, serialized
const TSHIRT = '9506000010175'; // 1017, plain
const PHONE = '9506000010045'; // 1004, serialized, not on the list
const SERIAL_A = 'HP0000000000A1';
const SERIAL_B = 'HP0000000000B2';
const SERIAL_C = 'C02XK1ABCD1234';

// 1006 ×2 and 1001 ×1 serialized, 1017 ×1 plain.
const PICK_LIST = makePickList('PL-0009', [
  ['L1', '1006', 2],
  ['L2', '1001', 1],
  ['L3', '1017', 1],
]);

function newSession(): PickSession {
  return createPickSession(PICK_LIST);
}

describe('createPickSession', () => {
  it('takes the lines of the pick list', () => {
    expect(newSession().lines).toEqual([
      { line_id: 'L1', product_id: '1006', quantity: 2 },
      { line_id: 'L2', product_id: '1001', quantity: 1 },
      { line_id: 'L3', product_id: '1017', quantity: 1 },
    ]);
  });

  it('starts with nothing picked', () => {
    expect(newSession().units).toEqual([]);
  });

  it('waits for an item', () => {
    expect(newSession().awaiting).toEqual({ step: 'item' });
  });
});

describe('handlePickScan in item step', () => {
  it('picks a unit of a listed item', async () => {
    const { session, outcome } = await handlePickScan(newSession(), HEADPHONES, makePickDeps());

    expect(outcome).toEqual({
      kind: 'unit_picked',
      unit_id: 'U1',
      line_id: 'L1',
      product: demoProduct('1006'),
      picked: 1,
      quantity: 2,
      needs_serial: true,
    });
    expect(session.units).toEqual([
      { unit_id: 'U1', line_id: 'L1', product_id: '1006', title: 'Cove Noise-Cancelling Headphones', serialized: true },
    ]);
  });

  it('then waits for its serial', async () => {
    const { session } = await handlePickScan(newSession(), HEADPHONES, makePickDeps());
    expect(session.awaiting).toEqual({ step: 'serial', unit_id: 'U1' });
  });

  it('keeps waiting for an item after a plain unit', async () => {
    const { session, outcome } = await handlePickScan(newSession(), TSHIRT, makePickDeps());
    expect(outcome).toMatchObject({ kind: 'unit_picked', line_id: 'L3', needs_serial: false });
    expect(session.awaiting).toEqual({ step: 'item' });
  });

  it('finds the item by SKU', async () => {
    const { outcome } = await handlePickScan(newSession(), 'AUD-1006', makePickDeps());
    expect(outcome).toMatchObject({ kind: 'unit_picked', line_id: 'L1' });
  });

  it('rejects an item not on the list', async () => {
    const start = newSession();
    const { session, outcome } = await handlePickScan(start, PHONE, makePickDeps());

    expect(outcome).toEqual({ kind: 'not_on_pick_list', code: PHONE, product: demoProduct('1004') });
    expect(session.units).toEqual([]);
  });

  it('rejects an over-pick', async () => {
    const deps = makePickDeps();
    const picked = await pickAll(newSession(), [TSHIRT], deps);

    const { session, outcome } = await handlePickScan(picked, TSHIRT, deps);

    expect(outcome).toEqual({ kind: 'already_picked_in_full', code: TSHIRT, product: demoProduct('1017'), quantity: 1 });
    expect(countPicked(session, 'L3')).toBe(1);
  });

  it('fills the next line of the same product', async () => {
    const list = makePickList('PL-0010', [
      ['A', '1017', 1],
      ['B', '1017', 1],
    ]);
    const deps = makePickDeps();

    const session = await pickAll(createPickSession(list), [TSHIRT, TSHIRT], deps);

    expect(session.units.map((unit) => unit.line_id)).toEqual(['A', 'B']);
  });

  it('reports an unknown code as not found', async () => {
    const { outcome } = await handlePickScan(newSession(), '4006381333931', makePickDeps());
    expect(outcome).toEqual({ kind: 'product_not_found', code: '4006381333931' });
  });

  it('never takes a serial for an item', async () => {
    const { session, outcome } = await handlePickScan(newSession(), SERIAL_C, makePickDeps());
    expect(outcome).toEqual({ kind: 'looks_like_serial', code: SERIAL_C });
    expect(session.units).toEqual([]);
  });

  it('rejects an empty scan', async () => {
    const { outcome } = await handlePickScan(newSession(), ' \r\n', makePickDeps());
    expect(outcome).toMatchObject({ kind: 'invalid_scan', reason: 'empty' });
  });
});

describe('handlePickScan in serial step', () => {
  it('captures the serial', async () => {
    const deps = makePickDeps();
    const picked = await pickAll(newSession(), [HEADPHONES], deps);

    const { session, outcome } = await handlePickScan(picked, ` ${SERIAL_A}\r`, deps);

    expect(outcome).toEqual({
      kind: 'pick_serial_captured',
      unit_id: 'U1',
      serial: SERIAL_A,
      title: 'Cove Noise-Cancelling Headphones',
    });
    expect(session.units[0]?.serial_number).toBe(SERIAL_A);
    expect(session.awaiting).toEqual({ step: 'item' });
  });

  it('rejects a serial used on this list', async () => {
    const deps = makePickDeps();
    const picked = await pickAll(newSession(), [HEADPHONES, SERIAL_A, HEADPHONES], deps);

    const { session, outcome } = await handlePickScan(picked, SERIAL_A, deps);

    expect(outcome).toEqual({
      kind: 'serial_on_pick_list',
      serial: SERIAL_A,
      unit_id: 'U1',
      title: 'Cove Noise-Cancelling Headphones',
    });
    expect(session.units[1]?.serial_number).toBeUndefined();
    expect(session.awaiting).toEqual({ step: 'serial', unit_id: 'U2' });
  });

  it('rejects a serial used on another line', async () => {
    const deps = makePickDeps();
    const picked = await pickAll(newSession(), [HEADPHONES, SERIAL_A, LAPTOP], deps);

    const { outcome } = await handlePickScan(picked, SERIAL_A, deps);

    expect(outcome).toMatchObject({ kind: 'serial_on_pick_list', unit_id: 'U1' });
  });

  it('rejects the own barcode as serial', async () => {
    const deps = makePickDeps();
    const picked = await pickAll(newSession(), [HEADPHONES], deps);

    const { session, outcome } = await handlePickScan(picked, HEADPHONES, deps);

    expect(outcome).toEqual({ kind: 'serial_is_own_code', serial: HEADPHONES, code: 'barcode' });
    expect(session).toBe(picked);
  });

  it('rejects the own SKU as serial', async () => {
    const deps = makePickDeps(null);
    const picked = await pickAll(newSession(), [HEADPHONES], deps);

    const { outcome } = await handlePickScan(picked, 'AUD-1006', deps);

    expect(outcome).toEqual({ kind: 'serial_is_own_code', serial: 'AUD-1006', code: 'SKU' });
  });

  it('rejects another product barcode', async () => {
    const deps = makePickDeps();
    const picked = await pickAll(newSession(), [HEADPHONES], deps);

    const { outcome } = await handlePickScan(picked, LAPTOP, deps);

    expect(outcome).toMatchObject({ kind: 'serial_is_other_product', serial: LAPTOP });
  });

  it('rejects a serial in the wrong format', async () => {
    const deps = makePickDeps();
    const picked = await pickAll(newSession(), [HEADPHONES], deps);

    const { outcome } = await handlePickScan(picked, 'abc-12', deps);

    expect(outcome).toMatchObject({ kind: 'serial_format', serial: 'abc-12', pattern: '^[A-Z0-9]{14}$' });
  });

  it('accepts any serial without a format', async () => {
    const deps = makePickDeps(null);
    const picked = await pickAll(newSession(), [HEADPHONES], deps);

    const { outcome } = await handlePickScan(picked, 'abc-12', deps);

    expect(outcome).toMatchObject({ kind: 'pick_serial_captured', serial: 'abc-12' });
  });
});

describe('handlePickScan with GS1', () => {
  const LAPTOP_GS1 = `0109506000010014` + `21${SERIAL_C}`;

  it('picks and captures in one scan', async () => {
    const { session, outcome } = await handlePickScan(newSession(), LAPTOP_GS1, makePickDeps());

    expect(outcome).toMatchObject({ kind: 'pick_serial_captured', serial: SERIAL_C });
    expect(session.units).toEqual([
      { unit_id: 'U1', line_id: 'L2', product_id: '1001', title: 'Trailhead 14 Laptop, 16 GB', serialized: true, serial_number: SERIAL_C },
    ]);
    expect(session.awaiting).toEqual({ step: 'item' });
  });

  it('rejects a GTIN not on the list', async () => {
    const { outcome } = await handlePickScan(newSession(), `0109506000010045` + `21${SERIAL_C}`, makePickDeps());
    expect(outcome).toMatchObject({ kind: 'not_on_pick_list', product: demoProduct('1004') });
  });

  it('rejects another GTIN as serial', async () => {
    const deps = makePickDeps();
    const picked = await pickAll(newSession(), [HEADPHONES], deps);

    const { session, outcome } = await handlePickScan(picked, LAPTOP_GS1, deps);

    expect(outcome).toMatchObject({ kind: 'serial_is_other_product', product: demoProduct('1001') });
    expect(session).toBe(picked);
  });
});

describe('capturePickSerial', () => {
  it('rejects a plain unit', async () => {
    const deps = makePickDeps();
    const picked = await pickAll(newSession(), [TSHIRT], deps);

    const { session, outcome } = await capturePickSerial(picked, 'U1', SERIAL_A, deps);

    expect(outcome).toEqual({ kind: 'invalid_scan', code: SERIAL_A, reason: 'serial_not_needed' });
    expect(session).toBe(picked);
  });

  it('reports an undone unit', async () => {
    const { outcome } = await capturePickSerial(newSession(), 'U7', SERIAL_A, makePickDeps());
    expect(outcome).toEqual({ kind: 'invalid_scan', code: SERIAL_A, reason: 'unit_not_found' });
  });

  it('replaces a serial on request', async () => {
    const deps = makePickDeps();
    const picked = await pickAll(newSession(), [HEADPHONES, SERIAL_A], deps);
    const asked = askPickSerialFor(picked, 'U1');

    const { session } = await handlePickScan(asked, SERIAL_B, deps);

    expect(asked.awaiting).toEqual({ step: 'serial', unit_id: 'U1' });
    expect(session.units[0]?.serial_number).toBe(SERIAL_B);
  });
});

describe('undoPickedUnit', () => {
  it('removes the unit with its serial', async () => {
    const deps = makePickDeps();
    const picked = await pickAll(newSession(), [HEADPHONES, SERIAL_A], deps);

    const undone = undoPickedUnit(picked, 'U1');

    expect(undone.units).toEqual([]);
    expect(countPicked(undone, 'L1')).toBe(0);
  });

  it('frees the serial for another unit', async () => {
    const deps = makePickDeps();
    const picked = await pickAll(newSession(), [HEADPHONES, SERIAL_A, HEADPHONES], deps);
    const undone = undoPickedUnit(picked, 'U1');

    const { outcome } = await handlePickScan(undone, SERIAL_A, deps);

    expect(outcome).toMatchObject({ kind: 'pick_serial_captured', unit_id: 'U2', serial: SERIAL_A });
  });

  it('stops waiting for the undone unit', async () => {
    const picked = await pickAll(newSession(), [HEADPHONES], makePickDeps());
    expect(undoPickedUnit(picked, 'U1').awaiting).toEqual({ step: 'item' });
  });

  it('allows picking the line again', async () => {
    const deps = makePickDeps();
    const picked = await pickAll(newSession(), [TSHIRT], deps);

    const { outcome } = await handlePickScan(undoPickedUnit(picked, 'U1'), TSHIRT, deps);

    expect(outcome).toMatchObject({ kind: 'unit_picked', line_id: 'L3', picked: 1 });
  });

  it('ignores an unknown unit', () => {
    const session = newSession();
    expect(undoPickedUnit(session, 'U9')).toBe(session);
  });
});

describe('skipPickSerial', () => {
  it('keeps the unit among those needing a serial', async () => {
    const picked = await pickAll(newSession(), [HEADPHONES], makePickDeps());

    const skipped = skipPickSerial(picked);

    expect(skipped.awaiting).toEqual({ step: 'item' });
    expect(unitsNeedingSerial(skipped).map((unit) => unit.unit_id)).toEqual(['U1']);
  });
});

describe('completePick', () => {
  const ALL_SCANS = [HEADPHONES, SERIAL_A, TSHIRT, LAPTOP, SERIAL_C, HEADPHONES, SERIAL_B];
  const COMPLETED_AT = '2026-12-04T10:30:00.000Z';

  it('names the lines still to pick', async () => {
    const session = await pickAll(newSession(), [HEADPHONES, SERIAL_A], makePickDeps());

    expect(findPickBlocker(session)).toEqual({
      kind: 'units_missing',
      lines: [
        { line_id: 'L1', product_id: '1006', missing: 1 },
        { line_id: 'L2', product_id: '1001', missing: 1 },
        { line_id: 'L3', product_id: '1017', missing: 1 },
      ],
    });
  });

  it('blocks an empty pick', () => {
    expect(completePick(newSession(), COMPLETED_AT)).toMatchObject({ ok: false, blocked: { kind: 'units_missing' } });
  });

  it('blocks a missing serial', async () => {
    const deps = makePickDeps();
    const picked = await pickAll(newSession(), [HEADPHONES, SERIAL_A, TSHIRT, LAPTOP, SERIAL_C, HEADPHONES], deps);

    const result = completePick(skipPickSerial(picked), COMPLETED_AT);

    expect(result).toEqual({
      ok: false,
      blocked: { kind: 'pick_serials_missing', units: [{ unit_id: 'U4', title: 'Cove Noise-Cancelling Headphones' }] },
    });
  });

  it('lists units in line order', async () => {
    const session = await pickAll(newSession(), ALL_SCANS, makePickDeps());

    const result = completePick(session, COMPLETED_AT);

    expect(result).toEqual({
      ok: true,
      completion: {
        pick_list_id: 'PL-0009',
        completed_at: COMPLETED_AT,
        units: [
          { line_id: 'L1', product_id: '1006', serial_number: SERIAL_A },
          { line_id: 'L1', product_id: '1006', serial_number: SERIAL_B },
          { line_id: 'L2', product_id: '1001', serial_number: SERIAL_C },
          { line_id: 'L3', product_id: '1017' },
        ],
      },
    });
  });

  it('unblocks after the last serial', async () => {
    const session = await pickAll(newSession(), ALL_SCANS, makePickDeps());
    expect(findPickBlocker(session)).toBeUndefined();
  });

  it('blocks again after an undo', async () => {
    const session = await pickAll(newSession(), ALL_SCANS, makePickDeps());
    expect(findPickBlocker(undoPickedUnit(session, 'U2'))).toMatchObject({ kind: 'units_missing' });
  });
});
