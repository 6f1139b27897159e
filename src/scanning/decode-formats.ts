import type { ReadInputBarcodeFormat } from 'zxing-wasm/reader';

/** A symbology the camera scanner can be asked to look for. */
export type RetailFormat =
  | 'EAN-13'
  | 'EAN-8'
  | 'UPC-A'
  | 'UPC-E'
  | 'Code 128'
  | 'Code 39'
  | 'ITF'
  | 'Data Matrix'
  | 'QR Code'
  | 'GS1 DataBar';

/** Every format the decoder reads by default: the symbologies found on retail goods. */
export const RETAIL_FORMATS: readonly RetailFormat[] = Object.freeze([
  'EAN-13',
  'EAN-8',
  'UPC-A',
  'UPC-E',
  'Code 128',
  'Code 39',
  'ITF',
  'Data Matrix',
  'QR Code',
  'GS1 DataBar',
] as const);

// zxing-cpp names. `DataBar` selects the whole family (Omnidirectional, Limited, Expanded).
const ENGINE_FORMATS: Readonly<Record<RetailFormat, ReadInputBarcodeFormat>> = {
  'EAN-13': 'EAN13',
  'EAN-8': 'EAN8',
  'UPC-A': 'UPCA',
  'UPC-E': 'UPCE',
  'Code 128': 'Code128',
  'Code 39': 'Code39',
  ITF: 'ITF',
  'Data Matrix': 'DataMatrix',
  'QR Code': 'QRCode',
  'GS1 DataBar': 'DataBar',
};

/**
 * Checks a caller's format list and removes duplicates. Throws a RangeError naming the
 * first unknown format, or when the list is empty, because an empty list would make
 * the engine search every symbology it supports.
 */
export function parseFormats(formats: readonly string[]): RetailFormat[] {
  if (formats.length === 0) {
    throw new RangeError(
      'The format list is empty. Pass at least one of ' +
        `${RETAIL_FORMATS.join(', ')}, or leave out "formats" to read all of them.`,
    );
  }

  const known: ReadonlySet<string> = new Set(RETAIL_FORMATS);
  for (const format of formats) {
    if (!known.has(format)) {
      throw new RangeError(
        `Unknown barcode format "${format}". Use one of ${RETAIL_FORMATS.join(', ')}.`,
      );
    }
  }
  return [...new Set(formats)] as RetailFormat[];
}

/** Converts our format names to the names zxing-wasm takes in its reader options. */
export function toEngineFormats(formats: readonly RetailFormat[]): ReadInputBarcodeFormat[] {
  return formats.map((format) => ENGINE_FORMATS[format]);
}
