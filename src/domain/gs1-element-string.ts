// GS1 element strings: application identifiers (AIs), each followed by its data, as
// GS1-128, GS1 DataMatrix, GS1 QR Code and GS1 DataBar carry them. The reader sends
// FNC1 as the group separator U+001D, which ends every element whose length the AI does
// not predefine, unless the element is the last one.

import { aiLengthFor, findAiSpec, type Gs1AiSpec, type Gs1Charset } from './gs1-ai-table.ts';
import { gtinCheckDigit } from './gtin.ts';

import { GS1_GROUP_SEPARATOR } from './gs1-group-separator.ts';

export { GS1_GROUP_SEPARATOR };

/** Reason code of an element string that could not be parsed. */
export type Gs1ErrorCode =
  | 'empty'
  | 'unknown_ai'
  | 'data_too_short'
  | 'missing_separator'
  | 'invalid_character'
  | 'invalid_check_digit'
  | 'invalid_date'
  | 'conflicting_values';

/** A parsed element string, with the data of each AI and the ones checkout uses. */
export interface Gs1Elements {
  ok: true;
  /** Data by AI, e.g. `{ "01": "09506000134352", "21": "ABC123" }`. */
  elements: Record<string, string>;
  /** The GTIN of the item (AI 01). */
  gtin?: string;
  /** The item's serial number (AI 21). */
  serial?: string;
  /** The batch or lot number (AI 10), which is never used as a serial. */
  lot?: string;
}

/** An element string that could not be parsed, with a sentence naming the fault and the AI. */
export interface Gs1ParseError {
  ok: false;
  code: Gs1ErrorCode;
  error: string;
  /** The AI whose data is at fault, when one is. */
  ai?: string;
}

export type Gs1ParseResult = Gs1Elements | Gs1ParseError;

