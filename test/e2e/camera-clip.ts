import { openSync, writeSync, closeSync } from 'node:fs';
import bwipjs from 'bwip-js/node';
import { PNG } from 'pngjs';

/** An RGBA image. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** One stretch of the clip: a barcode centred on white, or white alone, for `seconds`. */
export interface ClipSegment {
  image?: RgbaImage;
  seconds: number;
}

export interface ClipOptions {
  width: number;
  height: number;
  framesPerSecond: number;
}

/** Renders a barcode with bwip-js on a white background and decodes the PNG to RGBA. */
export async function renderBarcode(options: { bcid: string; text: string; scale: number; height?: number }): Promise<RgbaImage> {
  const png = await bwipjs.toBuffer({
    bcid: options.bcid,
    text: options.text,
    scale: options.scale,
    // bwip-js rejects an explicit undefined height, so the key is left out for 2D symbols.
    ...(options.height === undefined ? {} : { height: options.height }),
    includetext: false,
    paddingwidth: 10,
    paddingheight: 10,
    backgroundcolor: 'FFFFFF',
  });
  const decoded = PNG.sync.read(png);
  return { width: decoded.width, height: decoded.height, data: decoded.data };
}

// Converts one RGBA frame of the clip to I420: a full-size luma plane, then U and V at half
// width and height. BT.601 limited-range coefficients, as video decoders expect.
function toI420(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const lumaSize = width * height;
  const chromaSize = (width / 2) * (height / 2);
  const out = new Uint8Array(lumaSize + 2 * chromaSize);
  for (let i = 0; i < lumaSize; i++) {
    const r = rgba[i * 4] ?? 0;
    const g = rgba[i * 4 + 1] ?? 0;
    const b = rgba[i * 4 + 2] ?? 0;
    out[i] = Math.round(16 + 0.257 * r + 0.504 * g + 0.098 * b);
  }
  for (let y = 0; y < height / 2; y++) {
    for (let x = 0; x < width / 2; x++) {
      const pixel = (y * 2 * width + x * 2) * 4;
      const r = rgba[pixel] ?? 0;
      const g = rgba[pixel + 1] ?? 0;
      const b = rgba[pixel + 2] ?? 0;
      const index = y * (width / 2) + x;
      out[lumaSize + index] = Math.round(128 - 0.148 * r - 0.291 * g + 0.439 * b);
      out[lumaSize + chromaSize + index] = Math.round(128 + 0.439 * r - 0.368 * g - 0.071 * b);
    }
  }
  return out;
}

/** Places `image` in the middle of a white frame of the clip's size. */
function composeFrame(image: RgbaImage | undefined, width: number, height: number): Uint8Array {
  const frame = new Uint8Array(width * height * 4).fill(255);
  if (image === undefined) return frame;
  if (image.width > width || image.height > height) {
    throw new RangeError(`A ${image.width}x${image.height} barcode does not fit a ${width}x${height} clip. Lower its scale.`);
  }
  const left = Math.floor((width - image.width) / 2);
  const top = Math.floor((height - image.height) / 2);
  for (let y = 0; y < image.height; y++) {
    const from = y * image.width * 4;
    frame.set(image.data.subarray(from, from + image.width * 4), ((top + y) * width + left) * 4);
  }
  return frame;
}

/**
 * Writes a YUV4MPEG2 clip that Chromium's fake camera plays in a loop. Returns the number
 * of frames written.
 */
export function writeY4mClip(path: string, segments: readonly ClipSegment[], options: ClipOptions): number {
  const { width, height, framesPerSecond } = options;
  if (width % 2 !== 0 || height % 2 !== 0) {
    throw new RangeError(`I420 needs an even width and height, got ${width}x${height}.`);
  }
  const file = openSync(path, 'w');
  let frames = 0;
  try {
    writeSync(file, `YUV4MPEG2 W${width} H${height} F${framesPerSecond}:1 Ip A1:1 C420jpeg\n`);
    for (const segment of segments) {
      const planes = toI420(composeFrame(segment.image, width, height), width, height);
      const count = Math.round(segment.seconds * framesPerSecond);
      for (let i = 0; i < count; i++) {
        writeSync(file, 'FRAME\n');
        writeSync(file, planes);
        frames++;
      }
    }
  } finally {
    closeSync(file);
  }
  return frames;
}
