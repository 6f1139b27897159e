import { badRequest } from './problem.ts';

const DATE_TEXT_MAX_LENGTH = 64;

/** Query schema of a date bound, which parseExportBound then reads. */
export const DATE_TEXT_SCHEMA = {
  type: 'string',
  minLength: 1,
  maxLength: DATE_TEXT_MAX_LENGTH,
  description: 'a date such as 2025-03-01, or a date and time with a zone such as 2025-03-01T08:00:00Z',
} as const;

const DATE_ONLY = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const DATE_TIME = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]{1,9})?)?(?:Z|[+-]([0-9]{2}):([0-9]{2}))$/;

/**
 * Reads an export bound: a date (`2025-03-01`, midnight UTC) or a date and time with `Z` or
 * an offset. Returns it as the stored timestamps are written (`toISOString`), so that text
 * comparison orders them. Throws a 400 naming the parameter and value otherwise.
 */
export function parseExportBound(name: string, value: string): string {
  const dateOnly = DATE_ONLY.exec(value);
  const dateTime = dateOnly === null ? DATE_TIME.exec(value) : null;
  const parts = dateOnly ?? dateTime;
  if (parts !== null && isRealDate(parts) && fitsClock(dateTime)) {
    const millis = Date.parse(dateOnly === null ? value : `${value}T00:00:00Z`);
    if (!Number.isNaN(millis)) return new Date(millis).toISOString();
  }
  throw badRequest(
    'invalid_date',
    `Query parameter ${name} ${JSON.stringify(value)} is not a date. Send an ISO 8601 date such as 2025-03-01, or a date and time with a zone such as 2025-03-01T08:00:00Z.`,
  );
}

/**
 * Reads the optional `from` and `to` of a query with parseExportBound. When both are given,
 * `to` must be after `from` (the range includes `from` and excludes `to`), else a 400
 * `invalid_date_range` names both.
 */
export function parseDateRange(fromText: string | undefined, toText: string | undefined): { from?: string; to?: string } {
  const from = fromText === undefined ? undefined : parseExportBound('from', fromText);
  const to = toText === undefined ? undefined : parseExportBound('to', toText);
  if (from !== undefined && to !== undefined && from >= to) {
    throw badRequest(
      'invalid_date_range',
      `Query parameter to ${JSON.stringify(toText)} is not after from ${JSON.stringify(fromText)}. The range includes from and excludes to; send a later to.`,
    );
  }
  return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
}

function isRealDate(parts: RegExpExecArray): boolean {
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (month === 2) return day <= (leap ? 29 : 28);
  if ([4, 6, 9, 11].includes(month)) return day <= 30;
  return day <= 31;
}

function fitsClock(parts: RegExpExecArray | null): boolean {
  if (parts === null) return true;
  const hour = Number(parts[4]);
  const minute = Number(parts[5]);
  const second = Number(parts[6] ?? 0);
  const offsetHour = Number(parts[7] ?? 0);
  const offsetMinute = Number(parts[8] ?? 0);
  return hour < 24 && minute < 60 && second < 60 && offsetHour < 24 && offsetMinute < 60;
}
