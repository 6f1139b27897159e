// The Shape Detection API's BarcodeDetector decodes in the browser's own code (Chrome on
// Android and ChromeOS, Safari on macOS). It is used only where it reads every format a
// store needs; elsewhere the bundled ZXing decoder runs in a worker.

import type { DecodedCode } from './decoder.ts';

/** Which decoder the camera uses. */
export type DecoderEngine = 'native' | 'zxing';

/** BarcodeDetector format names of the retail formats, in the Shape Detection API spelling. */
export const NATIVE_RETAIL_FORMATS = [
  'ean_13',
  'ean_8',
  'upc_a',
  'upc_e',
  'code_128',
  'code_39',
  'itf',
  'data_matrix',
  'qr_code',
] as const;

/** The ScanEvent format for each BarcodeDetector format. */
const FORMAT_NAMES: Readonly<Record<string, string>> = {
  ean_13: 'EAN-13',
  ean_8: 'EAN-8',
  upc_a: 'UPC-A',
  upc_e: 'UPC-E',
  code_128: 'Code 128',
  code_39: 'Code 39',
  itf: 'ITF',
  data_matrix: 'Data Matrix',
  qr_code: 'QR Code',
};

interface DetectedBarcode {
  rawValue: string;
  format: string;
}

interface BarcodeDetectorInstance {
  detect(image: ImageBitmapSource): Promise<DetectedBarcode[]>;
}

/** The parts of the BarcodeDetector constructor this module uses; TypeScript's DOM types lack it. */
export interface BarcodeDetectorConstructor {
  new (options?: { formats: string[] }): BarcodeDetectorInstance;
  getSupportedFormats(): Promise<string[]>;
}

/** Returns the page's BarcodeDetector, or undefined where the browser has none. */
export function findBarcodeDetector(scope: object = globalThis): BarcodeDetectorConstructor | undefined {
  const candidate = (scope as { BarcodeDetector?: unknown }).BarcodeDetector;
  return typeof candidate === 'function' ? (candidate as BarcodeDetectorConstructor) : undefined;
}

/**
 * Chooses the native detector when `detector` exists and supports every format in
 * `NATIVE_RETAIL_FORMATS`, and ZXing otherwise. A `getSupportedFormats` that rejects
 * counts as no support.
 */
export async function chooseDecoderEngine(detector: BarcodeDetectorConstructor | undefined): Promise<DecoderEngine> {
  if (detector === undefined || typeof detector.getSupportedFormats !== 'function') return 'zxing';
  let supported: string[];
  try {
    supported = await detector.getSupportedFormats();
  } catch {
    return 'zxing';
  }
  const available = new Set(supported);
  return NATIVE_RETAIL_FORMATS.every((format) => available.has(format)) ? 'native' : 'zxing';
}

/**
 * Wraps the native detector as a frame decoder.
 *
 * NOTE: BarcodeDetector reports no AIM symbology identifier, so a GS1 DataMatrix or GS1 QR
 * Code is not told apart from a plain one here, and its one-scan item and serial path
 * works only where the decoded text itself shows the GS1 structure.
 */
export function createNativeDecoder(detector: BarcodeDetectorConstructor) {
  const native = new detector({ formats: [...NATIVE_RETAIL_FORMATS] });
  return {
    async decode(frame: ImageData): Promise<DecodedCode[]> {
      const found = await native.detect(frame);
      return found.map((code) => ({ text: code.rawValue, format: FORMAT_NAMES[code.format] ?? code.format }));
    },
    close(): void {
      // The native detector holds nothing that needs releasing.
    },
  };
}
