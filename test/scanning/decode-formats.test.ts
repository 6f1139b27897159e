import { describe, expect, it } from 'vitest';
import { parseFormats, RETAIL_FORMATS, toEngineFormats } from '../../src/scanning/decode-formats.ts';

describe('parseFormats', () => {
  it('accepts every retail format', () => {
    expect(parseFormats(RETAIL_FORMATS)).toEqual([...RETAIL_FORMATS]);
  });

  it('removes duplicates', () => {
    expect(parseFormats(['EAN-13', 'EAN-13', 'QR Code'])).toEqual(['EAN-13', 'QR Code']);
  });

  it('rejects an unknown format by name', () => {
    expect(() => parseFormats(['EAN13'])).toThrow(/Unknown barcode format "EAN13"\. Use one of EAN-13,/);
  });

  it('rejects an empty list', () => {
    expect(() => parseFormats([])).toThrow(RangeError);
  });
});

describe('toEngineFormats', () => {
  it('uses zxing-cpp names', () => {
    expect(toEngineFormats(['UPC-E', 'Code 128', 'GS1 DataBar', 'Data Matrix'])).toEqual([
      'UPCE',
      'Code128',
      'DataBar',
      'DataMatrix',
    ]);
  });
});

describe('RETAIL_FORMATS', () => {
  it('is frozen', () => {
    expect(Object.isFrozen(RETAIL_FORMATS)).toBe(true);
  });
});
