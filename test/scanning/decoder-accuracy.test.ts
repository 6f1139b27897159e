// Decodes every image of the zxing black-box corpus, upright and turned 180°, through the
// decoder the app uses, five times over with one long-lived decoder. The damaged file
// datamatrix-1/HelloWorld_Text_L_Kaywa_6_error_byte.png.error is not a .png and is skipped.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFrameDecoder, type FrameDecoder } from '../../src/scanning/decoder.ts';
import {
  BEST_COUNTS,
  isKnownSecondSymbol,
  loadCorpus,
  matchesExpected,
  rotateFrame180,
  type CorpusImage,
} from './blackbox-corpus.ts';
import { readReaderWasm } from './reader-wasm.ts';

const PASSES = 5;
const ROTATIONS_DEG = [0, 180] as const;
const CORPUS_TIMEOUT_MS = 120_000;

/** Correct reads per `folder@rotation` in one pass over the corpus. */
type PassCounts = Record<string, number>;

interface CorpusRun {
  passes: PassCounts[];
  /** Every read that differs from its .txt and is no known second symbol. */
  wrongReads: string[];
}

async function decodeCorpus(decoder: FrameDecoder, images: CorpusImage[]): Promise<CorpusRun> {
  const rotated = images.map((image) => rotateFrame180(image.frame));
  const run: CorpusRun = { passes: [], wrongReads: [] };

  for (let pass = 0; pass < PASSES; pass += 1) {
    const counts: PassCounts = {};
    for (const rotation of ROTATIONS_DEG) {
      for (const [index, image] of images.entries()) {
        const frame = rotation === 0 ? image.frame : rotated[index]!;
        const codes = await decoder.decode(frame);
        const key = `${image.folder}@${rotation}`;
        counts[key] ??= 0;
        if (codes.some((code) => matchesExpected(code.text, image.expected))) {
          counts[key] += 1;
        }
        for (const code of codes) {
          if (!matchesExpected(code.text, image.expected) && !isKnownSecondSymbol(image, code.text)) {
            run.wrongReads.push(`pass ${pass + 1}, ${rotation}°, ${image.folder}/${image.name}: ${code.format} "${code.text}"`);
          }
        }
      }
    }
    run.passes.push(counts);
  }
  return run;
}

describe('decoder accuracy on the zxing black-box corpus', () => {
  let decoder: FrameDecoder;
  let run: CorpusRun;

  beforeAll(async () => {
    decoder = await createFrameDecoder({ wasm: { binary: readReaderWasm() } });
    run = await decodeCorpus(decoder, loadCorpus());
  }, CORPUS_TIMEOUT_MS);

  afterAll(() => {
    decoder?.close();
  });

  for (const [folder, best] of Object.entries(BEST_COUNTS)) {
    for (const rotation of ROTATIONS_DEG) {
      it(`reads ${folder} at ${rotation}°`, () => {
        expect(run.passes[0]?.[`${folder}@${rotation}`]).toBeGreaterThanOrEqual(best);
      });
    }
  }

  it('returns no wrong text', () => {
    expect(run.wrongReads).toEqual([]);
  });

  for (let pass = 2; pass <= PASSES; pass += 1) {
    it(`repeats pass 1 counts in pass ${pass}`, () => {
      expect(run.passes[pass - 1]).toEqual(run.passes[0]);
    });
  }
});
