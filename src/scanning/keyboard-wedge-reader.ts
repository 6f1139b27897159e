// Telling keyboard-wedge scans from typing by key timing. A wedge scanner types a whole
// code a few milliseconds per character and usually ends it with Enter or Tab. A person
// types 100 ms or more apart. The reader is fed key records, not DOM events, so the
// timing rules run the same in tests and in the page.

import type { ScanEvent } from '../domain/scan-event.ts';
import { createKeyboardScanEvent } from './keyboard-wedge-event.ts';
import { GroupSeparatorKeys, type WedgeKey } from './keyboard-wedge-separator.ts';

export type { WedgeKey } from './keyboard-wedge-separator.ts';

/**
 * Gap between two keys that counts as scanner speed, in milliseconds. A guess: scanners
 * seen in tests type 5 ms apart, and Bluetooth ones can be slower.
 */
export const WEDGE_MAX_KEY_GAP_MS = 30;

/**
 * Maximum gap that still keeps the keys in one scan, in milliseconds. A scanner's stream
 * can stall for a moment (seen: 60-90 ms in Chromium on a busy 2-core machine), and ending the
 * scan there would split one serial into two scans, the first of them a wrong serial. A
 * guess: about twice the stalls seen. A gap this long counts as a stall, not as scanner
 * speed; see `WEDGE_MAX_STALL_SHARE`.
 */
export const WEDGE_MAX_STALL_MS = 150;

/**
 * Share of a scan's gaps that may be stalls. Typing by hand has nearly every gap above
 * scanner speed, so its keys never make a scan.
 */
export const WEDGE_MAX_STALL_SHARE = 1 / 3;

/**
 * Pause after the last key that ends a scan sent without Enter or Tab, in milliseconds.
 * Longer than a stall, so that a stalled scan is not ended early. A guess.
 */
export const WEDGE_END_PAUSE_MS = 200;

/**
 * Maximum stall once the scanner has shown that it ends its scans with Enter or Tab, in
 * milliseconds. Such a scan is then ended by its terminator, not by a pause, so a longer
 * stall (a Bluetooth scanner's radio, a busy tablet) need not cut it. Scans sent without a
 * terminator still end, this much later. A guess.
 */
export const WEDGE_TERMINATED_MAX_STALL_MS = 1000;

/** Minimum scan length in characters, after clean-up, so that stray keys are not scans. */
export const WEDGE_MIN_LENGTH = 3;

/** Timing rules of a reader; each defaults to the constant of the same name. */
export interface WedgeReaderOptions {
  maxKeyGapMs?: number;
  maxStallMs?: number;
  endPauseMs?: number;
  minLength?: number;
}

/** The scans one key completed, and whether the key belonged to a scan. */
export interface WedgeKeyResult {
  /** Completed scans, oldest first: a scan ended by this key's late arrival, then one ended by this key. */
  scans: ScanEvent[];
  /** True when the key's default action must be prevented, because it is part of a scan. */
  consumed: boolean;
}

const TERMINATORS: ReadonlySet<string> = new Set(['Enter', 'Tab']);

/**
 * Collects keys typed while no text field has focus into keyboard-wedge scans. Keys that
 * follow each other within `maxStallMs` form one scan. A scan ends at Enter or Tab, or at
 * a longer gap. It is kept only when it has at least `minLength` characters and at most a
 * third of its gaps are longer than `maxKeyGapMs`. So typing by hand yields no scan.
 * Call `flush` after `endPauseMs` without keys to end a scan that came without Enter or Tab.
 */
export class KeyboardWedgeReader {
  readonly maxKeyGapMs: number;
  readonly minLength: number;
  private readonly shortStallMs: number;
  private readonly shortEndPauseMs: number;
  /**
   * Set once a scan ended with Enter or Tab, because this scanner sends a terminator.
   * NOTE: it stays set for the page's lifetime, so a second scanner without a terminator
   * has its scans ended only after the longer pause, about a second.
   */
  private terminated = false;
  private buffer = '';
  private lastAt = Number.NEGATIVE_INFINITY;
  /** Gaps between the buffered keys: at scanner speed, and longer ones (stalls). */
  private fastGaps = 0;
  private stalls = 0;
  private readonly separators = new GroupSeparatorKeys();

