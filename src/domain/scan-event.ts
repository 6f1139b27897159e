/** Where a scan came from: the camera, a keyboard-wedge scanner, or a person typing. */
export type ScanSource = 'camera' | 'wedge' | 'keyboard';

/**
 * One scan, whatever produced it. Camera, keyboard-wedge scanner and typing all emit this,
 * and the checkout and picking sessions consume it.
 */
export interface ScanEvent {
  /** The decoded text. GS1 group separators stay in it as the character U+001D. */
  text: string;
  /** The symbology when known, e.g. `EAN-13`, `Code 128`, `GS1 DataMatrix`. */
  format?: string;
  /** The AIM symbology identifier that preceded the text, e.g. `]d2`, when there was one. */
  symbologyId?: string;
  source: ScanSource;
  /** Milliseconds since the epoch when the scan was complete. */
  at: number;
}
