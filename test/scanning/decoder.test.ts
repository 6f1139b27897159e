import bwipjs from 'bwip-js/node';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFrameDecoder, type FrameDecoder } from '../../src/scanning/decoder.ts';
import type { RgbaFrame } from '../../src/scanning/decode-transparency.ts';
import { readReaderWasm } from './reader-wasm.ts';

const GS = '\u001d';

// Renders a symbol with bwip-js on a white background and a quiet zone.
async function renderFrame(bcid: string, text: string, extra: Record<string, unknown> = {}): Promise<RgbaFrame> {
  const buffer = await bwipjs.toBuffer({
    bcid,
    text,
    scale: 3,
    backgroundcolor: 'FFFFFF',
    paddingwidth: 10,
    paddingheight: 10,
    ...extra,
  });
  const png = PNG.sync.read(buffer);
  return { data: new Uint8ClampedArray(png.data), width: png.width, height: png.height };
}

describe('createFrameDecoder', () => {
  let decoder: FrameDecoder;

  beforeAll(async () => {
    decoder = await createFrameDecoder({ wasm: { binary: readReaderWasm() } });
  });

  afterAll(() => {
    decoder.close();
  });

  it('reads GS1-128 with group separators', async () => {
    const frame = await renderFrame('gs1-128', '(01)09506000134352(10)LOT1(21)ABC123', { height: 12 });
    expect(await decoder.decode(frame)).toEqual([
      { text: `010950600013435210LOT1${GS}21ABC123`, format: 'GS1-128', symbologyId: ']C1' },
    ]);
  });

  it('reads GS1 DataMatrix', async () => {
    const frame = await renderFrame('gs1datamatrix', '(01)09506000134352(21)SN1(10)LOT1');
    expect(await decoder.decode(frame)).toEqual([
      { text: `010950600013435221SN1${GS}10LOT1`, format: 'GS1 DataMatrix', symbologyId: ']d2' },
    ]);
  });

  it('reads GS1 QR Code', async () => {
    const frame = await renderFrame('gs1qrcode', '(01)09506000134352(21)SN1');
    expect((await decoder.decode(frame))[0]?.format).toBe('GS1 QR Code');
  });

  it('reads GS1 DataBar', async () => {
    const frame = await renderFrame('databaromni', '(01)09506000134352', { height: 12 });
    expect(await decoder.decode(frame)).toEqual([{ text: '0109506000134352', format: 'GS1 DataBar', symbologyId: ']e0' }]);
  });

  it('reads UPC-A as 12 digits', async () => {
    const frame = await renderFrame('upca', '036602301467', { height: 12 });
    expect(await decoder.decode(frame)).toEqual([{ text: '036602301467', format: 'UPC-A', symbologyId: ']E0' }]);
  });

  it('reads UPC-E as 8 digits', async () => {
    const frame = await renderFrame('upce', '01234565', { height: 12 });
    expect(await decoder.decode(frame)).toEqual([{ text: '01234565', format: 'UPC-E', symbologyId: ']E0' }]);
  });

  it('reads a code turned by 90°', async () => {
    const frame = await renderFrame('ean13', '9780804816632', { height: 12, rotate: 'R' });
    expect((await decoder.decode(frame))[0]?.text).toBe('9780804816632');
  });

  it('reads an inverted symbol', async () => {
    const frame = await renderFrame('datamatrix', 'SN12345', { backgroundcolor: '000000', barcolor: 'FFFFFF' });
    expect((await decoder.decode(frame))[0]?.text).toBe('SN12345');
  });

  it('reads a transparent background as white', async () => {
    const frame = await renderFrame('datamatrix', 'SN12345', { backgroundcolor: undefined, paddingwidth: 4, paddingheight: 4 });
    expect(frame.data[3], 'alpha of the first pixel').toBe(0);
    expect((await decoder.decode(frame))[0]?.text).toBe('SN12345');
  });

  it('returns nothing for a blank frame', async () => {
    const frame = { data: new Uint8ClampedArray(64 * 48 * 4).fill(255), width: 64, height: 48 };
    expect(await decoder.decode(frame)).toEqual([]);
  });

  it('rejects a frame of the wrong size', async () => {
    const frame = { data: new Uint8ClampedArray(10), width: 64, height: 48 };
    await expect(decoder.decode(frame)).rejects.toThrow(/expected a Uint8ClampedArray of 12288 bytes \(RGBA\), got 10 bytes/);
  });

  it('rejects a zero width', async () => {
    await expect(decoder.decode({ data: new Uint8ClampedArray(0), width: 0, height: 48 })).rejects.toThrow(
      /Invalid frame size 0x48/,
    );
  });
});

describe('createFrameDecoder options', () => {
  it('reads only the requested formats', async () => {
    const decoder = await createFrameDecoder({ formats: ['QR Code'], wasm: { binary: readReaderWasm() } });
    const frame = await renderFrame('ean13', '9780804816632', { height: 12 });
    expect(await decoder.decode(frame)).toEqual([]);
  });

  it('rejects a missing wasm source', async () => {
    await expect(createFrameDecoder()).rejects.toThrow(/pass wasm\.url .* or wasm\.binary/);
  });

  it('rejects an unknown format', async () => {
    const formats = ['Aztec'] as unknown as ['QR Code'];
    await expect(createFrameDecoder({ formats, wasm: { binary: readReaderWasm() } })).rejects.toThrow(
      /Unknown barcode format "Aztec"/,
    );
  });

  it('rejects decode after close', async () => {
    const decoder = await createFrameDecoder({ wasm: { binary: readReaderWasm() } });
    decoder.close();
    const frame = { data: new Uint8ClampedArray(4), width: 1, height: 1 };
    await expect(decoder.decode(frame)).rejects.toMatchObject({ name: 'InvalidStateError' });
  });
});
