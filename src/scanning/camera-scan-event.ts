import type { ScanEvent } from '../domain/scan-event.ts';
import type { DecodedCode } from './decoder.ts';

/** Builds the ScanEvent for a code the camera accepted at `at` (ms since the epoch). */
export function toCameraScanEvent(code: DecodedCode, at: number): ScanEvent {
  const event: ScanEvent = { text: code.text, format: code.format, source: 'camera', at };
  if (code.symbologyId !== undefined && code.symbologyId !== '') event.symbologyId = code.symbologyId;
  return event;
}
