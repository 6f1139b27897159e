// Barcode decoding for camera frames, with no DOM use, so that it runs in a Web Worker,
// on the page and in Node. The engine is zxing-wasm (zxing-cpp compiled to WebAssembly).

import { readBarcodes, type ReaderOptions, type ReadResult } from 'zxing-wasm/reader';
import { loadReaderModule, type WasmSource } from './decode-engine.ts';
import { parseFormats, RETAIL_FORMATS, toEngineFormats, type RetailFormat } from './decode-formats.ts';
import { dropConflictingReads } from './decode-conflicts.ts';
import { FALLBACK_PASS_OPTIONS, FAST_PASS_OPTIONS, keepFallbackResult } from './decode-passes.ts';
import { toDecodedCode, type DecodedCode } from './decode-result.ts';
import { flattenTransparency, type RgbaFrame } from './decode-transparency.ts';

export { RETAIL_FORMATS, type RetailFormat } from './decode-formats.ts';
export type { DecodedCode } from './decode-result.ts';

/** A reader of camera frames that stays open while the camera runs. */
export interface FrameDecoder {
  /** Decodes every code found in one RGBA frame (ImageData-shaped). */
  decode(frame: RgbaFrame): Promise<DecodedCode[]>;
  /** Stops the decoder. Later `decode` calls reject with an `InvalidStateError`. */
  close(): void;
}

export interface FrameDecoderOptions {
  /** Formats to look for, all of RETAIL_FORMATS when left out. */
  formats?: RetailFormat[];
  /** Source of zxing_reader.wasm. One of `url` and `binary` is required. */
  wasm?: WasmSource;
}

/**
 * Loads the decoding engine and returns a decoder for the requested formats.
 *
 * Each frame gets a fast pass. Only when that finds nothing does a slower fallback pass
 * run, which also tries 90° turns, single-line reads and transparent pixels as white.
 * Throws a RangeError for an unknown or empty format list and a TypeError when no wasm
 * source is given.
 */
export async function createFrameDecoder(options: FrameDecoderOptions = {}): Promise<FrameDecoder> {
  const formats = parseFormats(options.formats ?? RETAIL_FORMATS);
  await loadReaderModule(options.wasm);

  const requested: ReadonlySet<RetailFormat> = new Set(formats);
  const engineFormats = toEngineFormats(formats);
  const fastOptions: ReaderOptions = { ...FAST_PASS_OPTIONS, formats: engineFormats };
  const fallbackOptions: ReaderOptions = { ...FALLBACK_PASS_OPTIONS, formats: engineFormats };
  let closed = false;

  async function decode(frame: RgbaFrame): Promise<DecodedCode[]> {
    if (closed) {
      throw createClosedError();
    }
    checkFrame(frame);

    const fastResults = await readBarcodes(asImageData(frame), fastOptions);
    const fast = toDecodedCodes(dropConflictingReads(fastResults), requested);
    if (fast.length > 0) {
      return fast;
    }

    const fallbackResults = await readBarcodes(asImageData(flattenTransparency(frame)), fallbackOptions);
    return toDecodedCodes(dropConflictingReads(fallbackResults.filter(keepFallbackResult)), requested);
  }

  return {
    decode,
    close() {
      // The wasm module stays loaded, because zxing-wasm shares it with the next decoder.
      closed = true;
    },
  };
}

// Keeps one entry per format and text, because zxing-cpp can report a symbol twice, e.g. when
// the inverted image is tried as well.
function toDecodedCodes(results: ReadResult[], requested: ReadonlySet<RetailFormat>): DecodedCode[] {
  const codes: DecodedCode[] = [];
  const seen = new Set<string>();
  for (const result of results) {
    const code = toDecodedCode(result, requested);
    if (code === undefined) {
      continue;
    }
    const key = `${code.format}\n${code.text}`;
    if (!seen.has(key)) {
      seen.add(key);
      codes.push(code);
    }
  }
  return codes;
}

function checkFrame(frame: RgbaFrame): void {
  const { width, height, data } = frame;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(
      `Invalid frame size ${String(width)}x${String(height)}: width and height must be ` +
        'positive whole numbers of pixels. Pass the frame as ImageData gives it.',
    );
  }
  if (!(data instanceof Uint8ClampedArray) || data.length !== width * height * 4) {
    const length = data instanceof Uint8ClampedArray ? `${data.length} bytes` : 'not a Uint8ClampedArray';
    throw new RangeError(
      `Invalid frame data for ${width}x${height} pixels: expected a Uint8ClampedArray of ` +
        `${width * height * 4} bytes (RGBA), got ${length}. Pass ImageData.data unchanged.`,
    );
  }
}

// zxing-wasm's types ask for the DOM's ImageData, but it reads only data, width and
// height, so a plain RGBA frame works in Node and in workers too.
function asImageData(frame: RgbaFrame): ImageData {
  return frame as ImageData;
}

function createClosedError(): Error {
  const error = new Error('This frame decoder is closed. Create a new one with createFrameDecoder().');
  error.name = 'InvalidStateError';
  return error;
}
