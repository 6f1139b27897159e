import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ScanEvent } from '../../src/domain/scan-event.ts';
import { readScanInput } from '../../src/domain/gs1-scan.ts';
import { KeyboardWedgeReader, type WedgeKey } from '../../src/scanning/keyboard-wedge-reader.ts';
import { lastKeyAt, typeKeys, type SeparatorStyle } from './wedge-keys.ts';

interface WedgeCase {
  name: string;
  keys: string;
  key_interval_ms: number;
  then_after_ms?: number;
  then_keys?: string;
  expect: Array<{ text?: string; format?: string; gs1?: Record<string, string> }>;
}

const FIXTURE = new URL('../fixtures/wedge-cases.json', import.meta.url);
const CASES = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { cases: WedgeCase[] }).cases;
const START_MS = 1_000;
const GS = '\u001d';

function feed(reader: KeyboardWedgeReader, keys: readonly WedgeKey[]): { scans: ScanEvent[]; consumed: boolean[] } {
  const scans: ScanEvent[] = [];
  const consumed: boolean[] = [];
  for (const key of keys) {
    const result = reader.push(key);
    scans.push(...result.scans);
    consumed.push(result.consumed);
  }
  return { scans, consumed };
}

// Feeds a fixture case and ends it with a flush well after the last key.
function runCase(testCase: WedgeCase, style: SeparatorStyle = 'character'): ScanEvent[] {
  const interval = testCase.key_interval_ms;
  const keys = typeKeys(testCase.keys, START_MS, interval, style);
  if (testCase.then_keys !== undefined) {
    const nextAt = lastKeyAt(keys, START_MS) + (testCase.then_after_ms ?? 0);
    keys.push(...typeKeys(testCase.then_keys, nextAt, interval, style));
  }
  const reader = new KeyboardWedgeReader();
  const { scans } = feed(reader, keys);
  scans.push(...reader.flush(lastKeyAt(keys, START_MS) + 1_000));
  return scans;
}

async function gs1Elements(scan: ScanEvent | undefined): Promise<Record<string, string> | undefined> {
  const gs1 = scan === undefined ? undefined : (await readScanInput(scan)).gs1;
  return gs1?.ok ? gs1.elements : undefined;
}

describe('KeyboardWedgeReader fixture cases', () => {
  for (const testCase of CASES) {
    describe(testCase.name, () => {
      const scans = runCase(testCase);

      it('yields each scan', () => {
        expect(scans).toHaveLength(testCase.expect.length);
      });

      testCase.expect.forEach((expected, index) => {
        if (expected.text !== undefined) {
          it(`reads text of scan ${index + 1}`, () => {
            expect(scans[index]?.text).toBe(expected.text);
          });
        }
        it(`reads format of scan ${index + 1}`, () => {
          if (expected.gs1 !== undefined) {
            expect(scans[index]?.format).toBe('GS1 DataMatrix');
          } else {
            expect(scans[index]?.format).toBe(expected.format);
          }
        });
        if (expected.gs1 !== undefined) {
          it(`reads GS1 elements of scan ${index + 1}`, async () => {
            expect(await gs1Elements(scans[index])).toEqual(expected.gs1);
          });
        }
        it(`marks scan ${index + 1} as wedge`, () => {
          expect(scans[index]?.source).toBe('wedge');
        });
      });
    });
  }
});