  constructor(options: WedgeReaderOptions = {}) {
    this.maxKeyGapMs = options.maxKeyGapMs ?? WEDGE_MAX_KEY_GAP_MS;
    this.shortStallMs = Math.max(this.maxKeyGapMs, options.maxStallMs ?? WEDGE_MAX_STALL_MS);
    this.shortEndPauseMs = options.endPauseMs ?? WEDGE_END_PAUSE_MS;
    this.minLength = options.minLength ?? WEDGE_MIN_LENGTH;
  }

  /** Maximum gap that keeps keys in one scan. It grows once the scanner has sent a terminator. */
  get maxStallMs(): number {
    return this.terminated ? Math.max(this.shortStallMs, WEDGE_TERMINATED_MAX_STALL_MS) : this.shortStallMs;
  }

  /** Pause that ends a scan sent without Enter or Tab. It is never shorter than `maxStallMs`. */
  get endPauseMs(): number {
    return this.maxStallMs + Math.max(0, this.shortEndPauseMs - this.shortStallMs);
  }

  /** True while characters wait for the end of their scan. */
  get pending(): boolean {
    return this.buffer !== '' || this.separators.pending;
  }

  /** Reads one key record, in arrival order. */
  push(key: WedgeKey): WedgeKeyResult {
    const scans: ScanEvent[] = [];

    // A key after a longer gap ends the buffered scan before it is read, so a scan that
    // ended with a pause never takes in the first key of the next one.
    if (this.buffer !== '' && key.at - this.lastAt > this.maxStallMs) {
      this.collect(scans, this.lastAt);
    }

    const separator = this.separators.read(key);
    for (let i = 0; i < separator.separators; i += 1) {
      this.append('\u001d', key.at);
    }
    if (separator.consumed) {
      // The keys of a separator sequence keep a scan alive, as its characters do.
      if (this.buffer !== '') this.lastAt = key.at;
      return { scans, consumed: true };
    }
    if (key.type === 'keyup') {
      return { scans, consumed: false };
    }

    // Enter or Tab right after a scan is its end, even when it came late, and must not
    // press a focused button or move the focus.
    if (TERMINATORS.has(key.key)) {
      const before = scans.length;
      this.collect(scans, key.at);
      if (scans.length > before) this.terminated = true;
      return { scans, consumed: scans.length > 0 };
    }

    // Shortcuts such as Ctrl+C pass untouched. Ctrl and Alt together is AltGr on
    // Windows, which types characters such as @ on many layouts.
    if (!isCharacter(key.key) || key.ctrlKey !== key.altKey) {
      return { scans, consumed: false };
    }

    // Leading whitespace is trimmed anyway, and leaving its default lets Space still
    // press a focused button.
    const leadingSpace = this.buffer.trim() === '' && key.key.trim() === '';
    this.append(key.key, key.at);
    return { scans, consumed: !leadingSpace };
  }

  /**
   * Ends the buffered scan when nothing was typed for `endPauseMs` up to `now`. Returns
   * the scan, or nothing when the buffer is empty, too recent or too short.
   */
  flush(now: number): ScanEvent[] {
    const scans: ScanEvent[] = [];
    if (this.buffer !== '' && now - this.lastAt >= this.endPauseMs) {
      this.collect(scans, this.lastAt);
    }
    return scans;
  }

  private append(text: string, at: number): void {
    if (this.buffer !== '') {
      if (at - this.lastAt > this.maxKeyGapMs) this.stalls += 1;
      else this.fastGaps += 1;
    }
    this.buffer += text;
    this.lastAt = at;
  }

  private collect(scans: ScanEvent[], at: number): void {
    const raw = this.buffer;
    const atScannerSpeed = this.stalls <= (this.stalls + this.fastGaps) * WEDGE_MAX_STALL_SHARE;
    this.buffer = '';
    this.fastGaps = 0;
    this.stalls = 0;
    const event = atScannerSpeed ? createKeyboardScanEvent(raw, 'wedge', at, this.minLength) : undefined;
    if (event !== undefined) {
      scans.push(event);
    }
  }
}

// A key that types one character, rather than a named key such as `Shift` or `ArrowLeft`.
function isCharacter(key: string): boolean {
  return Array.from(key).length === 1 && key >= ' ';
}
