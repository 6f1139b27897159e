// Timed key records for the keyboard-wedge reader, built from text as a scanner types it.

import type { WedgeKey } from '../../src/scanning/keyboard-wedge-reader.ts';

/** How a scanner sends the GS1 group separator. */
export type SeparatorStyle = 'character' | 'ctrl-bracket' | 'alt-029';

/**
 * Turns `text` into key records `intervalMs` apart from `startAt`: `\n` is Enter, `\t` is
 * Tab, and U+001D is typed in `style`.
 */
export function typeKeys(text: string, startAt: number, intervalMs: number, style: SeparatorStyle = 'character'): WedgeKey[] {
  const keys: WedgeKey[] = [];
  let at = startAt;
  const press = (key: Omit<WedgeKey, 'at'>) => {
    keys.push({ ...key, at });
    at += intervalMs;
  };

  for (const char of text) {
    if (char === '\n') {
      press({ key: 'Enter', code: 'Enter', ctrlKey: false, altKey: false });
    } else if (char === '\t') {
      press({ key: 'Tab', code: 'Tab', ctrlKey: false, altKey: false });
    } else if (char === '\u001d' && style === 'ctrl-bracket') {
      press({ key: ']', code: 'BracketRight', ctrlKey: true, altKey: false });
    } else if (char === '\u001d' && style === 'alt-029') {
      press({ key: 'Alt', code: 'AltLeft', ctrlKey: false, altKey: true });
      for (const digit of '029') {
        press({ key: digit, code: `Numpad${digit}`, ctrlKey: false, altKey: true });
      }
      press({ key: 'Alt', code: 'AltLeft', ctrlKey: false, altKey: false, type: 'keyup' });
    } else {
      press({ key: char, ctrlKey: false, altKey: false });
    }
  }
  return keys;
}

/** Returns the time of the last record, or `fallback` when there is none. */
export function lastKeyAt(keys: readonly WedgeKey[], fallback: number): number {
  return keys.at(-1)?.at ?? fallback;
}