describe('KeyboardWedgeReader separators', () => {
  const gs1Case = CASES.find((testCase) => testCase.keys.includes(GS));

  for (const style of ['ctrl-bracket', 'alt-029'] as const) {
    it(`reads ${style} as separator`, async () => {
      const scans = runCase(gs1Case!, style);
      expect(scans).toHaveLength(1);
      expect(await gs1Elements(scans[0])).toEqual(gs1Case!.expect[0]?.gs1);
    });

    it(`consumes every ${style} key`, () => {
      const reader = new KeyboardWedgeReader();
      const { consumed } = feed(reader, typeKeys(`]d201095060001343522112${GS}17271231\n`, START_MS, 5, style));
      // The Alt keydown itself passes: alone it may start other shortcuts.
      const passed = consumed.filter((value) => !value).length;
      expect(passed).toBe(style === 'alt-029' ? 1 : 0);
    });
  }

  it('reads Ctrl with the BracketRight code', () => {
    const reader = new KeyboardWedgeReader();
    const keys = typeKeys('AB', START_MS, 5);
    keys.push({ key: '+', code: 'BracketRight', ctrlKey: true, altKey: false, at: START_MS + 10 });
    keys.push(...typeKeys('CD\n', START_MS + 15, 5));
    expect(feed(reader, keys).scans[0]?.text).toBe(`AB${GS}CD`);
  });

  for (const echo of [GS, 'Unidentified']) {
    it(`ignores a ${JSON.stringify(echo)} echo`, () => {
      const reader = new KeyboardWedgeReader();
      const keys = typeKeys(`AB${GS}`, START_MS, 5, 'alt-029');
      const afterAlt = lastKeyAt(keys, START_MS) + 2;
      keys.push({ key: echo, ctrlKey: false, altKey: false, at: afterAlt });
      keys.push(...typeKeys('CD\n', afterAlt + 5, 5));
      expect(feed(reader, keys).scans[0]?.text).toBe(`AB${GS}CD`);
    });
  }

  it('reads Alt released unseen', () => {
    const reader = new KeyboardWedgeReader();
    const keys = typeKeys(`AB${GS}`, START_MS, 5, 'alt-029').filter((key) => key.type !== 'keyup');
    keys.push(...typeKeys('CD\n', lastKeyAt(keys, START_MS) + 5, 5));
    expect(feed(reader, keys).scans[0]?.text).toBe(`AB${GS}CD`);
  });

  it('ignores other Alt codes', () => {
    const reader = new KeyboardWedgeReader();
    const keys: WedgeKey[] = [
      ...typeKeys('AB', START_MS, 5),
      { key: '6', code: 'Numpad6', ctrlKey: false, altKey: true, at: START_MS + 10 },
      { key: '4', code: 'Numpad4', ctrlKey: false, altKey: true, at: START_MS + 15 },
      { key: 'Alt', ctrlKey: false, altKey: false, type: 'keyup', at: START_MS + 20 },
      ...typeKeys('CD\n', START_MS + 25, 5),
    ];
    expect(feed(reader, keys).scans[0]?.text).toBe('ABCD');
  });
});

describe('KeyboardWedgeReader timing', () => {
  it('ends a scan after a pause', () => {
    const reader = new KeyboardWedgeReader();
    const keys = typeKeys('9506000010045', START_MS, 5);
    expect(feed(reader, keys).scans).toEqual([]);
    const last = lastKeyAt(keys, START_MS);
    expect(reader.flush(last + 150)).toEqual([]);
    expect(reader.flush(last + 200).map((scan) => scan.text)).toEqual(['9506000010045']);
  });

  it('keeps a paused scan apart from the next', () => {
    const reader = new KeyboardWedgeReader();
    const first = typeKeys('9506000010045', START_MS, 5);
    const second = typeKeys('C02XK1ABCD1234\n', lastKeyAt(first, START_MS) + 250, 5);
    const { scans } = feed(reader, [...first, ...second]);
    expect(scans.map((scan) => scan.text)).toEqual(['9506000010045', 'C02XK1ABCD1234']);
  });

  it('stamps a paused scan with its last key', () => {
    const reader = new KeyboardWedgeReader();
    const keys = typeKeys('ABCD', START_MS, 5);
    feed(reader, keys);
    expect(reader.flush(START_MS + 500)[0]?.at).toBe(lastKeyAt(keys, START_MS));
  });

  it('keeps a scan whole across a stall', () => {
    const reader = new KeyboardWedgeReader();
    const first = typeKeys('C02X', START_MS, 8);
    const rest = typeKeys('K1ABCD5678\n', lastKeyAt(first, START_MS) + 90, 8);
    expect(feed(reader, [...first, ...rest]).scans.map((scan) => scan.text)).toEqual(['C02XK1ABCD5678']);
  });

  it('keeps a stall after the first key', () => {
    const reader = new KeyboardWedgeReader();
    const first = typeKeys('P', START_MS, 8);
    const rest = typeKeys('HN0SERIAL0001\n', lastKeyAt(first, START_MS) + 70, 8);
    expect(feed(reader, [...first, ...rest]).scans.map((scan) => scan.text)).toEqual(['PHN0SERIAL0001']);
  });

  it('keeps a scan with two stalls', () => {
    const reader = new KeyboardWedgeReader();
    const first = typeKeys('ABCDEFG', START_MS, 8);
    const middle = typeKeys('HIJK', lastKeyAt(first, START_MS) + 65, 8);
    const rest = typeKeys('LMNO\n', lastKeyAt(middle, START_MS) + 65, 8);
    expect(feed(reader, [...first, ...middle, ...rest]).scans.map((scan) => scan.text)).toEqual(['ABCDEFGHIJKLMNO']);
  });

  it('waits out a long stall once scans end with Enter', () => {
    const reader = new KeyboardWedgeReader();
    const first = typeKeys('9506000010045\n', START_MS, 5);
    const part = typeKeys('C02X', lastKeyAt(first, START_MS) + 500, 8);
    const rest = typeKeys('K1ABCD5678\n', lastKeyAt(part, START_MS) + 600, 8);
    const texts = feed(reader, [...first, ...part, ...rest]).scans.map((scan) => scan.text);
    expect(texts).toEqual(['9506000010045', 'C02XK1ABCD5678']);
  });

  it('ends a scan without Enter later once scans end with Enter', () => {
    const reader = new KeyboardWedgeReader();
    const first = typeKeys('9506000010045\n', START_MS, 5);
    const second = typeKeys('C02XK1ABCD5678', lastKeyAt(first, START_MS) + 500, 5);
    feed(reader, [...first, ...second]);
    const last = lastKeyAt(second, START_MS);
    expect(reader.flush(last + 400)).toEqual([]);
    expect(reader.flush(last + reader.endPauseMs).map((scan) => scan.text)).toEqual(['C02XK1ABCD5678']);
  });

  it('ignores fast typing by hand', () => {
    const reader = new KeyboardWedgeReader();
    const { scans } = feed(reader, typeKeys('9506000010045\n', START_MS, 60));
    expect(scans).toEqual([]);
    expect(reader.flush(START_MS + 10_000)).toEqual([]);
  });

  it('ignores slow typing', () => {
    const reader = new KeyboardWedgeReader();
    const { scans, consumed } = feed(reader, typeKeys('9506000010045\n', START_MS, 120));
    expect(scans).toEqual([]);
    expect(reader.flush(START_MS + 10_000)).toEqual([]);
    expect(consumed.at(-1)).toBe(false);
  });

  it('ignores a short burst', () => {
    const reader = new KeyboardWedgeReader();
    const { scans, consumed } = feed(reader, typeKeys('ab\n', START_MS, 5));
    expect(scans).toEqual([]);
    expect(consumed.at(-1)).toBe(false);
  });

  it('follows a configured gap', () => {
    const reader = new KeyboardWedgeReader({ maxKeyGapMs: 50 });
    const { scans } = feed(reader, typeKeys('ABCD\n', START_MS, 40));
    expect(scans.map((scan) => scan.text)).toEqual(['ABCD']);
  });

  it('reports pending characters', () => {
    const reader = new KeyboardWedgeReader();
    feed(reader, typeKeys('AB', START_MS, 5));
    expect(reader.pending).toBe(true);
    reader.flush(START_MS + 1_000);
    expect(reader.pending).toBe(false);
  });
});

