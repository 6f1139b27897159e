// Deciding whether a scan is a GS1 element string, and reading a scan for checkout. The
// decision is conservative, so that a plain serial is not read as GS1. The scanner's AIM
// identifier or the reported format decides when there is one. Text without either
// counts as GS1 only when it starts with a GTIN (AI 01) and also has a group separator or
// parses whole into several elements.

import type { Gs1ParseResult } from './gs1-element-string.ts';
import { GS1_GROUP_SEPARATOR } from './gs1-group-separator.ts';
import { normaliseScanText } from './normalise-scan-text.ts';
import type { ScanEvent } from './scan-event.ts';

/** AIM identifiers of symbols that carry GS1 element strings: GS1-128, GS1 DataMatrix, GS1 QR Code, GS1 DataBar. */
export const GS1_SYMBOLOGY_IDS: ReadonlySet<string> = new Set([']C1', ']d2', ']Q3', ']e0']);

const AIM_ID = /^\][A-Za-z][0-9A-Za-z]$/;
const GS1_FORMAT = /^GS1[ -]/i;
const GTIN_ELEMENT = /^01[0-9]{14}/;

// The parser and its table of application identifiers load only for a scan that may be
// GS1, which keeps them out of the code that must load before checkout can be used.
async function parseGs1ElementString(text: string): Promise<Gs1ParseResult> {
  let parser: typeof import('./gs1-element-string.ts');
  try {
    parser = await import('./gs1-element-string.ts');
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Gs1ParserLoadError(`the GS1 barcode reader could not be loaded: ${detail}`, { cause: error });
  }
  return parser.parseGs1ElementString(text);
}

/** Thrown when the GS1 parser's code cannot be loaded, such as offline before the app was cached. */
export class Gs1ParserLoadError extends Error {
  override name = 'Gs1ParserLoadError';
}

/** The parts of a scan that the GS1 decision looks at. */
export interface Gs1ScanCandidate {
  /** The text without its AIM identifier. */
  text: string;
  symbologyId?: string;
  format?: string;
}

/** A scan read for checkout: its text as scanned, its text for lookup, and its GS1 data when it is GS1. */
export interface ScanInput {
  /** The scan text with its AIM identifier in front, as a scanner sends it. */
  rawText: string;
  /** Trimmed, without the AIM identifier. */
  text: string;
  /** Set when the scan is a GS1 element string, whether or not it parsed. */
  gs1?: Gs1ParseResult;
}

/**
 * Parses `scan` as a GS1 element string when it is one, and returns undefined when it is
 * not. A GS1 AIM identifier or a format name starting with "GS1" makes a scan GS1; any
 * other AIM identifier rules GS1 out. Without either, the text is GS1 when it starts with
 * a group separator (FNC1 sent first), or starts with AI 01 and a GTIN and either has a
 * group separator or parses without fault into two or more elements.
 */
export async function readGs1Scan(scan: Gs1ScanCandidate): Promise<Gs1ParseResult | undefined> {
  const { text, symbologyId, format } = scan;
  if (symbologyId !== undefined && GS1_SYMBOLOGY_IDS.has(symbologyId)) {
    return parseGs1ElementString(text);
  }
  if (format !== undefined && GS1_FORMAT.test(format)) {
    return parseGs1ElementString(text);
  }
  if (symbologyId !== undefined) {
    return undefined;
  }

  if (text.startsWith(GS1_GROUP_SEPARATOR)) {
    return parseGs1ElementString(text);
  }
  if (!GTIN_ELEMENT.test(text)) {
    return undefined;
  }
  const parsed = await parseGs1ElementString(text);
  if (text.includes(GS1_GROUP_SEPARATOR)) {
    return parsed;
  }
  return parsed.ok && Object.keys(parsed.elements).length >= 2 ? parsed : undefined;
}

/**
 * Reads a scan event or raw scanner text for checkout. An event's AIM identifier is put
 * back in front of its text for `rawText`, so that later clean-up strips exactly that
 * identifier once and never a `]xx` that belongs to the data.
 */
export async function readScanInput(scan: ScanEvent | string): Promise<ScanInput> {
  const rawText = typeof scan === 'string' ? scan : prefixSymbologyId(scan);
  const normalised = normaliseScanText(rawText);
  const candidate: Gs1ScanCandidate = { text: normalised.text };
  if (normalised.symbologyId !== undefined) candidate.symbologyId = normalised.symbologyId;
  const format = typeof scan === 'string' ? normalised.format : (scan.format ?? normalised.format);
  if (format !== undefined) candidate.format = format;

  const gs1 = await readGs1Scan(candidate);
  return gs1 === undefined ? { rawText, text: normalised.text } : { rawText, text: normalised.text, gs1 };
}

function prefixSymbologyId(event: ScanEvent): string {
  const { symbologyId } = event;
  return symbologyId !== undefined && AIM_ID.test(symbologyId) ? symbologyId + event.text : event.text;
}
