// RFC 4180 rows for the exports, guarded against formula injection: a spreadsheet runs a
// cell that starts with = + - @ (or a tab or carriage return, which some read past) as a
// formula, so such a cell gets a leading single quote and is shown as text.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Formats one cell: null becomes an empty cell. */
export function formatCsvCell(value: string | null): string {
  if (value === null) return '';
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** Formats one row, ended by CRLF as RFC 4180 has it. */
export function formatCsvRow(cells: ReadonlyArray<string | null>): string {
  return `${cells.map(formatCsvCell).join(',')}\r\n`;
}
