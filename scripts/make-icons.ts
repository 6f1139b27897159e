// Draws the app's PNG icons (192 and 512 px, and a 512 px maskable one) into public/.
// The picture is the one of public/icon.svg: white bars of a barcode on the brand blue.
// Run with `npx tsx scripts/make-icons.ts` after changing the design.
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

const BRAND_RGB = [0x1f, 0x4e, 0x79] as const;
// Bars as [x, width] in units of a 512-wide canvas, as in icon.svg.
const BARS: ReadonlyArray<readonly [number, number]> = [
  [96, 24], [144, 12], [176, 36], [232, 12], [264, 24], [308, 12], [340, 36], [396, 20],
];
const BAR_TOP = 128;
const BAR_HEIGHT = 256;

/**
 * Draws one icon. `contentScale` shrinks the bars towards the centre: a maskable icon
 * keeps its content inside the central 80 % circle that every mask shape leaves visible.
 */
function drawIcon(size: number, contentScale: number): Buffer {
  const png = new PNG({ width: size, height: size });
  const unit = size / 512;
  const offset = (size - size * contentScale) / 2;
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const u = (x - offset) / (unit * contentScale);
      const v = (y - offset) / (unit * contentScale);
      const onBar = v >= BAR_TOP && v < BAR_TOP + BAR_HEIGHT && BARS.some(([left, width]) => u >= left && u < left + width);
      const index = (y * size + x) * 4;
      png.data[index] = onBar ? 255 : BRAND_RGB[0];
      png.data[index + 1] = onBar ? 255 : BRAND_RGB[1];
      png.data[index + 2] = onBar ? 255 : BRAND_RGB[2];
      png.data[index + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

writeFileSync('public/icon-192.png', drawIcon(192, 1));
writeFileSync('public/icon-512.png', drawIcon(512, 1));
writeFileSync('public/icon-maskable-512.png', drawIcon(512, 0.8));
