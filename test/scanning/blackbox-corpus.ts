// The zxing black-box images in test/fixtures/barcodes/zxing-blackbox, loaded as RGBA
// frames with their expected texts, and the rules for judging a read against them.

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { expandUpcE, toGtin14 } from '../../src/domain/gtin.ts';
import type { RgbaFrame } from '../../src/scanning/decode-transparency.ts';

export const CORPUS_DIR = fileURLToPath(new URL('../fixtures/barcodes/zxing-blackbox/', import.meta.url));

/** One image of the corpus, decoded to RGBA. */
export interface CorpusImage {
  /** Folder name, e.g. `upca-1`. */
  folder: string;
  /** File name, e.g. `4.png`. */
  name: string;
  /** Content of the image's .txt file. */
  expected: string;
  frame: RgbaFrame;
}

/**
 * Decode counts each folder must reach, from the "best" column of the corpus README.
 * Every other column there is at or below these.
 */
export const BEST_COUNTS: Readonly<Record<string, number>> = {
  'ean13-2': 17,
  'upca-1': 18,
  'upce-1': 3,
  'ean8-1': 8,
  'code128-1': 7,
  'code39-1': 4,
  'datamatrix-1': 23,
  'itf-1': 14,
};

// Photos 13-28 of ean13-2 show one book cover that carries two EAN-13 symbols, its ISBN
// and a Japanese book price code. Each .txt names one of them, and the other one is often
// in the picture too (e.g. at the bottom edge of 14.png, 20.png and 24.png), so reading
// it is a correct read of a second symbol, not a misread.
const SECOND_SYMBOLS: Readonly<Record<string, readonly string[]>> = {
  'ean13-2': ['9784872348880', '1920081045006'],
};

/** Loads every .png of the corpus with its .txt, sorted by folder and name. */
export function loadCorpus(): CorpusImage[] {
  const images: CorpusImage[] = [];
  const folders = readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  for (const folder of folders) {
    const names = readdirSync(CORPUS_DIR + folder)
      .filter((name) => name.endsWith('.png'))
      .sort();
    for (const name of names) {
      const expected = readFileSync(`${CORPUS_DIR}${folder}/${name.replace(/\.png$/, '.txt')}`, 'utf8');
      images.push({ folder, name, expected, frame: readPng(`${CORPUS_DIR}${folder}/${name}`) });
    }
  }
  return images;
}

/** Reads a PNG file as an RGBA frame, whatever its colour type or bit depth. */
export function readPng(path: string): RgbaFrame {
  const png = PNG.sync.read(readFileSync(path));
  const data = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length);
  return { data, width: png.width, height: png.height };
}

/** Returns a copy of the frame turned by 180°, which reverses the order of its pixels. */
export function rotateFrame180(frame: RgbaFrame): RgbaFrame {
  const pixels = new Uint32Array(frame.data.slice().buffer);
  pixels.reverse();
  return { data: new Uint8ClampedArray(pixels.buffer), width: frame.width, height: frame.height };
}

/**
 * Tests whether a decoded text is the image's expected text. GTINs match by number, as the
 * catalog lookup does (UPC-A 036602301467 matches EAN-13 0036602301467, and a UPC-E
 * matches its UPC-A expansion), and GS1 group separators are ignored.
 */
export function matchesExpected(text: string, expected: string): boolean {
  if (text === expected || text.replaceAll('\u001d', '') === expected) {
    return true;
  }
  const readings = toGtin14Readings(expected);
  return toGtin14Readings(text).some((gtin) => readings.includes(gtin));
}

/** Tests whether a read that differs from the .txt is a known second symbol in the image. */
export function isKnownSecondSymbol(image: CorpusImage, text: string): boolean {
  const symbols = SECOND_SYMBOLS[image.folder] ?? [];
  return symbols.includes(image.expected) && symbols.includes(text);
}

// An 8-digit code can be an EAN-8 or a UPC-E, so it has up to two 14-digit readings.
function toGtin14Readings(text: string): string[] {
  const readings: string[] = [];
  const gtin = toGtin14(text);
  if (gtin !== undefined) {
    readings.push(gtin);
  }

  const upcA = text.length === 8 ? expandUpcE(text) : undefined;
  const expanded = upcA === undefined ? undefined : toGtin14(upcA);
  if (expanded !== undefined) {
    readings.push(expanded);
  }
  return readings;
}
