import { describe, expect, it } from 'vitest';
import { describeSerialPattern } from '../../src/domain/describe-serial-pattern.ts';

describe('describeSerialPattern', () => {
  it.each([
    ['^[A-Z0-9]{14}$', '14 capital letters or digits'],
    ['^[0-9A-Z]{14}$', '14 capital letters or digits'],
    ['^[0-9]{15}$', '15 digits'],
    ['^\\d{15}$', '15 digits'],
    ['\\A[0-9]{15}\\z', '15 digits'],
    ['^[A-Z]{1}$', '1 capital letter'],
    ['^[0-9]{8,12}$', '8 to 12 digits'],
    ['^[0-9]{6,}$', 'at least 6 digits'],
    ['^[A-Za-z0-9]+$', 'one or more letters or digits'],
    ['^[0-9A-F]{16}$', '16 digits or capital letters A-F'],
    ['^[a-z]{4}$', '4 lowercase letters'],
  ])('describes %s', (pattern, description) => {
    expect(describeSerialPattern(pattern)).toBe(description);
  });

  it.each(['^C02[A-Z0-9]{11}$', '[A-Z0-9]{14}', '^[^0-9]{4}$', '^[A-Z0-9_]{14}$', '^([A-Z0-9]+)+$'])(
    'quotes %s',
    (pattern) => {
      expect(describeSerialPattern(pattern)).toBe(`pattern "${pattern}"`);
    },
  );

  it('describes no pattern', () => {
    expect(describeSerialPattern(undefined)).toBe('any serial that is not empty');
  });
});
