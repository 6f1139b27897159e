import { describe, expect, it } from 'vitest';
import { tryFormat } from '../../src/domain/format-trial.ts';
import { loadConfigInForce } from './demo-data.ts';

describe('tryFormat', () => {
  it('shows a store pattern', () => {
    const trial = tryFormat(loadConfigInForce('serial-14-alnum', 'store'), 'C02XK1ABCD1234');
    expect(trial.pattern).toBe('^[A-Z0-9]{14}$');
    expect(trial.source).toBe('store');
    expect(trial.description).toBe('14 capital letters or digits');
  });

  it('shows a global pattern', () => {
    const trial = tryFormat(loadConfigInForce('imei-15-digits', 'global'), '356938035643809');
    expect(trial.source).toBe('global');
    expect(trial.description).toBe('15 digits');
  });

  it('accepts a matching sample', () => {
    const trial = tryFormat(loadConfigInForce('serial-14-alnum'), 'C02XK1ABCD1234');
    expect(trial.result).toEqual({ ok: true, serial: 'C02XK1ABCD1234' });
  });

  it('rejects a mismatching sample', () => {
    const trial = tryFormat(loadConfigInForce('serial-14-alnum'), '12AB');
    expect(trial.result).toMatchObject({ ok: false, reason: 'format', serial: '12AB' });
  });

  it('cleans the sample as checkout does', () => {
    const trial = tryFormat(loadConfigInForce('serial-14-alnum'), ' ]C0C02XK1ABCD1234\n');
    expect(trial.result).toEqual({ ok: true, serial: 'C02XK1ABCD1234' });
  });

  it('keeps the sample as entered', () => {
    expect(tryFormat(undefined, ' x ').sample).toBe(' x ');
  });

  it('shows no pattern without config', () => {
    const trial = tryFormat(undefined, 'anything');
    expect(trial.pattern).toBeUndefined();
    expect(trial.source).toBe('none');
    expect(trial.result).toEqual({ ok: true, serial: 'anything' });
  });

  it('shows no pattern when unset', () => {
    const trial = tryFormat(loadConfigInForce('no-serial-format', 'global'), 'anything');
    expect(trial.pattern).toBeUndefined();
    expect(trial.source).toBe('global');
  });

  it('rejects an empty sample', () => {
    expect(tryFormat(undefined, '  ').result).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('shows an invalid pattern', () => {
    const trial = tryFormat(loadConfigInForce('invalid-pattern'), 'C02XK1ABCD1234');
    expect(trial.result).toMatchObject({ ok: false, reason: 'pattern_unusable' });
    expect(trial.compileError).toMatch(/missing closing \]/);
  });

  it('rejects catastrophic input promptly', () => {
    const trial = tryFormat(loadConfigInForce('catastrophic-pattern'), `${'A'.repeat(60)}!`);
    expect(trial.result).toMatchObject({ ok: false, reason: 'format' });
  });
});
