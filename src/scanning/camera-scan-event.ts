import type { ScanEvent } from '../domain/scan-event.ts';
import type { DecodedCode } from './decoder.ts';

// AIM symbology identifiers (ISO/IEC 15424) of symbols that carry GS1 element strings:
// GS1-128, GS1 DataMatrix, GS1 QR Code and GS1 DataBar.
const GS1_SYMBOLOGY_IDS = new Set([']C1', ']d2', ']Q3', ']e0']);

/** True when `symbologyId` names a symbol that carries GS1 element strings. */
export function isGs1SymbologyId(symbologyId: string | undefined): boolean {
  return symbologyId !== undefined && GS1_SYMBOLOGY_IDS.has(symbologyId);
}

/** Builds the ScanEvent for a code the camera accepted at `at` (ms since the epoch). */
export function toCameraScanEvent(code: DecodedCode, at: number): ScanEvent {
  const event: ScanEvent = { text: code.text, format: code.format, source: 'camera', at };
  if (code.symbologyId !== undefined && code.symbologyId !== '') event.symbologyId = code.symbologyId;
  return event;
}

/**
 * Returns the text to hand to a consumer that takes plain scanner text. A GS1 symbol's
 * text gets its AIM identifier back in front, as a keyboard-wedge scanner sends it, so
 * that the GS1 path recognises it. Other codes are passed as decoded.
 */
export function scanEventText(event: ScanEvent): string {
  return isGs1SymbologyId(event.symbologyId) ? `${event.symbologyId}${event.text}` : event.text;
}
