import { describe, expect, it } from 'vitest';
import { PAIR_AGAIN_MESSAGE } from '../../src/sync/sync-run.ts';
import { conflictReason, problemBesidePairing } from '../../src/ui/sync/sync-messages.ts';

const CATALOG_PROBLEM = 'Catalog download failed: HTTP 500.';

describe('problemBesidePairing', () => {
  it('leaves out the request to pair again', () => {
    expect(problemBesidePairing(PAIR_AGAIN_MESSAGE, true)).toBeUndefined();
  });

  it('keeps the problems before it', () => {
    expect(problemBesidePairing(`${CATALOG_PROBLEM} ${PAIR_AGAIN_MESSAGE}`, true)).toBe(CATALOG_PROBLEM);
  });

  it('keeps every problem while pairing is not asked for', () => {
    expect(problemBesidePairing(PAIR_AGAIN_MESSAGE, false)).toBe(PAIR_AGAIN_MESSAGE);
  });

  it('keeps another problem whole', () => {
    expect(problemBesidePairing(CATALOG_PROBLEM, true)).toBe(CATALOG_PROBLEM);
  });

  it('returns undefined without a problem', () => {
    expect(problemBesidePairing(undefined, true)).toBeUndefined();
  });
});

describe('conflictReason', () => {
  it('names no store for a format failure without detail', () => {
    const text = conflictReason('serial_format', undefined);
    expect(text).toBe('This serial does not match the serial number format in force on the server.');
  });

  it('prefers the server detail of a format failure', () => {
    expect(conflictReason('serial_format', 'Serial X does not match.')).toBe('Serial X does not match.');
  });
});