const CHARSETS: Readonly<Record<Gs1Charset, RegExp>> = {
  N: /^[0-9]*$/,
  X: /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/,
  Y: /^[#\-/0-9A-Z]*$/,
  Z: /^[A-Za-z0-9_\-=]*$/,
};

const CHARSET_NAMES: Readonly<Record<Gs1Charset, string>> = {
  N: 'digits only',
  X: 'letters, digits and the GS1 symbols of character set 82',
  Y: 'capital letters, digits and # - / only',
  Z: 'letters, digits and - _ = only',
};

/**
 * Parses a GS1 element string without its AIM symbology identifier. Separators before
 * the first AI (FNC1 in first position) are skipped. Returns the data of every AI, or
 * the first fault found. A variable-length field longer than its AI allows is a fault,
 * because the separator after it is then missing, and it is never cut to size.
 */
export function parseGs1ElementString(text: string): Gs1ParseResult {
  const elements: Record<string, string> = {};
  let position = skipSeparators(text, 0);
  if (position >= text.length) {
    return fail('empty', 'The GS1 element string is empty.');
  }

  while (position < text.length) {
    const element = readElement(text, position);
    if (!element.ok) {
      return element;
    }
    const { spec, data } = element;

    const fault = checkData(spec, data);
    if (fault !== undefined) {
      return fault;
    }
    const earlier = elements[spec.ai];
    if (earlier !== undefined && earlier !== data) {
      return fail('conflicting_values', `AI ${spec.ai} appears twice, with "${earlier}" and "${data}".`, spec.ai);
    }
    elements[spec.ai] = data;
    position = skipSeparators(text, element.end);
  }

  return describeElements(elements);
}

type ReadResult = { ok: true; spec: Gs1AiSpec; data: string; end: number } | Gs1ParseError;

function readElement(text: string, position: number): ReadResult {
  const prefix = text.slice(position, position + 2);
  const aiLength = /^[0-9]{2}$/.test(prefix) ? aiLengthFor(prefix) : undefined;
  const ai = aiLength === undefined ? prefix : text.slice(position, position + aiLength);
  const spec = findAiSpec(ai);
  if (spec === undefined) {
    const where = position === 0 ? 'at the start' : `after "${showSeparators(text.slice(0, position))}"`;
    return fail('unknown_ai', `"${ai}" ${where} is not a known GS1 application identifier.`, ai);
  }

  const start = position + ai.length;
  if (spec.predefinedLength) {
    const data = text.slice(start, start + spec.maxLength);
    if (data.length < spec.maxLength || data.includes(GS1_GROUP_SEPARATOR)) {
      const got = data.split(GS1_GROUP_SEPARATOR)[0] ?? '';
      return fail('data_too_short', `AI ${ai} needs ${spec.maxLength} characters but has "${got}".`, ai);
    }
    return { ok: true, spec, data, end: start + spec.maxLength };
  }

  // NOTE: a missing separator is found only when the glued data exceeds the AI's maximum.
  // "21ABC123" glued to "17271231" reads as serial "ABC12317271231", which the serial
  // pattern may still reject.
  const separator = text.indexOf(GS1_GROUP_SEPARATOR, start);
  const end = separator === -1 ? text.length : separator;
  const data = text.slice(start, end);
  if (data.length > spec.maxLength) {
    return fail(
      'missing_separator',
      `The data after AI ${ai} has ${data.length} characters, more than the ${spec.maxLength} allowed: ` +
        `"${showSeparators(data)}". Is the group separator after AI ${ai} missing?`,
      ai,
    );
  }
  if (data.length < spec.minLength) {
    return fail('data_too_short', `AI ${ai} needs at least ${spec.minLength} characters but has "${data}".`, ai);
  }
  return { ok: true, spec, data, end };
}

function checkData(spec: Gs1AiSpec, data: string): Gs1ParseError | undefined {
  const digits = data.slice(0, spec.digitPrefix);
  if (!CHARSETS.N.test(digits) || !CHARSETS[spec.charset].test(data.slice(spec.digitPrefix))) {
    const allowed = spec.digitPrefix > 0 && spec.charset !== 'N' ? `digits first, then ${CHARSET_NAMES[spec.charset]}` : CHARSET_NAMES[spec.charset];
    const printable = showSeparators(data);
    return fail('invalid_character', `The data of AI ${spec.ai}, "${printable}", has a character outside ${allowed}.`, spec.ai);
  }

  if (spec.checkDigitLength > 0) {
    const number = data.slice(0, spec.checkDigitLength);
    const expected = gtinCheckDigit(number.slice(0, -1));
    if (Number(number.slice(-1)) !== expected) {
      return fail(
        'invalid_check_digit',
        `The check digit of AI ${spec.ai}, "${number}", is wrong: it should end in ${expected}.`,
        spec.ai,
      );
    }
  }

  if (spec.date && !isValidDate(data)) {
    return fail('invalid_date', `AI ${spec.ai} needs a date as YYMMDD, but "${data}" is not one.`, spec.ai);
  }
  return undefined;
}

// YYMMDD, where day 00 means the last day of the month.
function isValidDate(data: string): boolean {
  const month = Number(data.slice(2, 4));
  const day = Number(data.slice(4, 6));
  return month >= 1 && month <= 12 && day <= 31;
}

function describeElements(elements: Record<string, string>): Gs1Elements {
  const result: Gs1Elements = { ok: true, elements };
  const { '01': gtin, '21': serial, '10': lot } = elements;
  if (gtin !== undefined) result.gtin = gtin;
  if (serial !== undefined) result.serial = serial;
  if (lot !== undefined) result.lot = lot;
  return result;
}

function skipSeparators(text: string, position: number): number {
  let next = position;
  while (text.charAt(next) === GS1_GROUP_SEPARATOR) {
    next += 1;
  }
  return next;
}

// The separator is invisible, so messages show it as <GS>.
function showSeparators(text: string): string {
  return text.replaceAll(GS1_GROUP_SEPARATOR, '<GS>');
}

function fail(code: Gs1ErrorCode, error: string, ai?: string): Gs1ParseError {
  return ai === undefined ? { ok: false, code, error } : { ok: false, code, error, ai };
}
