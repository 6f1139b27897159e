import { describe, expect, it } from 'vitest';
import { aiLengthFor, findAiSpec, listAis } from '../../src/domain/gs1-ai-table.ts';
import { parseGs1ElementString } from '../../src/domain/gs1-element-string.ts';

const GS = '\u001d';
const GTIN = '09506000134352';

describe('gs1 AI table', () => {
  it('gives one AI length per prefix', () => {
    for (const ai of listAis()) {
      expect(aiLengthFor(ai.slice(0, 2)), ai).toBe(ai.length);
    }
  });

  it('has the AIs checkout meets', () => {
    for (const ai of ['00', '01', '02', '10', '11', '17', '21', '235', '240', '3103', '3922', '400', '414', '422', '7003', '710', '8020', '8200', '90', '99']) {
      expect(findAiSpec(ai), ai).toBeDefined();
    }
  });

  it('marks predefined lengths', () => {
    expect(findAiSpec('01')?.predefinedLength).toBe(true);
    expect(findAiSpec('3103')?.predefinedLength).toBe(true);
    expect(findAiSpec('414')?.predefinedLength).toBe(true);
    expect(findAiSpec('422')?.predefinedLength).toBe(false);
    expect(findAiSpec('21')?.predefinedLength).toBe(false);
  });

  it('leaves unassigned measures out', () => {
    expect(findAiSpec('3170')).toBeUndefined();
    expect(findAiSpec('3106')).toBeUndefined();
  });
});

