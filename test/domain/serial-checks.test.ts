import { describe, expect, it, vi } from 'vitest';
import { findProductByCode } from '../../src/domain/product-keys.ts';
import { checkSerialForUnit, type SerialCheckContext } from '../../src/domain/serial-checks.ts';
import { createSerialPolicy } from '../../src/domain/serial-policy.ts';
import { demoProduct, loadConfigInForce, loadDemoProducts } from './demo-data.ts';

const products = loadDemoProducts();

function makeContext(overrides: Partial<SerialCheckContext> = {}): SerialCheckContext {
  return {
    product: demoProduct('1004'),
    policy: createSerialPolicy(loadConfigInForce('serial-14-alnum')),
    usedSerials: new Map(),
    findProduct: async (code) => findProductByCode(products, code),
    ...overrides,
  };
}

describe('checkSerialForUnit', () => {
  it('accepts a valid serial', async () => {
    expect(await checkSerialForUnit('C02XK1ABCD1234', makeContext())).toEqual({
      kind: 'serial_ok',
      serial: 'C02XK1ABCD1234',
    });
  });

  it('returns the serial as normalised', async () => {
    const outcome = await checkSerialForUnit(' ]C0C02XK1ABCD1234\r\n', makeContext());
    expect(outcome).toEqual({ kind: 'serial_ok', serial: 'C02XK1ABCD1234' });
  });

  it('rejects an empty serial', async () => {
    expect(await checkSerialForUnit('  \n', makeContext())).toEqual({ kind: 'serial_empty' });
  });

  it('rejects a long serial before lookup', async () => {
    const findProduct = vi.fn(async () => undefined);
    const outcome = await checkSerialForUnit('A'.repeat(129), makeContext({ findProduct }));
    expect(outcome).toEqual({ kind: 'serial_too_long', length: 129, max: 128 });
    expect(findProduct).not.toHaveBeenCalled();
  });

  it('rejects the item barcode', async () => {
    const outcome = await checkSerialForUnit('9506000010045', makeContext());
    expect(outcome).toEqual({ kind: 'serial_is_own_code', serial: '9506000010045', code: 'barcode' });
  });

  it('rejects the item SKU', async () => {
    const outcome = await checkSerialForUnit('PHN-1004', makeContext());
    expect(outcome).toEqual({ kind: 'serial_is_own_code', serial: 'PHN-1004', code: 'SKU' });
  });

  it('rejects the item product_id', async () => {
    const outcome = await checkSerialForUnit('1004', makeContext());
    expect(outcome).toEqual({ kind: 'serial_is_own_code', serial: '1004', code: 'product id' });
  });

  it('rejects the same GTIN in another length', async () => {
    const outcome = await checkSerialForUnit('0614141020034', makeContext({ product: demoProduct('1003') }));
    expect(outcome).toEqual({ kind: 'serial_is_own_code', serial: '0614141020034', code: 'barcode' });
  });

  it('reports own code before format', async () => {
    // 9506000010045 is 13 characters, so the 14-character pattern would also reject it.
    const outcome = await checkSerialForUnit(']E09506000010045', makeContext());
    expect(outcome.kind).toBe('serial_is_own_code');
  });

  it('rejects another product barcode', async () => {
    const outcome = await checkSerialForUnit('9506000010014', makeContext());
    expect(outcome).toEqual({ kind: 'serial_is_other_product', serial: '9506000010014', product: demoProduct('1001') });
  });

  it('reports other product before format', async () => {
    const outcome = await checkSerialForUnit('LAP-1001', makeContext());
    expect(outcome.kind).toBe('serial_is_other_product');
  });

  it('treats a lookup of itself as own code', async () => {
    const product = demoProduct('1004');
    const outcome = await checkSerialForUnit('ALIAS00000001', makeContext({ findProduct: async () => product }));
    expect(outcome).toEqual({ kind: 'serial_is_own_code', serial: 'ALIAS00000001', code: 'barcode' });
  });

  it('rejects a serial used on another line', async () => {
    const usedSerials = new Map([['C02XK1ABCD1234', 'L1']]);
    const outcome = await checkSerialForUnit('C02XK1ABCD1234', makeContext({ usedSerials }));
    expect(outcome).toEqual({ kind: 'serial_in_order', serial: 'C02XK1ABCD1234', line_id: 'L1' });
  });

  it('reports duplicate before format', async () => {
    const usedSerials = new Map([['short', 'L7']]);
    const outcome = await checkSerialForUnit('short', makeContext({ usedSerials }));
    expect(outcome.kind).toBe('serial_in_order');
  });

  it('rejects a format mismatch', async () => {
    expect(await checkSerialForUnit('12AB', makeContext())).toEqual({
      kind: 'serial_format',
      serial: '12AB',
      pattern: '^[A-Z0-9]{14}$',
      description: '14 capital letters or digits',
      source: 'store',
    });
  });

  it('names the global format as its source', async () => {
    const policy = createSerialPolicy(loadConfigInForce('serial-14-alnum', 'global'));
    const outcome = await checkSerialForUnit('12AB', makeContext({ policy }));
    expect(outcome).toMatchObject({ kind: 'serial_format', source: 'global' });
  });

  it('accepts anything without pattern', async () => {
    const outcome = await checkSerialForUnit('sn 42', makeContext({ policy: createSerialPolicy(undefined) }));
    expect(outcome).toEqual({ kind: 'serial_ok', serial: 'sn 42' });
  });

  it('fails closed on an unusable pattern', async () => {
    const policy = createSerialPolicy(loadConfigInForce('invalid-pattern'));
    const outcome = await checkSerialForUnit('C02XK1ABCD1234', makeContext({ policy }));
    expect(outcome).toEqual({
      kind: 'pattern_unusable',
      serial: 'C02XK1ABCD1234',
      pattern: '^[A-Z0-9{14}$',
      error: expect.stringContaining('missing closing ]'),
    });
  });

  it('rejects catastrophic input promptly', async () => {
    const policy = createSerialPolicy(loadConfigInForce('catastrophic-pattern'));
    const outcome = await checkSerialForUnit(`${'A'.repeat(60)}!`, makeContext({ policy }));
    expect(outcome.kind).toBe('serial_format');
  });
});
