// Scanner output cleaned up before it is looked up or validated. Many scanners send an
// AIM symbology identifier (ISO/IEC 15424) before the data: `]`, a code character for the
// symbology and a modifier character, for example `]E0` for an EAN-13 or UPC-A.

/** Scan text without its AIM symbology identifier, and the symbology it named. */
export interface ScanText {
  text: string;
  /** The stripped identifier, for example `]E0`. */
  symbologyId?: string;
  /** Barcode format named by the identifier, for example `EAN-13`, when it is a known one. */
  format?: string;
}

const AIM_ID = /^\][A-Za-z][0-9A-Za-z]/;

// Formats for a code character and modifier pair. Identifiers not listed here fall back
// to FORMAT_BY_CODE, where the modifier only describes options of the same symbology.
const FORMAT_BY_ID: Readonly<Record<string, string>> = {
  ']C0': 'Code 128',
  ']C1': 'GS1-128',
  ']E0': 'EAN-13',
  ']E3': 'EAN-13',
  ']E4': 'EAN-8',
  ']d1': 'Data Matrix',
  ']d2': 'GS1 DataMatrix',
  ']Q1': 'QR Code',
  ']Q3': 'GS1 QR Code',
};

const FORMAT_BY_CODE: Readonly<Record<string, string>> = {
  A: 'Code 39',
  F: 'Codabar',
  G: 'Code 93',
  I: 'ITF',
  L: 'PDF417',
  e: 'GS1 DataBar',
  z: 'Aztec',
};

/**
 * Strips an AIM symbology identifier from the very start of `text`. Text that does not
 * start with `]`, a letter and a letter or digit is returned unchanged.
 */
export function stripSymbologyId(text: string): ScanText {
  const match = AIM_ID.exec(text);
  if (match === null) {
    return { text };
  }

  const symbologyId = match[0];
  const format = FORMAT_BY_ID[symbologyId] ?? FORMAT_BY_CODE[symbologyId.charAt(1)];
  const rest = text.slice(symbologyId.length);
  return format === undefined ? { text: rest, symbologyId } : { text: rest, symbologyId, format };
}

/**
 * Normalises raw scanner or keyboard text: trims surrounding whitespace (which includes
 * the CR, LF or Tab a keyboard-wedge scanner sends last), strips an AIM symbology
 * identifier, then trims again. The GS1 group separator (ASCII 29) is not whitespace,
 * so it stays in place.
 */
export function normaliseScanText(raw: string): ScanText {
  const stripped = stripSymbologyId(raw.trim());
  return { ...stripped, text: stripped.text.trim() };
}
