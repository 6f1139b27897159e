import type { ScanEvent, ScanSource } from '../domain/scan-event.ts';
import { normaliseScanText } from '../domain/normalise-scan-text.ts';
import { countCodePoints } from '../domain/serial-length.ts';

/**
 * Creates the ScanEvent for text typed by a keyboard-wedge scanner or a person. Strips
 * surrounding whitespace and the AIM symbology identifier, which names the format.
 * Returns undefined when the remaining text is shorter than `minLength` characters.
 */
export function createKeyboardScanEvent(
  rawText: string,
  source: Extract<ScanSource, 'wedge' | 'keyboard'>,
  at: number,
  minLength = 1,
): ScanEvent | undefined {
  const { text, symbologyId, format } = normaliseScanText(rawText);
  if (countCodePoints(text) < minLength) {
    return undefined;
  }

  const event: ScanEvent = { text, source, at };
  if (format !== undefined) event.format = format;
  if (symbologyId !== undefined) event.symbologyId = symbologyId;
  return event;
}