describe('KeyboardWedgeReader keys', () => {
  it('consumes scan characters and Enter', () => {
    const { consumed } = feed(new KeyboardWedgeReader(), typeKeys('ABCD\n', START_MS, 5));
    expect(consumed).toEqual([true, true, true, true, true]);
  });

  it('consumes Tab that ends a scan', () => {
    const { consumed } = feed(new KeyboardWedgeReader(), typeKeys('ABCD\t', START_MS, 5));
    expect(consumed.at(-1)).toBe(true);
  });

  it('leaves a leading space alone', () => {
    const { consumed } = feed(new KeyboardWedgeReader(), typeKeys(' AB', START_MS, 5));
    expect(consumed).toEqual([false, true, true]);
  });

  it('passes Ctrl shortcuts', () => {
    const reader = new KeyboardWedgeReader();
    const result = reader.push({ key: 'c', code: 'KeyC', ctrlKey: true, altKey: false, at: START_MS });
    expect(result.consumed).toBe(false);
    expect(reader.pending).toBe(false);
  });

  it('skips Shift between letters', () => {
    const reader = new KeyboardWedgeReader();
    const keys: WedgeKey[] = [];
    for (const [index, char] of Array.from('ABC').entries()) {
      keys.push({ key: 'Shift', code: 'ShiftLeft', ctrlKey: false, altKey: false, at: START_MS + index * 5 });
      keys.push({ key: char, code: `Key${char}`, ctrlKey: false, altKey: false, at: START_MS + index * 5 + 1 });
    }
    keys.push({ key: 'Enter', ctrlKey: false, altKey: false, at: START_MS + 20 });
    expect(feed(reader, keys).scans.map((scan) => scan.text)).toEqual(['ABC']);
  });

  it('keeps AltGr characters', () => {
    const reader = new KeyboardWedgeReader();
    const keys = typeKeys('AB', START_MS, 5);
    keys.push({ key: '@', code: 'KeyQ', ctrlKey: true, altKey: true, at: START_MS + 10 });
    keys.push(...typeKeys('CD\n', START_MS + 15, 5));
    expect(feed(reader, keys).scans[0]?.text).toBe('AB@CD');
  });
});