describe('parseGs1ElementString', () => {
  it('reads GTIN, serial and expiry', () => {
    const result = parseGs1ElementString(`01${GTIN}21ABC123${GS}17271231`);
    expect(result).toEqual({
      ok: true,
      elements: { '01': GTIN, '21': 'ABC123', '17': '271231' },
      gtin: GTIN,
      serial: 'ABC123',
    });
  });

  it('keeps lot and serial apart', () => {
    const result = parseGs1ElementString(`01${GTIN}10LOT7${GS}21SN0042`);
    expect(result).toMatchObject({ ok: true, gtin: GTIN, lot: 'LOT7', serial: 'SN0042' });
  });

  it('never takes a lot as serial', () => {
    const result = parseGs1ElementString(`01${GTIN}10LOT7`);
    expect(result).toEqual({ ok: true, elements: { '01': GTIN, '10': 'LOT7' }, gtin: GTIN, lot: 'LOT7' });
  });

  it('reads fixed fields without separators', () => {
    const result = parseGs1ElementString(`01${GTIN}1727123131030015001127010110LOT5`);
    expect(result).toMatchObject({
      ok: true,
      elements: { '01': GTIN, '17': '271231', '3103': '001500', '11': '270101', '10': 'LOT5' },
    });
  });

  it('accepts a separator after a fixed field', () => {
    const result = parseGs1ElementString(`01${GTIN}${GS}21SN1`);
    expect(result).toMatchObject({ ok: true, serial: 'SN1' });
  });

  it('skips a leading FNC1 separator', () => {
    const result = parseGs1ElementString(`${GS}01${GTIN}21SN1`);
    expect(result).toMatchObject({ ok: true, gtin: GTIN, serial: 'SN1' });
  });

  it('reads a variable field up to its maximum', () => {
    const serial = 'A'.repeat(20);
    const result = parseGs1ElementString(`01${GTIN}21${serial}`);
    expect(result).toMatchObject({ ok: true, serial });
  });

  it('reads a 3-digit and 4-digit AI', () => {
    const result = parseGs1ElementString(`400PO-77${GS}70032712311230${GS}01${GTIN}`);
    expect(result).toMatchObject({ ok: true, elements: { '400': 'PO-77', '7003': '2712311230', '01': GTIN } });
  });

  it('reads numeric-prefixed fields', () => {
    const result = parseGs1ElementString(`3912978123${GS}421276D-10115`);
    expect(result).toMatchObject({ ok: true, elements: { '3912': '978123', '421': '276D-10115' } });
  });

  it('rejects a missing separator', () => {
    const result = parseGs1ElementString(`01${GTIN}21ABC12317271231AAAAAAA`);
    expect(result).toMatchObject({ ok: false, code: 'missing_separator', ai: '21' });
    expect(result.ok ? '' : result.error).toContain('Is the group separator after AI 21 missing?');
  });

  it('names the missing separator length', () => {
    const result = parseGs1ElementString(`10${'L'.repeat(21)}`);
    expect(result.ok ? '' : result.error).toContain('21 characters, more than the 20 allowed');
  });

  it('rejects a wrong GTIN check digit', () => {
    const result = parseGs1ElementString('010950600013435321SN1');
    expect(result).toMatchObject({ ok: false, code: 'invalid_check_digit', ai: '01' });
    expect(result.ok ? '' : result.error).toContain('should end in 2');
  });

  it('rejects a wrong SSCC check digit', () => {
    expect(parseGs1ElementString('00106141411234567891')).toMatchObject({ ok: false, code: 'invalid_check_digit', ai: '00' });
  });

  it('accepts a right SSCC check digit', () => {
    expect(parseGs1ElementString('00106141411234567897')).toMatchObject({ ok: true });
  });

  it('checks a GLN check digit', () => {
    expect(parseGs1ElementString('4145412345678908')).toMatchObject({ ok: true });
    expect(parseGs1ElementString('4145412345678907')).toMatchObject({ ok: false, code: 'invalid_check_digit', ai: '414' });
  });

  it('rejects an unknown AI', () => {
    const result = parseGs1ElementString(`01${GTIN}2399X`);
    expect(result).toMatchObject({ ok: false, code: 'unknown_ai', ai: '239' });
    expect(result.ok ? '' : result.error).toContain('"239"');
  });

  it('rejects an unknown 4-digit AI', () => {
    expect(parseGs1ElementString('7299ABC')).toMatchObject({ ok: false, code: 'unknown_ai', ai: '7299' });
  });

  it('rejects text that is no AI', () => {
    expect(parseGs1ElementString('ABC123')).toMatchObject({ ok: false, code: 'unknown_ai', ai: 'AB' });
  });

  it('rejects a short GTIN', () => {
    const result = parseGs1ElementString(`0109506000${GS}21SN1`);
    expect(result).toMatchObject({ ok: false, code: 'data_too_short', ai: '01' });
  });

  it('rejects a truncated date', () => {
    expect(parseGs1ElementString(`01${GTIN}1727`)).toMatchObject({ ok: false, code: 'data_too_short', ai: '17' });
  });

  it('rejects an empty variable field', () => {
    expect(parseGs1ElementString(`01${GTIN}21${GS}10L1`)).toMatchObject({ ok: false, code: 'data_too_short', ai: '21' });
  });

  it('rejects an invalid date', () => {
    expect(parseGs1ElementString(`01${GTIN}17271331`)).toMatchObject({ ok: false, code: 'invalid_date', ai: '17' });
  });

  it('accepts day 00', () => {
    expect(parseGs1ElementString(`01${GTIN}17271200`)).toMatchObject({ ok: true });
  });

  it('rejects letters in numeric data', () => {
    expect(parseGs1ElementString('0109506000134A52')).toMatchObject({ ok: false, code: 'invalid_character', ai: '01' });
  });

  it('rejects characters outside set 82', () => {
    const result = parseGs1ElementString(`01${GTIN}21SN 1`);
    expect(result).toMatchObject({ ok: false, code: 'invalid_character', ai: '21' });
  });

  it('rejects conflicting repeats', () => {
    const result = parseGs1ElementString(`21SN1${GS}21SN2`);
    expect(result).toMatchObject({ ok: false, code: 'conflicting_values', ai: '21' });
  });

  it('accepts an identical repeat', () => {
    expect(parseGs1ElementString(`21SN1${GS}21SN1`)).toMatchObject({ ok: true, serial: 'SN1' });
  });

  it('rejects an empty string', () => {
    expect(parseGs1ElementString(GS)).toMatchObject({ ok: false, code: 'empty' });
  });

  it('shows separators in messages', () => {
    const result = parseGs1ElementString(`10LOT${GS}99${'X'.repeat(91)}`);
    expect(result).toMatchObject({ ok: false, code: 'missing_separator', ai: '99' });
    const unknown = parseGs1ElementString(`10LOT${GS}2399`);
    expect(unknown.ok ? '' : unknown.error).toContain('after "10LOT<GS>"');
  });
});
