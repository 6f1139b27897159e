import type { RgbaFrame } from '../src/scanning/decode-transparency.ts';

/** Light grey around the image, like a counter or a box behind a label. */
const CANVAS_GREY = 224;

/**
 * Draws an image centred on a grey canvas of the given size, scaled (up or down) to the
 * largest size that fits, with bilinear sampling. Transparent pixels show the canvas, as
 * drawing a PNG onto a filled canvas does. The result is opaque, like a camera frame.
 */
export function fitFrame(image: RgbaFrame, width: number, height: number): RgbaFrame {
  const data = new Uint8ClampedArray(width * height * 4).fill(CANVAS_GREY);
  const scale = Math.min(width / image.width, height / image.height);
  const drawnWidth = Math.round(image.width * scale);
  const drawnHeight = Math.round(image.height * scale);
  const left = Math.floor((width - drawnWidth) / 2);
  const top = Math.floor((height - drawnHeight) / 2);

  for (let y = 0; y < drawnHeight; y += 1) {
    for (let x = 0; x < drawnWidth; x += 1) {
      const pixel = sampleBilinear(image, (x + 0.5) / scale - 0.5, (y + 0.5) / scale - 0.5);
      const alpha = pixel[3] / 255;
      const offset = ((top + y) * width + left + x) * 4;
      for (let channel = 0; channel < 3; channel += 1) {
        data[offset + channel] = pixel[channel]! * alpha + CANVAS_GREY * (1 - alpha);
      }
    }
  }

  for (let i = 3; i < data.length; i += 4) {
    data[i] = 255;
  }
  return { data, width, height };
}

// Returns the RGBA value at a fractional source position, clamped to the image edges.
function sampleBilinear(image: RgbaFrame, sourceX: number, sourceY: number): [number, number, number, number] {
  const x0 = clamp(Math.floor(sourceX), image.width - 1);
  const y0 = clamp(Math.floor(sourceY), image.height - 1);
  const x1 = clamp(x0 + 1, image.width - 1);
  const y1 = clamp(y0 + 1, image.height - 1);
  const fx = Math.min(Math.max(sourceX - x0, 0), 1);
  const fy = Math.min(Math.max(sourceY - y0, 0), 1);

  const result: [number, number, number, number] = [0, 0, 0, 0];
  for (let channel = 0; channel < 4; channel += 1) {
    const top = read(image, x0, y0, channel) * (1 - fx) + read(image, x1, y0, channel) * fx;
    const bottom = read(image, x0, y1, channel) * (1 - fx) + read(image, x1, y1, channel) * fx;
    result[channel] = top * (1 - fy) + bottom * fy;
  }
  return result;
}

function read(image: RgbaFrame, x: number, y: number, channel: number): number {
  return image.data[(y * image.width + x) * 4 + channel] ?? 0;
}

function clamp(value: number, max: number): number {
  return Math.min(Math.max(value, 0), max);
}
