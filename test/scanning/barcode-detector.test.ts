import { describe, expect, it } from 'vitest';
import {
  chooseDecoderEngine,
  findBarcodeDetector,
  NATIVE_RETAIL_FORMATS,
  type BarcodeDetectorConstructor,
} from '../../src/scanning/barcode-detector.ts';

function fakeDetector(getSupportedFormats: () => Promise<string[]>): BarcodeDetectorConstructor {
  class FakeDetector {
    static getSupportedFormats = getSupportedFormats;
    detect() {
      return Promise.resolve([]);
    }
  }
  return FakeDetector;
}

describe('chooseDecoderEngine', () => {
  it('picks ZXing without BarcodeDetector', async () => {
    expect(await chooseDecoderEngine(undefined)).toBe('zxing');
  });

  it('picks native when every format is supported', async () => {
    const detector = fakeDetector(async () => [...NATIVE_RETAIL_FORMATS, 'aztec', 'pdf417']);
    expect(await chooseDecoderEngine(detector)).toBe('native');
  });

  it('picks ZXing when a format is missing', async () => {
    const withoutDataMatrix = NATIVE_RETAIL_FORMATS.filter((format) => format !== 'data_matrix');
    expect(await chooseDecoderEngine(fakeDetector(async () => withoutDataMatrix))).toBe('zxing');
  });

  it('picks ZXing for an empty format list', async () => {
    expect(await chooseDecoderEngine(fakeDetector(async () => []))).toBe('zxing');
  });

  it('picks ZXing when the format query fails', async () => {
    const failing = fakeDetector(() => Promise.reject(new DOMException('No detector service.', 'NotSupportedError')));
    expect(await chooseDecoderEngine(failing)).toBe('zxing');
  });
});

describe('findBarcodeDetector', () => {
  it('returns the constructor of the scope', () => {
    const detector = fakeDetector(async () => []);
    expect(findBarcodeDetector({ BarcodeDetector: detector })).toBe(detector);
  });

  it('returns undefined without one', () => {
    expect(findBarcodeDetector({})).toBeUndefined();
  });
});
