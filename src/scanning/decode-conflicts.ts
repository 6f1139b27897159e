import type { ReadResult } from 'zxing-wasm/reader';

type PlacedResult = Pick<ReadResult, 'format' | 'text' | 'lineCount' | 'position'>;

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Removes linear reads that overlap another read of a different text but were seen on
 * fewer scan lines. Two symbols cannot occupy the same place, so the weaker of two such
 * reads is a misread: on a 640×480 frame of upca-1/21.png zxing-wasm 3.1.8 returned
 * 752919460009 on 106 lines and 742019460009 on 4 lines at the same place.
 * 2D results carry no line count (0) and are kept.
 */
export function dropConflictingReads<T extends PlacedResult>(results: T[]): T[] {
  return results.filter((result) => !results.some((other) => outweighs(other, result)));
}

function outweighs(other: PlacedResult, result: PlacedResult): boolean {
  return (
    other !== result &&
    result.lineCount > 0 &&
    other.text !== result.text &&
    other.lineCount > result.lineCount &&
    intersects(toBox(other), toBox(result))
  );
}

function toBox(result: PlacedResult): Box {
  const corners = [result.position.topLeft, result.position.topRight, result.position.bottomRight, result.position.bottomLeft];
  const xs = corners.map((point) => point.x);
  const ys = corners.map((point) => point.y);
  return { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) };
}

// Boxes that only touch count as overlapping, because a linear read of few scan lines
// can have a box of zero height.
function intersects(a: Box, b: Box): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}
