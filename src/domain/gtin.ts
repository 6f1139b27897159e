// GS1 Global Trade Item Numbers (GTIN-8, GTIN-12/UPC-A, GTIN-13/EAN-13, GTIN-14) and
// UPC-E. GTINs of different lengths are the same number once left-padded with zeros to
// 14 digits, which is how this module compares them.

const DIGITS = /^[0-9]+$/;
const GTIN_LENGTHS: ReadonlySet<number> = new Set([8, 12, 13, 14]);
const GTIN14_LENGTH = 14;

/**
 * Computes the GS1 mod-10 check digit for `body`, the digits before the check digit.
 * Weights 3 and 1 alternate from the rightmost body digit, so the same rule serves
 * every GTIN length. Throws a RangeError when `body` is empty or not all digits.
 */
export function gtinCheckDigit(body: string): number {
  if (!DIGITS.test(body)) {
    throw new RangeError(
      `Cannot compute a GS1 check digit for "${body}": it must be one or more digits 0-9. ` +
        'Pass only the digits before the check digit.',
    );
  }

  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** Tests whether `code` has 8, 12, 13 or 14 digits and ends with the correct check digit. */
export function isValidGtin(code: string): boolean {
  if (!DIGITS.test(code) || !GTIN_LENGTHS.has(code.length)) {
    return false;
  }
  return hasValidCheckDigit(code);
}

/**
 * Converts a valid GTIN-8, -12, -13 or -14 to its 14-digit form by padding zeros on the
 * left. Returns undefined for anything that is not a valid GTIN.
 */
export function toGtin14(code: string): string | undefined {
  if (!isValidGtin(code)) {
    return undefined;
  }
  return code.padStart(GTIN14_LENGTH, '0');
}

/**
 * Expands a UPC-E code to its 12-digit UPC-A.
 *
 * Accepts 8 digits (number system 0 or 1, six data digits, check digit), 7 digits
 * (number system and data) or 6 digits (data only, number system 0). The check digit of
 * an 8-digit code must equal the one computed for the expansion. Returns undefined when
 * the code has another shape, another number system or a wrong check digit.
 */
export function expandUpcE(code: string): string | undefined {
  if (!DIGITS.test(code)) {
    return undefined;
  }

  let numberSystem: string;
  let data: string;
  let givenCheck: string | undefined;
  if (code.length === 6) {
    numberSystem = '0';
    data = code;
  } else if (code.length === 7 || code.length === 8) {
    numberSystem = code.charAt(0);
    data = code.slice(1, 7);
    givenCheck = code.length === 8 ? code.charAt(7) : undefined;
  } else {
    return undefined;
  }

  if (numberSystem !== '0' && numberSystem !== '1') {
    return undefined;
  }

  const body = numberSystem + expandUpcEData(data);
  const check = String(gtinCheckDigit(body));
  if (givenCheck !== undefined && givenCheck !== check) {
    return undefined;
  }
  return body + check;
}

function hasValidCheckDigit(code: string): boolean {
  const body = code.slice(0, -1);
  return gtinCheckDigit(body) === Number(code.charAt(code.length - 1));
}

// The last data digit of a UPC-E code selects where the zeros that zero suppression removed
// go back: into the manufacturer part (0-4) or before the last product digit (5-9).
// Returns the 10 digits of the UPC-A between its number system and its check digit.
function expandUpcEData(data: string): string {
  const [d1, d2, d3, d4, d5, d6] = data.split('') as [string, string, string, string, string, string];
  switch (d6) {
    case '0':
    case '1':
    case '2':
      return `${d1}${d2}${d6}0000${d3}${d4}${d5}`;
    case '3':
      return `${d1}${d2}${d3}00000${d4}${d5}`;
    case '4':
      return `${d1}${d2}${d3}${d4}00000${d5}`;
    default:
      return `${d1}${d2}${d3}${d4}${d5}0000${d6}`;
  }
}
