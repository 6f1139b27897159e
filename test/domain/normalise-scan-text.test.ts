import { describe, expect, it } from 'vitest';
import { normaliseScanText, stripSymbologyId } from '../../src/domain/normalise-scan-text.ts';

describe('stripSymbologyId', () => {
  it.each([
    [']E09506000010045', ']E0', 'EAN-13'],
    [']E496385074', ']E4', 'EAN-8'],
    [']C0ABC123', ']C0', 'Code 128'],
    [']C1010950600013435221X', ']C1', 'GS1-128'],
    [']A0ABC123', ']A0', 'Code 39'],
    [']I012345678', ']I0', 'ITF'],
    [']d1ABC123', ']d1', 'Data Matrix'],
    [']d2010950600013435221X', ']d2', 'GS1 DataMatrix'],
    [']Q1ABC123', ']Q1', 'QR Code'],
    [']Q3010950600013435221X', ']Q3', 'GS1 QR Code'],
    [']e00109506000134352', ']e0', 'GS1 DataBar'],
  ])('strips %s', (text, symbologyId, format) => {
    const result = stripSymbologyId(text);
    expect(result.symbologyId).toBe(symbologyId);
    expect(result.format).toBe(format);
    expect(result.text).toBe(text.slice(3));
  });

  it('strips an unknown symbology without format', () => {
    expect(stripSymbologyId(']X0ABC')).toEqual({ text: 'ABC', symbologyId: ']X0' });
  });

  it('keeps text without identifier', () => {
    expect(stripSymbologyId('9506000010045')).toEqual({ text: '9506000010045' });
  });

  it('strips only at the start', () => {
    expect(stripSymbologyId('AB]E0123')).toEqual({ text: 'AB]E0123' });
  });

  it('keeps a bracket without the shape', () => {
    expect(stripSymbologyId(']0E123')).toEqual({ text: ']0E123' });
  });

  it('keeps a too short identifier', () => {
    expect(stripSymbologyId(']E')).toEqual({ text: ']E' });
  });

  it('strips only one identifier', () => {
    expect(stripSymbologyId(']E0]E0123').text).toBe(']E0123');
  });
});

describe('normaliseScanText', () => {
  it('trims spaces and Enter', () => {
    expect(normaliseScanText('  C02XK1ABCD1234 \n').text).toBe('C02XK1ABCD1234');
  });

  it('trims CR LF and Tab', () => {
    expect(normaliseScanText('9506000010045\r\n\t').text).toBe('9506000010045');
  });

  it('strips the identifier after trimming', () => {
    const result = normaliseScanText(' ]E09506000010045\n');
    expect(result).toEqual({ text: '9506000010045', symbologyId: ']E0', format: 'EAN-13' });
  });

  it('trims after stripping', () => {
    expect(normaliseScanText(']C0 ABC123 ').text).toBe('ABC123');
  });

  it('keeps GS1 group separators', () => {
    const result = normaliseScanText(']d2010950600013435221ABC123\u001d17271231\n');
    expect(result.text).toBe('010950600013435221ABC123\u001d17271231');
  });

  it('keeps inner spaces', () => {
    expect(normaliseScanText(' AB 12 ').text).toBe('AB 12');
  });

  it('returns empty text for blanks', () => {
    expect(normaliseScanText(' \r\n').text).toBe('');
  });
});
