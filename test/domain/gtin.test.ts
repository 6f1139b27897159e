import { describe, expect, it } from 'vitest';
import { expandUpcE, gtinCheckDigit, isValidGtin, toGtin14 } from '../../src/domain/gtin.ts';
import { loadDemoProducts } from './demo-data.ts';

describe('gtinCheckDigit', () => {
  it('computes EAN-13 check digit', () => {
    expect(gtinCheckDigit('950600001001')).toBe(4);
  });

  it('computes UPC-A check digit', () => {
    expect(gtinCheckDigit('61414102003')).toBe(4);
  });

  it('computes EAN-8 check digit', () => {
    expect(gtinCheckDigit('9638507')).toBe(4);
  });

  it('computes GTIN-14 check digit', () => {
    expect(gtinCheckDigit('0950600013435')).toBe(2);
  });

  it('returns 0 when the sum is a multiple of 10', () => {
    expect(gtinCheckDigit('61414102030')).toBe(0);
  });

  it('rejects non-digits with the value', () => {
    expect(() => gtinCheckDigit('12A4')).toThrow(/"12A4".*digits 0-9/);
  });

  it('rejects an empty body', () => {
    expect(() => gtinCheckDigit('')).toThrow(RangeError);
  });
});

describe('isValidGtin', () => {
  it('accepts every demo GTIN', () => {
    const gtins = loadDemoProducts()
      .flatMap((product) => product.external_identifiers)
      .filter((identifier) => ['ean13', 'upca', 'gtin14'].includes(identifier.type));
    expect(gtins.length).toBeGreaterThan(30);
    for (const identifier of gtins) {
      expect(isValidGtin(identifier.value), identifier.value).toBe(true);
    }
  });

  it('accepts GTIN-8', () => {
    expect(isValidGtin('96385074')).toBe(true);
  });

  it('rejects a wrong check digit', () => {
    expect(isValidGtin('9506000010015')).toBe(false);
  });

  it('rejects a wrong UPC-A check digit', () => {
    expect(isValidGtin('614141020035')).toBe(false);
  });

  it.each(['1234567', '12345678901', '123456789012345', ''])('rejects length of %j', (code) => {
    expect(isValidGtin(code)).toBe(false);
  });

  it('rejects letters', () => {
    expect(isValidGtin('95060000100A4')).toBe(false);
  });

  it('rejects surrounding spaces', () => {
    expect(isValidGtin(' 9506000010014')).toBe(false);
  });
});

describe('toGtin14', () => {
  it('pads UPC-A to 14 digits', () => {
    expect(toGtin14('614141020034')).toBe('00614141020034');
  });

  it('pads a 13-digit UPC-A form', () => {
    expect(toGtin14('0614141020034')).toBe('00614141020034');
  });

  it('pads EAN-13', () => {
    expect(toGtin14('9506000010014')).toBe('09506000010014');
  });

  it('pads GTIN-8', () => {
    expect(toGtin14('96385074')).toBe('00000096385074');
  });

  it('keeps GTIN-14', () => {
    expect(toGtin14('09506000134352')).toBe('09506000134352');
  });

  it('returns undefined for a bad check digit', () => {
    expect(toGtin14('614141020035')).toBeUndefined();
  });

  it('returns undefined for a SKU', () => {
    expect(toGtin14('LAP-1001')).toBeUndefined();
  });
});

describe('expandUpcE', () => {
  it('expands 8-digit UPC-E', () => {
    expect(expandUpcE('04252614')).toBe('042100005264');
  });

  it('expands 7 digits with number system', () => {
    expect(expandUpcE('0425261')).toBe('042100005264');
  });

  it('expands 6 data digits', () => {
    expect(expandUpcE('425261')).toBe('042100005264');
  });

  it('rejects a wrong check digit', () => {
    expect(expandUpcE('04252615')).toBeUndefined();
  });

  it('rejects number system 2', () => {
    expect(expandUpcE('24252614')).toBeUndefined();
  });

  it('accepts number system 1', () => {
    expect(expandUpcE('1425261')).toBe('142100005261');
  });

  it.each([
    ['123450', '012000003455'],
    ['123451', '012100003454'],
    ['123452', '012200003453'],
    ['123453', '012300000451'],
    ['123454', '012340000053'],
    ['123455', '012345000058'],
    ['123456', '012345000065'],
    ['123459', '012345000096'],
  ])('expands %s by its last digit', (code, upcA) => {
    expect(expandUpcE(code)).toBe(upcA);
  });

  it('yields a valid UPC-A', () => {
    expect(isValidGtin(expandUpcE('04252614') ?? '')).toBe(true);
  });

  it.each(['12345', '123456789', '04A52614', ''])('rejects %j', (code) => {
    expect(expandUpcE(code)).toBeUndefined();
  });
});
