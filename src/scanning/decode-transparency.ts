/** RGBA pixels in the shape of the DOM's ImageData, without needing the DOM. */
export interface RgbaFrame {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

const OPAQUE = 255;
const WHITE = 255;

/**
 * Composites a frame over white when any pixel is not fully opaque, and returns the frame
 * itself when every pixel is. zxing-wasm turns RGBA into grey by ignoring alpha, so a
 * transparent PNG background (stored as transparent black) would read as black.
 * @zxing/browser counts a fully transparent pixel as white for the same reason.
 */
export function flattenTransparency(frame: RgbaFrame): RgbaFrame {
  const { data } = frame;
  const firstTranslucent = findTranslucentPixel(data);
  if (firstTranslucent < 0) {
    return frame;
  }

  const flat = new Uint8ClampedArray(data);
  for (let i = firstTranslucent; i < flat.length; i += 4) {
    const alpha = flat[i + 3] ?? OPAQUE;
    if (alpha === OPAQUE) {
      continue;
    }
    const coverage = alpha / OPAQUE;
    const background = WHITE * (1 - coverage);
    flat[i] = (flat[i] ?? 0) * coverage + background;
    flat[i + 1] = (flat[i + 1] ?? 0) * coverage + background;
    flat[i + 2] = (flat[i + 2] ?? 0) * coverage + background;
    flat[i + 3] = OPAQUE;
  }
  return { data: flat, width: frame.width, height: frame.height };
}

// Returns the byte offset of the first pixel whose alpha is below 255, or -1.
function findTranslucentPixel(data: Uint8ClampedArray): number {
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] !== OPAQUE) {
      return i;
    }
  }
  return -1;
}
