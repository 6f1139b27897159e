// A camera decodes many frames a second, and one blurred frame can misread a digit. A text
// is accepted only after it was read on two distinct frames, and a code that stays in
// view is not accepted again and again.

/** Reads of one text on this many frames are needed before it is accepted. */
export const CONFIRM_READS = 2;

/**
 * The reads that confirm a text must fall within this window. A guess: at 10 frames a
 * second it allows for a few frames in between that did not decode.
 */
export const CONFIRM_WINDOW_MS = 1_000;

/**
 * After a text is accepted, it is ignored until it has been out of view this long. A
 * guess: long enough that one barcode held up does not scan twice, short enough that an
 * associate can scan a second unit with the same code.
 */
export const REPEAT_BLOCK_MS = 1_500;

export interface ScanConfirmationOptions {
  reads?: number;
  windowMs?: number;
  repeatBlockMs?: number;
}

/** Counts reads per text across frames and decides which texts are accepted. */
export interface ScanConfirmation {
  /**
   * Takes the texts decoded from one frame at `atMs` and returns those accepted with
   * this frame. A text listed twice in one frame counts once.
   */
  addFrame(texts: readonly string[], atMs: number): string[];
  /** Forgets every read and every accepted text, as when the camera is switched. */
  reset(): void;
}

interface PendingText {
  reads: number;
  firstReadMs: number;
}

/** Creates an empty confirmation with the default or the given thresholds. */
export function createScanConfirmation(options: ScanConfirmationOptions = {}): ScanConfirmation {
  const reads = options.reads ?? CONFIRM_READS;
  const windowMs = options.windowMs ?? CONFIRM_WINDOW_MS;
  const repeatBlockMs = options.repeatBlockMs ?? REPEAT_BLOCK_MS;
  if (!Number.isInteger(reads) || reads < 1) {
    throw new RangeError(`Scan confirmation reads must be a positive integer, got ${reads}. Pass 1 or more.`);
  }

  const pending = new Map<string, PendingText>();
  // Accepted texts and the last time each was seen.
  const accepted = new Map<string, number>();

  function dropExpired(atMs: number): void {
    for (const [text, entry] of pending) {
      if (atMs - entry.firstReadMs > windowMs) pending.delete(text);
    }
    for (const [text, lastSeenMs] of accepted) {
      if (atMs - lastSeenMs >= repeatBlockMs) accepted.delete(text);
    }
  }

  function addFrame(texts: readonly string[], atMs: number): string[] {
    dropExpired(atMs);
    const confirmed: string[] = [];

    for (const text of new Set(texts)) {
      if (text === '') continue;
      if (accepted.has(text)) {
        accepted.set(text, atMs);
        continue;
      }

      const entry = pending.get(text) ?? { reads: 0, firstReadMs: atMs };
      entry.reads += 1;
      if (entry.reads >= reads) {
        pending.delete(text);
        accepted.set(text, atMs);
        confirmed.push(text);
      } else {
        pending.set(text, entry);
      }
    }
    return confirmed;
  }

  return {
    addFrame,
    reset() {
      pending.clear();
      accepted.clear();
    },
  };
}
