import { describe, expect, it } from 'vitest';
import {
  compileSerialPattern,
  isAnchored,
  type CompiledSerialPattern,
} from '../../src/domain/compile-serial-pattern.ts';
import { loadFixturePattern } from './demo-data.ts';

function compileOrThrow(pattern: string): CompiledSerialPattern {
  const result = compileSerialPattern(pattern);
  if (!result.ok) {
    throw new Error(`Pattern ${pattern} did not compile: ${result.error}`);
  }
  return result;
}

describe('compileSerialPattern', () => {
  it('compiles the 14-character format', () => {
    const result = compileSerialPattern('^[A-Z0-9]{14}$');
    expect(result.ok).toBe(true);
  });

  it('matches a valid serial', () => {
    expect(compileOrThrow('^[A-Z0-9]{14}$').test('C02XK1ABCD1234')).toBe(true);
  });

  it('rejects a lower-case serial', () => {
    expect(compileOrThrow('^[A-Z0-9]{14}$').test('c02xk1abcd1234')).toBe(false);
  });

  it('searches unanchored patterns like RegExp.test', () => {
    expect(compileOrThrow('[0-9]{3}').test('AB1234CD')).toBe(true);
  });

  it('rejects the invalid fixture pattern', () => {
    const pattern = loadFixturePattern('invalid-pattern');
    const result = compileSerialPattern(pattern);
    expect(result).toEqual({ ok: false, pattern, error: expect.stringContaining('missing closing ]') });
  });

  it('explains a rejected backreference', () => {
    expect(compileSerialPattern('^(A)\\1$')).toMatchObject({ ok: false, error: expect.stringContaining('backreferences') });
  });

  it('explains a rejected lookahead', () => {
    expect(compileSerialPattern('^(?=A)[A-Z]+$')).toMatchObject({ ok: false, error: expect.stringContaining('lookahead') });
  });

  it('explains a rejected lookbehind', () => {
    expect(compileSerialPattern('(?<=A)B')).toMatchObject({ ok: false, error: expect.stringContaining('lookbehind') });
  });

  it('keeps an escaped backslash before a digit', () => {
    expect(compileSerialPattern('^\\\\1$').ok).toBe(true);
  });

  it('gives the engine error text otherwise', () => {
    expect(compileSerialPattern('^[A-Z')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/missing closing \]/),
    });
  });

  it('runs the catastrophic fixture pattern in linear time', () => {
    const compiled = compileOrThrow(loadFixturePattern('catastrophic-pattern'));
    expect(compiled.test(`${'A'.repeat(60)}!`)).toBe(false);
  });

  it('accepts text for the catastrophic fixture pattern', () => {
    const compiled = compileOrThrow(loadFixturePattern('catastrophic-pattern'));
    expect(compiled.test('A'.repeat(60))).toBe(true);
  });

  it('reports anchoring', () => {
    expect(compileOrThrow('^[0-9]{15}$').anchored).toBe(true);
  });
});

describe('isAnchored', () => {
  it.each([
    ['^[A-Z0-9]{14}$', true],
    ['\\A[0-9]+\\z', true],
    ['(?i)^abc$', true],
    ['^(A|B)[0-9]+$', true],
    ['^[|]$', true],
    ['^A\\\\$', true],
    ['^\\Q|\\E$', true],
    ['[A-Z0-9]{14}', false],
    ['^[A-Z0-9]{14}', false],
    ['[A-Z0-9]{14}$', false],
    ['^A\\$', false],
    ['^A|B$', false],
  ])('%s is %s', (pattern, anchored) => {
    expect(isAnchored(pattern)).toBe(anchored);
  });
});
