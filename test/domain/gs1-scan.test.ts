import { describe, expect, it } from 'vitest';
import { readGs1Scan, readScanInput } from '../../src/domain/gs1-scan.ts';

const GS = '\u001d';
const GTIN = '09506000134352';

describe('readGs1Scan', () => {
  it('parses with a GS1 identifier', async () => {
    expect(await readGs1Scan({ text: `01${GTIN}21SN1`, symbologyId: ']d2' })).toMatchObject({ ok: true, serial: 'SN1' });
  });

  it('parses a GS1 format name', async () => {
    expect(await readGs1Scan({ text: `01${GTIN}21SN1`, format: 'GS1 DataMatrix' })).toMatchObject({ ok: true, gtin: GTIN });
  });

  it('reports a GS1 scan that fails', async () => {
    expect(await readGs1Scan({ text: 'C02XK1ABCD1234', symbologyId: ']C1' })).toMatchObject({ ok: false, code: 'unknown_ai' });
  });

  it('leaves plain Code 128 alone', async () => {
    expect(await readGs1Scan({ text: `01${GTIN}21SN1`, symbologyId: ']C0' })).toBeUndefined();
  });

  it('leaves a plain serial alone', async () => {
    expect(await readGs1Scan({ text: 'C02XK1ABCD1234' })).toBeUndefined();
  });

  it('leaves a 16-digit number alone', async () => {
    expect(await readGs1Scan({ text: `01${GTIN}` })).toBeUndefined();
  });

  it('leaves a serial starting 01 alone', async () => {
    expect(await readGs1Scan({ text: `01${GTIN}XYZ` })).toBeUndefined();
  });

  it('parses a leading FNC1 separator', async () => {
    expect(await readGs1Scan({ text: `${GS}01${GTIN}21SN1` })).toMatchObject({ ok: true, serial: 'SN1' });
  });

  it('parses GTIN text with a separator', async () => {
    expect(await readGs1Scan({ text: `01${GTIN}10L1${GS}21SN1` })).toMatchObject({ ok: true, lot: 'L1', serial: 'SN1' });
  });

  it('parses GTIN and serial without identifier', async () => {
    expect(await readGs1Scan({ text: `01${GTIN}21SN1` })).toMatchObject({ ok: true, serial: 'SN1' });
  });
});

describe('readScanInput', () => {
  it('strips and detects from raw text', async () => {
    const input = await readScanInput(`]d201${GTIN}21SN1\n`);
    expect(input.text).toBe(`01${GTIN}21SN1`);
    expect(input.gs1).toMatchObject({ ok: true, serial: 'SN1' });
  });

  it('restores the event identifier', async () => {
    const input = await readScanInput({ text: `01${GTIN}21SN1`, symbologyId: ']d2', source: 'wedge', at: 0 });
    expect(input.rawText).toBe(`]d201${GTIN}21SN1`);
    expect(input.gs1).toMatchObject({ ok: true, serial: 'SN1' });
  });

  it('strips an event identifier once', async () => {
    const input = await readScanInput({ text: ']A0SERIAL', symbologyId: ']A0', source: 'camera', at: 0 });
    expect(input.text).toBe(']A0SERIAL');
  });

  it('uses the event format', async () => {
    const input = await readScanInput({ text: `01${GTIN}21SN1`, format: 'GS1-128', source: 'camera', at: 0 });
    expect(input.gs1).toMatchObject({ ok: true });
  });

  it('has no GS1 data for plain text', async () => {
    expect((await readScanInput('  9506000010045 ')).gs1).toBeUndefined();
    expect((await readScanInput('  9506000010045 ')).text).toBe('9506000010045');
  });
});
