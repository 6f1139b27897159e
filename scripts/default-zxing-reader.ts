import zxing from '@zxing/library';
import type { RgbaFrame } from '../src/scanning/decode-transparency.ts';

// @zxing/library is CommonJS, so Node gives its exports as the default export.
const { BinaryBitmap, HybridBinarizer, MultiFormatReader, RGBLuminanceSource } = zxing;

/**
 * Decodes a frame the way a `new BrowserMultiFormatReader()` with no hints does in
 * @zxing/browser 0.2.1: RGBA to grey in JavaScript (with @zxing/browser's weights, a
 * fully transparent pixel counting as white), HybridBinarizer, then
 * MultiFormatReader.decodeWithState with default hints. Returns the text, or undefined.
 *
 * One difference: the reader is reset before each frame, because @zxing/library 0.23.0's
 * RSS-14 reader keeps state between frames and starts returning phantom codes after
 * about 2,000 decodes. The reset costs microseconds and only helps the baseline's reads.
 */
export function createDefaultZxingReader(): (frame: RgbaFrame) => string | undefined {
  const reader = new MultiFormatReader();
  reader.setHints(undefined);

  return (frame) => {
    reader.reset();
    const luminance = toLuminance(frame);
    const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, frame.width, frame.height)));
    try {
      return reader.decodeWithState(bitmap).getText();
    } catch {
      // @zxing/library reports "no code found" by throwing NotFoundException.
      return undefined;
    }
  };
}

function toLuminance(frame: RgbaFrame): Uint8ClampedArray {
  const { data } = frame;
  const luminance = new Uint8ClampedArray(frame.width * frame.height);
  for (let pixel = 0, i = 0; pixel < luminance.length; pixel += 1, i += 4) {
    const alpha = data[i + 3]!;
    luminance[pixel] = alpha === 0 ? 255 : (306 * data[i]! + 601 * data[i + 1]! + 117 * data[i + 2]! + 0x200) >> 10;
  }
  return luminance;
}
