// The serial length limit, kept apart from serial-policy.ts so that code which only
// measures serials does not pull in the pattern compiler (re2js), which the app loads
// on demand.

/**
 * Maximum serial length in characters (Unicode code points), as the server's order
 * validation counts them. Longer text is rejected before any pattern matching.
 */
export const SERIAL_MAX_LENGTH = 128;

/** Counts the Unicode code points of `text`, so that a character outside the BMP counts once. */
export function countCodePoints(text: string): number {
  return Array.from(text).length;
}
