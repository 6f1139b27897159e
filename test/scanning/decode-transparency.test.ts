import { describe, expect, it } from 'vitest';
import { flattenTransparency } from '../../src/scanning/decode-transparency.ts';

describe('flattenTransparency', () => {
  it('returns an opaque frame itself', () => {
    const frame = { data: new Uint8ClampedArray([10, 20, 30, 255]), width: 1, height: 1 };
    expect(flattenTransparency(frame)).toBe(frame);
  });

  it('turns transparent black white', () => {
    const frame = { data: new Uint8ClampedArray([0, 0, 0, 255, 0, 0, 0, 0]), width: 2, height: 1 };
    expect([...flattenTransparency(frame).data]).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
  });

  it('blends half alpha over white', () => {
    const frame = { data: new Uint8ClampedArray([0, 100, 255, 128]), width: 1, height: 1 };
    expect([...flattenTransparency(frame).data]).toEqual([127, 177, 255, 255]);
  });

  it('leaves the input unchanged', () => {
    const data = new Uint8ClampedArray([0, 0, 0, 0]);
    flattenTransparency({ data, width: 1, height: 1 });
    expect([...data]).toEqual([0, 0, 0, 0]);
  });
});
