import { describe, expect, it } from 'vitest';
import {
  CONFIRM_WINDOW_MS,
  createScanConfirmation,
  REPEAT_BLOCK_MS,
} from '../../src/scanning/scan-confirmation.ts';

describe('createScanConfirmation', () => {
  it('holds back a text read on one frame', () => {
    const confirmation = createScanConfirmation();
    expect(confirmation.addFrame(['9506000010014'], 0)).toEqual([]);
  });

  it('accepts a text read on two frames', () => {
    const confirmation = createScanConfirmation();
    confirmation.addFrame(['9506000010014'], 0);
    expect(confirmation.addFrame(['9506000010014'], 100)).toEqual(['9506000010014']);
  });

  it('counts a text twice in one frame once', () => {
    const confirmation = createScanConfirmation();
    expect(confirmation.addFrame(['9506000010014', '9506000010014'], 0)).toEqual([]);
  });

  it('never accepts a single misread frame', () => {
    const confirmation = createScanConfirmation();
    confirmation.addFrame(['9506000010014'], 0);
    expect(confirmation.addFrame(['9506000010074'], 100)).toEqual([]);
    expect(confirmation.addFrame([], 200)).toEqual([]);
  });

  it('accepts reads with empty frames between them', () => {
    const confirmation = createScanConfirmation();
    confirmation.addFrame(['C02XK1ABCD1234'], 0);
    confirmation.addFrame([], 100);
    confirmation.addFrame([], 200);
    expect(confirmation.addFrame(['C02XK1ABCD1234'], 300)).toEqual(['C02XK1ABCD1234']);
  });

  it('forgets a read older than the window', () => {
    const confirmation = createScanConfirmation();
    confirmation.addFrame(['C02XK1ABCD1234'], 0);
    expect(confirmation.addFrame(['C02XK1ABCD1234'], CONFIRM_WINDOW_MS + 1)).toEqual([]);
  });

  it('confirms a late read on the next frame', () => {
    const confirmation = createScanConfirmation();
    confirmation.addFrame(['C02XK1ABCD1234'], 0);
    confirmation.addFrame(['C02XK1ABCD1234'], CONFIRM_WINDOW_MS + 1);
    expect(confirmation.addFrame(['C02XK1ABCD1234'], CONFIRM_WINDOW_MS + 101)).toEqual(['C02XK1ABCD1234']);
  });

  it('accepts two codes in the same frames', () => {
    const confirmation = createScanConfirmation();
    confirmation.addFrame(['9506000010014', 'C02XK1ABCD1234'], 0);
    expect(confirmation.addFrame(['C02XK1ABCD1234', '9506000010014'], 100)).toEqual(['C02XK1ABCD1234', '9506000010014']);
  });

  it('ignores a code held in view', () => {
    const confirmation = createScanConfirmation();
    confirmation.addFrame(['9506000010014'], 0);
    confirmation.addFrame(['9506000010014'], 100);
    const later: string[] = [];
    for (let atMs = 200; atMs <= 5_000; atMs += 100) {
      later.push(...confirmation.addFrame(['9506000010014'], atMs));
    }
    expect(later).toEqual([]);
  });

  it('accepts the code again after it left view', () => {
    const confirmation = createScanConfirmation();
    confirmation.addFrame(['9506000010014'], 0);
    confirmation.addFrame(['9506000010014'], 100);
    const back = 100 + REPEAT_BLOCK_MS;
    expect(confirmation.addFrame(['9506000010014'], back)).toEqual([]);
    expect(confirmation.addFrame(['9506000010014'], back + 100)).toEqual(['9506000010014']);
  });

  it('blocks a repeat within the block time', () => {
    const confirmation = createScanConfirmation();
    confirmation.addFrame(['9506000010014'], 0);
    confirmation.addFrame(['9506000010014'], 100);
    confirmation.addFrame([], 500);
    expect(confirmation.addFrame(['9506000010014'], REPEAT_BLOCK_MS - 100)).toEqual([]);
    expect(confirmation.addFrame(['9506000010014'], REPEAT_BLOCK_MS)).toEqual([]);
  });

  it('starts over after reset', () => {
    const confirmation = createScanConfirmation();
    confirmation.addFrame(['9506000010014'], 0);
    confirmation.addFrame(['9506000010014'], 100);
    confirmation.reset();
    confirmation.addFrame(['9506000010014'], 200);
    expect(confirmation.addFrame(['9506000010014'], 300)).toEqual(['9506000010014']);
  });

  it('ignores empty text', () => {
    const confirmation = createScanConfirmation();
    confirmation.addFrame([''], 0);
    expect(confirmation.addFrame([''], 100)).toEqual([]);
  });

  it('takes a custom read count', () => {
    const confirmation = createScanConfirmation({ reads: 3 });
    confirmation.addFrame(['X1'], 0);
    expect(confirmation.addFrame(['X1'], 100)).toEqual([]);
    expect(confirmation.addFrame(['X1'], 200)).toEqual(['X1']);
  });

  it('rejects a read count below one', () => {
    expect(() => createScanConfirmation({ reads: 0 })).toThrow(/got 0/);
  });
});
