import { describe, expect, it } from 'vitest';
import { checkNewPin, hashPin, isPinHash, verifyPin } from '../../src/domain/kiosk-pin.ts';

// Few rounds keep the tests fast; the rounds are stored with the hash, so checks still match.
const TEST_ITERATIONS = 1_000;

describe('checkNewPin', () => {
  it('accepts four digits repeated', () => {
    expect(checkNewPin('1234', '1234')).toEqual({ ok: true, pin: '1234' });
  });

  it('trims surrounding spaces', () => {
    expect(checkNewPin(' 123456 ', '123456')).toEqual({ ok: true, pin: '123456' });
  });

  it.each(['123', '12a4', '12 34', '', '1234567890123'])('rejects %j', (pin) => {
    const result = checkNewPin(pin, pin);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toContain('4 to 12 digits');
  });

  it('rejects a different repetition', () => {
    const result = checkNewPin('1234', '1243');
    expect(result.ok ? '' : result.message).toContain('differ');
  });
});

describe('hashPin', () => {
  it('stores no plain PIN', async () => {
    const stored = await hashPin('482913', TEST_ITERATIONS);
    expect(JSON.stringify(stored)).not.toContain('482913');
  });

  it('salts each hash differently', async () => {
    const first = await hashPin('4829', TEST_ITERATIONS);
    const second = await hashPin('4829', TEST_ITERATIONS);
    expect(first.salt).not.toBe(second.salt);
    expect(first.hash).not.toBe(second.hash);
  });

  it('records algorithm and rounds', async () => {
    const stored = await hashPin('4829', TEST_ITERATIONS);
    expect(stored.algorithm).toBe('PBKDF2-SHA-256');
    expect(stored.iterations).toBe(TEST_ITERATIONS);
  });
});

describe('verifyPin', () => {
  it('accepts the right PIN', async () => {
    const stored = await hashPin('4829', TEST_ITERATIONS);
    expect(await verifyPin('4829', stored)).toBe(true);
  });

  it('rejects a wrong PIN', async () => {
    const stored = await hashPin('4829', TEST_ITERATIONS);
    expect(await verifyPin('4828', stored)).toBe(false);
  });

  it('rejects an empty PIN', async () => {
    const stored = await hashPin('4829', TEST_ITERATIONS);
    expect(await verifyPin('', stored)).toBe(false);
  });
});

describe('isPinHash', () => {
  it('accepts a made hash', async () => {
    expect(isPinHash(await hashPin('4829', TEST_ITERATIONS))).toBe(true);
  });

  it.each([null, 'x', { algorithm: 'PBKDF2-SHA-256', iterations: 0, salt: 'a', hash: 'b' }, { algorithm: 'MD5', iterations: 1, salt: 'a', hash: 'b' }])(
    'rejects %j',
    (value) => {
      expect(isPinHash(value)).toBe(false);
    },
  );
});
