import type { ReaderOptions, ReadResult } from 'zxing-wasm/reader';

// The two zxing-wasm 3.1.8 settings the decoder runs, chosen by decoding the zxing
// black-box images upright and turned 180° (docs/scanning.md has the counts and timings).

/**
 * Settings for the pass that runs on every frame. Rotation by 90° and inverted (light on
 * dark) symbols are left to the fallback pass: they cost time on every frame and no
 * upright or 180° image in the test corpus needs them. Text mode `Plain` keeps GS1 group
 * separators as U+001D where `HRI` would print `(01)…` instead.
 */
export const FAST_PASS_OPTIONS: Readonly<ReaderOptions> = {
  tryHarder: true,
  tryRotate: false,
  tryInvert: false,
  tryDownscale: true,
  minLineCount: 2,
  textMode: 'Plain',
};

/**
 * Settings for the pass that runs only when the fast pass found nothing: it also tries
 * the frame turned by 90°, 180° and 270° and inverted, and accepts a linear code read on
 * a single scan line. The single-line reads add UPC-A and EAN-13 photos that the fast
 * pass misses.
 */
export const FALLBACK_PASS_OPTIONS: Readonly<ReaderOptions> = {
  ...FAST_PASS_OPTIONS,
  tryRotate: true,
  tryInvert: true,
  minLineCount: 1,
};

// Code 39 and ITF have no mandatory check character, so one scan line across some
// other pattern can decode to a valid-looking but wrong text.
const FORMATS_WITHOUT_CHECK_CHARACTER: ReadonlySet<string> = new Set(['Code39', 'Code39Std', 'Code39Ext', 'ITF']);
const MIN_LINES_WITHOUT_CHECK_CHARACTER = 2;

/**
 * Tests whether a fallback-pass result may be kept: every 2D and check-character result
 * is kept, but a Code 39 or ITF result only when it was seen on at least two scan lines.
 *
 * NOTE: a single-line EAN/UPC read can still be wrong although its check digit is valid.
 * On upca-1/4.png a single-line read gives 070097026788 where the label is 070097025088,
 * which the fast pass reads right. A camera UI should accept a code only after it was
 * read on more than one frame.
 */
export function keepFallbackResult(result: Pick<ReadResult, 'format' | 'lineCount'>): boolean {
  if (!FORMATS_WITHOUT_CHECK_CHARACTER.has(result.format)) {
    return true;
  }
  return result.lineCount >= MIN_LINES_WITHOUT_CHECK_CHARACTER;
}
