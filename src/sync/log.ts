// The app's one logger, with the prefix `[sync]`. It is silent under Vitest (Vite mode
// `test`) and after `setLogSilent(true)`. Any field whose name contains "token" is
// replaced before printing. A token inside a message string or an error is not found,
// so callers must never put one there.

export interface LogSink {
  info(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
}

type Level = keyof LogSink;

const PREFIX = '[sync]';
const REDACTED = '[redacted]';

let silent = import.meta.env?.MODE === 'test';
let sink: LogSink = console;

/** Turns logging off or back on. */
export function setLogSilent(value: boolean): void {
  silent = value;
}

/** Sends log lines to `target` in place of the console, as tests do to read them. */
export function setLogSink(target: LogSink): void {
  sink = target;
}

function write(level: Level, message: string, details: unknown[]): void {
  if (silent) {
    return;
  }
  sink[level](PREFIX, message, ...details.map(redactTokens));
}

/** Logs through the shared sink. Details are printed after the message, tokens redacted. */
export const log = {
  info(message: string, ...details: unknown[]): void {
    write('info', message, details);
  },
  warn(message: string, ...details: unknown[]): void {
    write('warn', message, details);
  },
  error(message: string, ...details: unknown[]): void {
    write('error', message, details);
  },
};

/**
 * Copies `value` with every property whose name contains "token" (any case) replaced,
 * at any depth of plain objects and arrays. Errors and other values pass unchanged.
 */
export function redactTokens(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(redactTokens);
  }
  if (!isPlainObject(value)) {
    return value;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    copy[key] = /token/i.test(key) ? REDACTED : redactTokens(field);
  }
  return copy;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
