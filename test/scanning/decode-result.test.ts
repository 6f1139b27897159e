import { describe, expect, it } from 'vitest';
import { RETAIL_FORMATS, type RetailFormat } from '../../src/scanning/decode-formats.ts';
import { toDecodedCode, type EngineResult } from '../../src/scanning/decode-result.ts';

const ALL: ReadonlySet<RetailFormat> = new Set(RETAIL_FORMATS);

function result(fields: Partial<EngineResult> & Pick<EngineResult, 'format' | 'text'>): EngineResult {
  return { symbologyIdentifier: '', extra: '', ...fields };
}

describe('toDecodedCode', () => {
  it('returns UPC-A as 12 digits', () => {
    const code = toDecodedCode(result({ format: 'EAN13', text: '0036602301467', symbologyIdentifier: ']E0' }), ALL);
    expect(code).toEqual({ text: '036602301467', format: 'UPC-A', symbologyId: ']E0' });
  });

  it('strips the leading 0 of a UPCA result', () => {
    expect(toDecodedCode(result({ format: 'UPCA', text: '0036602301467' }), ALL)?.text).toBe('036602301467');
  });

  it('keeps EAN-13 when UPC-A was not requested', () => {
    const code = toDecodedCode(result({ format: 'EAN13', text: '0036602301467' }), new Set(['EAN-13']));
    expect(code).toEqual({ text: '0036602301467', format: 'EAN-13' });
  });

  it('keeps an EAN-13 not starting with 0', () => {
    expect(toDecodedCode(result({ format: 'EAN13', text: '9780804816632' }), ALL)?.format).toBe('EAN-13');
  });

  it('returns UPC-E as its printed 8 digits', () => {
    const code = toDecodedCode(result({ format: 'UPCE', text: '0012345000065', extra: '{"UPCE":"01234565"}' }), ALL);
    expect(code).toEqual({ text: '01234565', format: 'UPC-E' });
  });

  it('keeps the UPC-E GTIN without extra', () => {
    expect(toDecodedCode(result({ format: 'UPCE', text: '0012345000065' }), ALL)?.text).toBe('0012345000065');
  });

  it('ignores malformed UPC-E extra', () => {
    expect(toDecodedCode(result({ format: 'UPCE', text: '0012345000065', extra: '{"UPCE":' }), ALL)?.text).toBe(
      '0012345000065',
    );
  });

  it('names Code 128 with ]C1 GS1-128', () => {
    const code = toDecodedCode(result({ format: 'Code128', text: '0109506000134352\u001d21AB', symbologyIdentifier: ']C1' }), ALL);
    expect(code).toEqual({ text: '0109506000134352\u001d21AB', format: 'GS1-128', symbologyId: ']C1' });
  });

  it('names plain Code 128', () => {
    expect(toDecodedCode(result({ format: 'Code128', text: 'SN-1', symbologyIdentifier: ']C0' }), ALL)?.format).toBe('Code 128');
  });

  it('names Data Matrix with ]d2 GS1 DataMatrix', () => {
    expect(toDecodedCode(result({ format: 'DataMatrix', text: '01', symbologyIdentifier: ']d2' }), ALL)?.format).toBe(
      'GS1 DataMatrix',
    );
  });

  it('names plain Data Matrix', () => {
    expect(toDecodedCode(result({ format: 'DataMatrix', text: 'x', symbologyIdentifier: ']d1' }), ALL)?.format).toBe(
      'Data Matrix',
    );
  });

  it('names QR Code with ]Q3 GS1 QR Code', () => {
    expect(toDecodedCode(result({ format: 'QRCode', text: '01', symbologyIdentifier: ']Q3' }), ALL)?.format).toBe(
      'GS1 QR Code',
    );
  });

  it('names plain QR Code', () => {
    expect(toDecodedCode(result({ format: 'QRCode', text: 'hi', symbologyIdentifier: ']Q1' }), ALL)?.format).toBe('QR Code');
  });

  it('names every DataBar variant GS1 DataBar', () => {
    for (const format of ['DataBarOmni', 'DataBarLtd', 'DataBarExp', 'DataBarExpStk'] as const) {
      expect(toDecodedCode(result({ format, text: '0109506000134352' }), ALL)?.format, format).toBe('GS1 DataBar');
    }
  });

  it('maps Code 39, ITF and EAN-8', () => {
    expect(toDecodedCode(result({ format: 'Code39', text: 'ABC' }), ALL)?.format).toBe('Code 39');
    expect(toDecodedCode(result({ format: 'ITF14', text: '10012345678902' }), ALL)?.format).toBe('ITF');
    expect(toDecodedCode(result({ format: 'EAN8', text: '96385074' }), ALL)?.format).toBe('EAN-8');
  });

  it('drops a format not requested', () => {
    expect(toDecodedCode(result({ format: 'Code39', text: 'ABC' }), new Set(['EAN-13']))).toBeUndefined();
  });

  it('drops a format outside the list', () => {
    expect(toDecodedCode(result({ format: 'PDF417', text: 'x' }), ALL)).toBeUndefined();
  });

  it('drops an empty text', () => {
    expect(toDecodedCode(result({ format: 'EAN13', text: '' }), ALL)).toBeUndefined();
  });

  it('leaves out an empty symbology id', () => {
    expect(toDecodedCode(result({ format: 'EAN8', text: '96385074' }), ALL)).not.toHaveProperty('symbologyId');
  });
});
