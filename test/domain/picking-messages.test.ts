import { describe, expect, it } from 'vitest';
import { pickMessageFor } from '../../src/domain/picking-messages.ts';
import { demoProduct } from './demo-data.ts';

describe('pickMessageFor', () => {
  it('counts a picked unit', () => {
    const message = pickMessageFor({
      kind: 'unit_picked',
      unit_id: 'U1',
      line_id: 'L1',
      product: demoProduct('1006'),
      picked: 1,
      quantity: 2,
      needs_serial: true,
    });
    expect(message).toEqual({
      tone: 'success',
      text: 'Picked Cove Noise-Cancelling Headphones (1 of 2 picked). Scan the serial number on the unit.',
    });
  });

  it('names an item not on the list', () => {
    const message = pickMessageFor({ kind: 'not_on_pick_list', code: '9506000010045', product: demoProduct('1004') });
    expect(message.tone).toBe('error');
    expect(message.text).toBe(
      '9506000010045 is Summit 6.1 Smartphone, 256 GB, Sand, which is not on this pick list. ' +
        'Put it back and scan an item from the list.',
    );
  });

  it('explains an over-pick', () => {
    const message = pickMessageFor({ kind: 'already_picked_in_full', code: 'ACC-1021', product: demoProduct('1021'), quantity: 2 });
    expect(message.text).toContain('Canvas Tote Bag is already picked in full (all 2 units)');
  });

  it('names the unit with the same serial', () => {
    const message = pickMessageFor({ kind: 'serial_on_pick_list', serial: 'HP0000000000A1', unit_id: 'U1', title: 'Cove Headphones' });
    expect(message.text).toBe(
      'Serial HP0000000000A1 is already on another unit of this pick list (Cove Headphones). ' +
        'Scan the serial number of this unit.',
    );
  });

  it('lists the lines still to pick', () => {
    const titles: Record<string, string> = { L1: 'Cove Headphones' };
    const message = pickMessageFor(
      {
        kind: 'units_missing',
        lines: [
          { line_id: 'L1', product_id: '1006', missing: 2 },
          { line_id: 'L2', product_id: '1001', missing: 1 },
        ],
      },
      { lineTitle: (lineId) => titles[lineId] },
    );
    expect(message.text).toBe(
      '3 units are still to be picked (2 × Cove Headphones, 1 × product 1001). Scan each item, then complete the pick.',
    );
  });

  it('lists units without serial', () => {
    const message = pickMessageFor({ kind: 'pick_serials_missing', units: [{ unit_id: 'U1', title: 'Cove Headphones' }] });
    expect(message.text).toBe('1 picked unit still needs its serial (Cove Headphones). Scan the serial of each, then complete the pick.');
  });

  it('reuses checkout wording for a format error', () => {
    const message = pickMessageFor({ kind: 'serial_format', serial: 'abc', pattern: '^[A-Z0-9]{14}$', description: '14 letters or digits', source: 'store' });
    expect(message.text).toContain('does not match the format set for this store (14 letters or digits)');
  });

  it('reports a serial for an undone unit', () => {
    const message = pickMessageFor({ kind: 'invalid_scan', code: 'HP0000000000A1', reason: 'unit_not_found' });
    expect(message.text).toContain('its unit was undone meanwhile');
  });
});
