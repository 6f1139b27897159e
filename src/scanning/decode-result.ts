import type { ReadResult } from 'zxing-wasm/reader';
import type { RetailFormat } from './decode-formats.ts';

/** One code read from a frame, in the names and text forms the rest of the app uses. */
export interface DecodedCode {
  /** The decoded text. GS1 data keeps its group separators as U+001D. */
  text: string;
  /** `EAN-13`, `UPC-A`, `Code 128`, ..., or `GS1-128`, `GS1 DataMatrix`, `GS1 QR Code` for GS1 data. */
  format: string;
  /** The AIM symbology identifier, e.g. `]E0` or `]d2`, when the engine reports one. */
  symbologyId?: string;
}

/** The fields of a zxing-wasm read result that the conversion uses. */
export type EngineResult = Pick<ReadResult, 'format' | 'text' | 'symbologyIdentifier' | 'extra'>;

const UPC_A_LENGTH = 12;
const UPC_E_LENGTH = 8;
const DIGITS = /^[0-9]+$/;

/**
 * Converts one zxing-wasm result to a DecodedCode. Returns undefined when the result is
 * empty or of a format the caller did not request.
 *
 * zxing-wasm 3.1.8 returns UPC-A as 13 digits with a leading 0, both under format `EAN13`
 * and `UPCA`, and UPC-E as the 13-digit GTIN of its UPC-A expansion with the 8 printed
 * digits in `extra`. This returns UPC-A as 12 digits and UPC-E as its 8 digits instead.
 */
export function toDecodedCode(
  result: EngineResult,
  requested: ReadonlySet<RetailFormat>,
): DecodedCode | undefined {
  if (result.text === '') {
    return undefined;
  }

  const converted = convertText(result, requested);
  if (converted === undefined || !requested.has(converted.base)) {
    return undefined;
  }

  const code: DecodedCode = { text: converted.text, format: converted.format };
  if (result.symbologyIdentifier !== '') {
    code.symbologyId = result.symbologyIdentifier;
  }
  return code;
}

interface ConvertedText {
  /** The requested format this result counts as. */
  base: RetailFormat;
  /** The reported format, which names GS1 content when the symbol carries it. */
  format: string;
  text: string;
}

function convertText(result: EngineResult, requested: ReadonlySet<RetailFormat>): ConvertedText | undefined {
  const { format, text, symbologyIdentifier } = result;

  switch (format) {
    case 'EAN13':
      // An EAN-13 whose first digit is 0 has the same bars as a UPC-A symbol.
      if (requested.has('UPC-A') && isUpcAInEan13Form(text)) {
        return { base: 'UPC-A', format: 'UPC-A', text: text.slice(1) };
      }
      return { base: 'EAN-13', format: 'EAN-13', text };
    case 'UPCA':
      return { base: 'UPC-A', format: 'UPC-A', text: isUpcAInEan13Form(text) ? text.slice(1) : text };
    case 'UPCE':
      return { base: 'UPC-E', format: 'UPC-E', text: readPrintedUpcE(result.extra) ?? text };
    case 'EAN8':
      return { base: 'EAN-8', format: 'EAN-8', text };
    case 'Code128':
      return { base: 'Code 128', format: symbologyIdentifier === ']C1' ? 'GS1-128' : 'Code 128', text };
    case 'Code39':
    case 'Code39Std':
    case 'Code39Ext':
      return { base: 'Code 39', format: 'Code 39', text };
    case 'ITF':
    case 'ITF14':
      return { base: 'ITF', format: 'ITF', text };
    case 'DataMatrix':
      return { base: 'Data Matrix', format: symbologyIdentifier === ']d2' ? 'GS1 DataMatrix' : 'Data Matrix', text };
    case 'QRCode':
    case 'QRCodeModel1':
    case 'QRCodeModel2':
      return { base: 'QR Code', format: symbologyIdentifier === ']Q3' ? 'GS1 QR Code' : 'QR Code', text };
    case 'DataBar':
    case 'DataBarOmni':
    case 'DataBarStk':
    case 'DataBarStkOmni':
    case 'DataBarLtd':
    case 'DataBarExp':
    case 'DataBarExpStk':
      return { base: 'GS1 DataBar', format: 'GS1 DataBar', text };
    default:
      return undefined;
  }
}

function isUpcAInEan13Form(text: string): boolean {
  return text.length === UPC_A_LENGTH + 1 && text.startsWith('0') && DIGITS.test(text);
}

// `extra` is a JSON object string, empty when the engine has nothing to add.
function readPrintedUpcE(extra: string): string | undefined {
  if (extra === '') {
    return undefined;
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(extra);
  } catch {
    return undefined;
  }

  const printed = (parsed as { UPCE?: unknown } | null)?.UPCE;
  if (typeof printed !== 'string' || printed.length !== UPC_E_LENGTH || !DIGITS.test(printed)) {
    return undefined;
  }
  return printed;
}
