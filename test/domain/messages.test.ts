import { describe, expect, it } from 'vitest';
import { messageFor } from '../../src/domain/messages.ts';
import { demoProduct } from './demo-data.ts';

describe('messageFor', () => {
  it('asks for the serial after a serialized item', () => {
    const message = messageFor({ kind: 'item_added', line_id: 'L1', product: demoProduct('1001'), needs_serial: true });
    expect(message).toEqual({
      tone: 'success',
      text: 'Added Trailhead 14 Laptop, 16 GB. Scan the serial number on the unit.',
    });
  });

  it('confirms a plain item', () => {
    const message = messageFor({ kind: 'item_added', line_id: 'L1', product: demoProduct('1017'), needs_serial: false });
    expect(message.text).toBe('Added Everyday Crew T-Shirt, M, Navy.');
  });

  it('names a product without title by id', () => {
    const product = { product_id: '77', serialized_inventory: false, external_identifiers: [] };
    expect(messageFor({ kind: 'item_added', line_id: 'L1', product, needs_serial: false }).text).toBe('Added Product 77.');
  });

  it('reports a new quantity', () => {
    const message = messageFor({ kind: 'quantity_increased', line_id: 'L1', product: demoProduct('1017'), quantity: 2 });
    expect(message.text).toBe('Added another Everyday Crew T-Shirt, M, Navy. The quantity is now 2.');
  });

  it('confirms a captured serial', () => {
    const message = messageFor({
      kind: 'serial_captured',
      line_id: 'L1',
      serial: 'C02XK1ABCD1234',
      product_id: '1001',
      title: 'Trailhead 14 Laptop, 16 GB',
    });
    expect(message).toEqual({ tone: 'success', text: 'Serial C02XK1ABCD1234 saved for Trailhead 14 Laptop, 16 GB.' });
  });

  it('reports an unknown code', () => {
    expect(messageFor({ kind: 'product_not_found', code: 'ABC' })).toEqual({
      tone: 'error',
      text: 'No product has the code ABC. Check the code and scan the product barcode.',
    });
  });

  it('asks for the product before a serial', () => {
    expect(messageFor({ kind: 'looks_like_serial', code: 'C02XK1ABCD1234' }).text).toBe(
      'C02XK1ABCD1234 looks like a serial number, but the app needs the product first. ' +
        'Scan the product barcode, then the serial.',
    );
  });

  it('reports a format mismatch', () => {
    const message = messageFor({
      kind: 'serial_format',
      serial: '12AB',
      pattern: '^[A-Z0-9]{14}$',
      description: '14 capital letters or digits',
      source: 'store',
    });
    expect(message.text).toBe(
      'Serial 12AB does not match the format set for this store (14 capital letters or digits). ' +
        'Scan it again or type it.',
    );
  });

  it('names a global format the default', () => {
    const message = messageFor({
      kind: 'serial_format',
      serial: '12AB',
      pattern: '^[A-Z0-9]{14}$',
      description: '14 capital letters or digits',
      source: 'global',
    });
    expect(message.text).toBe(
      'Serial 12AB does not match the default format for all stores (14 capital letters or digits). ' +
        'Scan it again or type it.',
    );
  });

  it('reports the item own barcode', () => {
    expect(messageFor({ kind: 'serial_is_own_code', serial: '9506000010045', code: 'barcode' }).text).toBe(
      '9506000010045 is the barcode of this item, not its serial. Scan the serial number on the unit.',
    );
  });

  it('reports the item own SKU', () => {
    expect(messageFor({ kind: 'serial_is_own_code', serial: 'PHN-1004', code: 'SKU' }).text).toBe(
      'PHN-1004 is the SKU of this item, not its serial. Scan the serial number on the unit.',
    );
  });

  it('hints that the serial is still awaited', () => {
    const text = messageFor({
      kind: 'serial_is_other_product',
      serial: '9506000010014',
      product: demoProduct('1001'),
    }).text;
    expect(text).toContain('9506000010014 is the barcode of Trailhead 14 Laptop, 16 GB, not a serial.');
    expect(text).toContain('still waiting for the serial of this item');
  });

  it('reports a serial used in this sale', () => {
    const text = messageFor({ kind: 'serial_in_order', serial: 'C02XK1ABCD1234', line_id: 'L1' }).text;
    expect(text).toBe('Serial C02XK1ABCD1234 is already on another line of this sale. Scan the serial number of this unit.');
  });

  it('names the other line when known', () => {
    const outcome = { kind: 'serial_in_order' as const, serial: 'C02XK1ABCD1234', line_id: 'L1' };
    const text = messageFor(outcome, { lineTitle: (lineId) => (lineId === 'L1' ? 'Laptop' : undefined) }).text;
    expect(text).toContain('another line of this sale (Laptop)');
  });

  it('reports an empty serial', () => {
    expect(messageFor({ kind: 'serial_empty' }).tone).toBe('error');
  });

  it('reports a long serial with its length', () => {
    expect(messageFor({ kind: 'serial_too_long', length: 200, max: 128 }).text).toContain(
      'The serial has 200 characters, more than the 128 allowed.',
    );
  });

  it('reports an unusable pattern', () => {
    const text = messageFor({
      kind: 'pattern_unusable',
      serial: 'C02XK1ABCD1234',
      pattern: '^[A-Z0-9{14}$',
      error: 'missing closing ]',
    }).text;
    expect(text).toContain('Serial C02XK1ABCD1234 was not saved');
    expect(text).toContain('"^[A-Z0-9{14}$"');
    expect(text).toContain('Ask an administrator');
  });

  it('reports an empty scan', () => {
    expect(messageFor({ kind: 'invalid_scan', code: '', reason: 'empty' }).text).toBe(
      'The scan was empty. Scan the barcode again or type it.',
    );
  });

  it('reports a long scan', () => {
    const text = messageFor({ kind: 'invalid_scan', code: '9'.repeat(129), reason: 'too_long', length: 129 }).text;
    expect(text).toContain('The scan has 129 characters, more than the 128 allowed');
  });

  it('reports a removed line', () => {
    const text = messageFor({ kind: 'invalid_scan', code: 'SN1', reason: 'line_not_found' }).text;
    expect(text).toContain('Serial SN1 was not saved');
  });

  it('reports a line without serial', () => {
    expect(messageFor({ kind: 'invalid_scan', code: 'SN1', reason: 'serial_not_needed' }).tone).toBe('info');
  });

  it('reports an unknown scan reason', () => {
    expect(messageFor({ kind: 'invalid_scan', code: 'X', reason: 'other' }).text).toContain('X could not be used');
  });

  it('names the serial removed by shipping', () => {
    const message = messageFor({ kind: 'serial_set_aside', line_id: 'L1', serial: 'C02XK1ABCD1234', title: 'Trailhead 14 Laptop' });
    expect(message.tone).toBe('info');
    expect(message.text).toBe(
      'Shipped items get no serial at checkout, so serial C02XK1ABCD1234 was removed from Trailhead 14 Laptop. ' +
        'To keep it, set the line back to Take now before completing the sale.',
    );
  });

  it('confirms a restored serial', () => {
    const message = messageFor({ kind: 'serial_restored', line_id: 'L1', serial: 'C02XK1ABCD1234', title: 'Trailhead 14 Laptop' });
    expect(message.tone).toBe('success');
    expect(message.text).toBe('Serial C02XK1ABCD1234 is back on Trailhead 14 Laptop, which is taken now.');
  });

  it('explains a serial not restored', () => {
    const message = messageFor(
      {
        kind: 'serial_not_restored',
        line_id: 'L1',
        serial: 'C02XK1ABCD1234',
        title: 'Trailhead 14 Laptop',
        reason: { kind: 'serial_in_order', serial: 'C02XK1ABCD1234', line_id: 'L2' },
      },
      { lineTitle: (lineId) => (lineId === 'L2' ? 'Summit 6.1 Smartphone' : undefined) },
    );
    expect(message.tone).toBe('error');
    expect(message.text).toBe(
      'Serial C02XK1ABCD1234 was not put back on Trailhead 14 Laptop. Serial C02XK1ABCD1234 is already on ' +
        'another line of this sale (Summit 6.1 Smartphone). Scan the serial number of this unit.',
    );
  });

  it('reports an empty cart', () => {
    expect(messageFor({ kind: 'cart_empty' })).toEqual({
      tone: 'info',
      text: 'The cart is empty. Scan a product barcode to start a sale.',
    });
  });

  it('counts missing serials', () => {
    expect(messageFor({ kind: 'serial_missing', line_ids: ['L1', 'L2'] }).text).toBe(
      '2 items taken now still need their serials. Scan the serial of each, or set the line to Ship, ' +
        'then complete the sale.',
    );
  });

  it('names units missing serials', () => {
    const titles: Record<string, string> = { L1: 'Laptop' };
    const text = messageFor({ kind: 'serial_missing', line_ids: ['L1'] }, { lineTitle: (id) => titles[id] }).text;
    expect(text).toContain('1 item taken now still needs its serial (Laptop).');
  });
});
