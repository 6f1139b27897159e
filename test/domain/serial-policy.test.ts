import { describe, expect, it } from 'vitest';
import { createSerialPolicy, readSerialPattern, SERIAL_MAX_LENGTH } from '../../src/domain/serial-policy.ts';
import type { ConfigInForce } from '../../src/domain/types.ts';
import { loadConfigInForce } from './demo-data.ts';

function configWithPattern(pattern: string): ConfigInForce {
  return {
    config: { capabilities: { serialized_inventory: { serial_number_regex: pattern } } },
    source: 'global',
    store_id: 'store-001',
    version: 'v1',
  };
}

describe('createSerialPolicy', () => {
  const alnum = createSerialPolicy(loadConfigInForce('serial-14-alnum'));

  it('takes pattern and source', () => {
    expect(alnum.pattern).toBe('^[A-Z0-9]{14}$');
    expect(alnum.source).toBe('store');
  });

  it('describes the format', () => {
    expect(alnum.description).toBe('14 capital letters or digits');
  });

  it('has no pattern without config', () => {
    const policy = createSerialPolicy(undefined);
    expect(policy.pattern).toBeUndefined();
    expect(policy.source).toBe('none');
  });

  it('treats an empty pattern as none', () => {
    expect(createSerialPolicy(configWithPattern('')).pattern).toBeUndefined();
  });

  it('reports a compile error', () => {
    const policy = createSerialPolicy(loadConfigInForce('invalid-pattern'));
    expect(policy.compileError).toMatch(/missing closing \]/);
  });

  it('has no compile error for a valid pattern', () => {
    expect(alnum.compileError).toBeUndefined();
  });
});

describe('SerialPolicy.check', () => {
  const alnum = createSerialPolicy(loadConfigInForce('serial-14-alnum'));

  it('accepts a matching serial', () => {
    expect(alnum.check('C02XK1ABCD1234')).toEqual({ ok: true, serial: 'C02XK1ABCD1234' });
  });

  it('trims before matching', () => {
    expect(alnum.check('  C02XK1ABCD1234 \r\n')).toEqual({ ok: true, serial: 'C02XK1ABCD1234' });
  });

  it('strips an AIM identifier', () => {
    expect(alnum.check(']C0C02XK1ABCD1234')).toEqual({ ok: true, serial: 'C02XK1ABCD1234' });
  });

  it('keeps the case', () => {
    const policy = createSerialPolicy(undefined);
    expect(policy.check(' c02xk1abcd1234 ')).toEqual({ ok: true, serial: 'c02xk1abcd1234' });
  });

  it('rejects a format mismatch', () => {
    expect(alnum.check('12AB')).toEqual({ ok: false, reason: 'format', serial: '12AB', pattern: '^[A-Z0-9]{14}$' });
  });

  it('rejects an empty serial', () => {
    expect(alnum.check(' \n')).toEqual({ ok: false, reason: 'empty', serial: '' });
  });

  it('rejects an empty serial without pattern', () => {
    expect(createSerialPolicy(undefined).check('')).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('accepts any text without pattern', () => {
    const policy = createSerialPolicy(loadConfigInForce('no-serial-format'));
    expect(policy.check('anything at all!')).toEqual({ ok: true, serial: 'anything at all!' });
  });

  it('accepts 128 characters', () => {
    const policy = createSerialPolicy(undefined);
    expect(policy.check('A'.repeat(SERIAL_MAX_LENGTH)).ok).toBe(true);
  });

  it('rejects 129 characters', () => {
    const policy = createSerialPolicy(undefined);
    expect(policy.check('A'.repeat(129))).toMatchObject({ ok: false, reason: 'too_long', length: 129 });
  });

  it('checks length before matching', () => {
    // This pattern accepts any length, so only the length check can reject the text.
    const policy = createSerialPolicy(configWithPattern('^[A-Z]+$'));
    expect(policy.check('A'.repeat(200))).toMatchObject({ ok: false, reason: 'too_long', length: 200 });
  });

  it('reports too_long over format', () => {
    expect(alnum.check('a'.repeat(129))).toMatchObject({ ok: false, reason: 'too_long' });
  });

  it('counts code points', () => {
    const policy = createSerialPolicy(undefined);
    expect(policy.check('😀'.repeat(SERIAL_MAX_LENGTH)).ok).toBe(true);
  });

  it('rejects catastrophic input promptly', () => {
    const policy = createSerialPolicy(loadConfigInForce('catastrophic-pattern'));
    expect(policy.check(`${'A'.repeat(60)}!`)).toMatchObject({ ok: false, reason: 'format' });
  });

  it('matches 15-digit IMEI format', () => {
    const policy = createSerialPolicy(loadConfigInForce('imei-15-digits'));
    expect(policy.check('356938035643809').ok).toBe(true);
  });

  it('rejects 14 digits for IMEI format', () => {
    const policy = createSerialPolicy(loadConfigInForce('imei-15-digits'));
    expect(policy.check('35693803564380').ok).toBe(false);
  });

  it('fails closed when the pattern is unusable', () => {
    const policy = createSerialPolicy(loadConfigInForce('invalid-pattern'));
    expect(policy.check('C02XK1ABCD1234')).toEqual({
      ok: false,
      reason: 'pattern_unusable',
      serial: 'C02XK1ABCD1234',
      pattern: '^[A-Z0-9{14}$',
    });
  });

  it('matches unanchored patterns anywhere', () => {
    const policy = createSerialPolicy(configWithPattern('[0-9]{4}'));
    expect(policy.check('SN-1234-X').ok).toBe(true);
  });
});

describe('SerialPolicy.checkNormalised', () => {
  it('does not strip a second identifier', () => {
    const policy = createSerialPolicy(undefined);
    expect(policy.checkNormalised(']E0123')).toEqual({ ok: true, serial: ']E0123' });
  });
});

describe('readSerialPattern', () => {
  it('reads the configured pattern', () => {
    expect(readSerialPattern(loadConfigInForce('imei-15-digits'))).toBe('^[0-9]{15}$');
  });

  it('returns undefined when unset', () => {
    expect(readSerialPattern(loadConfigInForce('no-serial-format'))).toBeUndefined();
  });
});
