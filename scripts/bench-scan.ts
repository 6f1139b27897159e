// `npm run bench:scan`: per-frame decode time and codes read, for our decoder and for
// @zxing/browser's default reader, on camera-sized frames made from the zxing black-box
// images. Prints a table and writes it to the "Scanning" section of BENCHMARKS.md.

import { cpus, loadavg } from 'node:os';
import { createFrameDecoder } from '../src/scanning/decoder.ts';
import { isKnownSecondSymbol, loadCorpus, matchesExpected, type CorpusImage } from '../test/scanning/blackbox-corpus.ts';
import { readReaderWasm } from '../test/scanning/reader-wasm.ts';
import { writeBenchmarkSection } from './benchmark-section.ts';
import { createDefaultZxingReader } from './default-zxing-reader.ts';
import { fitFrame } from './fit-frame.ts';

const FRAME_SIZES = [
  [640, 480],
  [1280, 720],
] as const;
/** Decodes of each frame by each reader; the median of these is the frame's time. */
const RUNS_PER_FRAME = 5;

interface ReaderFigures {
  /** Per-frame median decode times in milliseconds, one per frame. */
  frameMediansMs: number[];
  /** Frames on which the expected text was among the reads. */
  read: number;
  /** Reads that differ from the expected text and are no known second symbol. */
  wrong: number;
}

const rows: string[] = [];

// @zxing/library 0.23.0 calls console.warn for sub-reader failures. Silencing it keeps the
// output readable and, in Node, keeps stderr writes out of the baseline's time.
const warn = console.warn;
console.warn = () => {};

const images = loadCorpus();
const decoder = await createFrameDecoder({ wasm: { binary: readReaderWasm() } });
const decodeWithDefaultZxing = createDefaultZxingReader();

for (const [width, height] of FRAME_SIZES) {
  const ours: ReaderFigures = { frameMediansMs: [], read: 0, wrong: 0 };
  const baseline: ReaderFigures = { frameMediansMs: [], read: 0, wrong: 0 };

  for (const image of images) {
    const frame = fitFrame(image.frame, width, height);

    const oursTimes: number[] = [];
    let oursTexts: string[] = [];
    const baselineTimes: number[] = [];
    let baselineText: string | undefined;
    for (let run = 0; run < RUNS_PER_FRAME; run += 1) {
      let start = performance.now();
      oursTexts = (await decoder.decode(frame)).map((code) => code.text);
      oursTimes.push(performance.now() - start);

      start = performance.now();
      baselineText = decodeWithDefaultZxing(frame);
      baselineTimes.push(performance.now() - start);
    }

    record(ours, image, oursTimes, oursTexts);
    record(baseline, image, baselineTimes, baselineText === undefined ? [] : [baselineText]);
  }

  rows.push(formatRow(`${width}×${height}`, ours, baseline));
}

decoder.close();
console.warn = warn;

const section = [
  `Frames: each of the ${images.length} zxing black-box images (test/fixtures/barcodes/zxing-blackbox),`,
  'centred on a grey canvas and scaled to fit with bilinear sampling. Each frame is decoded',
  `${RUNS_PER_FRAME} times by each reader, alternating; a frame's time is the median of its runs.`,
  '"median" and "mean" are taken over those per-frame times. "read" counts frames whose',
  'expected text was read; "wrong" counts reads of any other text.',
  '',
  '- ours: `createFrameDecoder()` from src/scanning/decoder.ts (zxing-wasm 3.1.8, retail formats,',
  '  a fallback pass only when the fast pass finds nothing).',
  '- default: @zxing/library 0.23.0 `MultiFormatReader` with default hints on an',
  '  `RGBLuminanceSource` and `HybridBinarizer`, which is the decoding that',
  '  `new BrowserMultiFormatReader()` of @zxing/browser 0.2.1 runs, with its grey conversion',
  '  timed too. It is reset before each frame, which only helps its reads.',
  '',
  '| frame | ours median ms | ours mean ms | default median ms | default mean ms | median ratio | ours read | default read | ours wrong | default wrong |',
  '|---|---|---|---|---|---|---|---|---|---|',
  ...rows,
  '',
  `Measured with \`npm run bench:scan\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version},`,
  `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, in Node, not in a browser. Load average at the`,
  `end: ${loadavg()[0]?.toFixed(1) ?? '?'}; with other work on the machine the times vary between runs.`,
].join('\n');

console.log(section);
writeBenchmarkSection('Scanning', section);
console.log('\nWrote the "Scanning" section of BENCHMARKS.md.');

function record(figures: ReaderFigures, image: CorpusImage, timesMs: number[], texts: string[]): void {
  figures.frameMediansMs.push(median(timesMs));
  if (texts.some((text) => matchesExpected(text, image.expected))) {
    figures.read += 1;
  }
  figures.wrong += texts.filter((text) => !matchesExpected(text, image.expected) && !isKnownSecondSymbol(image, text)).length;
}

function formatRow(label: string, ours: ReaderFigures, baseline: ReaderFigures): string {
  const oursMedian = median(ours.frameMediansMs);
  const baselineMedian = median(baseline.frameMediansMs);
  const cells = [
    label,
    oursMedian.toFixed(2),
    mean(ours.frameMediansMs).toFixed(2),
    baselineMedian.toFixed(2),
    mean(baseline.frameMediansMs).toFixed(2),
    `${(baselineMedian / oursMedian).toFixed(2)}× faster`,
    String(ours.read),
    String(baseline.read),
    String(ours.wrong),
    String(baseline.wrong),
  ];
  return `| ${cells.join(' | ')} |`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
