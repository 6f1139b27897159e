// The GS1 group separator (ASCII 29) as a keyboard-wedge scanner types it. A scanner in
// keyboard mode sends it as the key `\u001d` itself, or as Ctrl+] (ASCII 29 is Ctrl plus
// the `]` key). It may also hold Alt while typing 0 2 9 on the numeric keypad, which
// Windows turns into the character when Alt is released.

/** One keyboard event as the wedge code reads it, so it can be tested without a DOM. */
export interface WedgeKey {
  /** `KeyboardEvent.key`, e.g. `A`, `Enter`, `Alt`. */
  key: string;
  /** `KeyboardEvent.code`, e.g. `Numpad0` or `BracketRight`, when known. */
  code?: string;
  ctrlKey: boolean;
  altKey: boolean;
  /** `keydown` when not set. Only the release of Alt is read from `keyup`. */
  type?: 'keydown' | 'keyup';
  /** Milliseconds, on any clock that the other keys of the same scan share. */
  at: number;
}

/** Converts a DOM keyboard event to a key record stamped `at`. */
export function toWedgeKey(event: KeyboardEvent, at: number): WedgeKey {
  return {
    key: event.key,
    code: event.code,
    ctrlKey: event.ctrlKey,
    altKey: event.altKey,
    type: event.type === 'keyup' ? 'keyup' : 'keydown',
    at,
  };
}

/** Effect of one key on group separators. */
export interface SeparatorRead {
  /** Separators to insert before the key's own text: 0 or 1. */
  separators: number;
  /** True when the key belongs to a separator and is not text, so its default action must be prevented. */
  consumed: boolean;
}

/**
 * Time after an Alt code separator in which a `\u001d` or `Unidentified` key is the
 * browser's own copy of the same character, in milliseconds. A guess: Chromium on
 * Windows may deliver the character right after Alt is released.
 */
export const SEPARATOR_ECHO_WINDOW_MS = 50;

const GROUP_SEPARATOR = '\u001d';
const ALT_CODE_SEPARATOR = 29;
const NUMPAD_DIGIT = /^Numpad([0-9])$/;
const DIGIT = /^[0-9]$/;

/** Reads keys one at a time and reports where a group separator was typed. */
export class GroupSeparatorKeys {
  private altDigits = '';
  private echoUntil = Number.NEGATIVE_INFINITY;

  /** Reads one key record, in arrival order. */
  read(key: WedgeKey): SeparatorRead {
    if (key.type === 'keyup') {
      if (key.key === 'Alt' && this.altDigits !== '') {
        return { separators: this.finishAltCode(key.at), consumed: true };
      }
      return { separators: 0, consumed: false };
    }

    // A key without Alt while digits wait means Alt was released where this page did not
    // see it, e.g. while another window had focus.
    const released = this.altDigits !== '' && !key.altKey ? this.finishAltCode(key.at) : 0;

    if (key.key === GROUP_SEPARATOR || key.key === 'Unidentified') {
      if (key.at <= this.echoUntil) {
        this.echoUntil = Number.NEGATIVE_INFINITY;
        return { separators: released, consumed: true };
      }
      const typed = key.key === GROUP_SEPARATOR ? 1 : 0;
      return { separators: released + typed, consumed: typed === 1 };
    }

    if (key.ctrlKey && !key.altKey && (key.key === ']' || key.code === 'BracketRight')) {
      return { separators: released + 1, consumed: true };
    }

    const altDigit = key.altKey && !key.ctrlKey ? readAltDigit(key) : undefined;
    if (altDigit !== undefined) {
      this.altDigits += altDigit;
      return { separators: released, consumed: true };
    }
    return { separators: released, consumed: false };
  }

  /** True while Alt code digits wait for the release of Alt. */
  get pending(): boolean {
    return this.altDigits !== '';
  }

  // Any other Alt code is left to the browser, which types its character itself if the
  // platform supports Alt codes.
  private finishAltCode(at: number): number {
    const value = Number(this.altDigits);
    this.altDigits = '';
    if (value !== ALT_CODE_SEPARATOR) {
      return 0;
    }
    this.echoUntil = at + SEPARATOR_ECHO_WINDOW_MS;
    return 1;
  }
}

// A keypad digit with Alt held. With Num Lock off the key is e.g. `Insert`, so the code
// decides; a record without a code counts when its key is a digit.
function readAltDigit(key: WedgeKey): string | undefined {
  if (key.code === undefined) {
    return DIGIT.test(key.key) ? key.key : undefined;
  }
  return NUMPAD_DIGIT.exec(key.code)?.[1];
}
