import { describe, expect, it } from 'vitest';
import { dropConflictingReads } from '../../src/scanning/decode-conflicts.ts';

function read(text: string, lineCount: number, left: number, right: number) {
  const position = {
    topLeft: { x: left, y: 100 },
    topRight: { x: right, y: 100 },
    bottomRight: { x: right, y: 140 },
    bottomLeft: { x: left, y: 140 },
  };
  return { format: 'EAN13' as const, text, lineCount, position };
}

describe('dropConflictingReads', () => {
  it('drops the weaker overlapping read', () => {
    const strong = read('0752919460009', 106, 50, 300);
    const weak = read('0742019460009', 4, 60, 290);
    expect(dropConflictingReads([strong, weak])).toEqual([strong]);
  });

  it('keeps reads in different places', () => {
    const results = [read('9784872348880', 80, 50, 300), read('1920081045006', 3, 400, 600)];
    expect(dropConflictingReads(results)).toEqual(results);
  });

  it('keeps repeated reads of one text', () => {
    const results = [read('9784872348880', 80, 50, 300), read('9784872348880', 3, 60, 290)];
    expect(dropConflictingReads(results)).toEqual(results);
  });

  it('keeps 2D results', () => {
    const results = [read('0752919460009', 106, 50, 300), { ...read('SN1', 0, 60, 290), format: 'DataMatrix' as const }];
    expect(dropConflictingReads(results)).toHaveLength(2);
  });
});
