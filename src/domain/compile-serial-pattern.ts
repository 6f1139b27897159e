// Serial number patterns compiled with RE2 syntax through re2js. RE2 matches in time
// linear in the input, so a pattern such as `^([A-Z0-9]+)+$` cannot hang the till the
// way it can with a backtracking engine. The server compiles with the same engine, so a
// pattern it accepts also compiles on the device.

import { RE2JS, RE2JSException } from 're2js';

/** A pattern that compiled. */
export interface CompiledSerialPattern {
  ok: true;
  pattern: string;
  /** True when the pattern must match the whole serial (`^...$` or `\A...\z`). */
  anchored: boolean;
  /** Searches `text` for a match anywhere, as `RegExp.prototype.test` does. */
  test(text: string): boolean;
}

/** A pattern that RE2 rejected, with the engine's error message. */
export interface RejectedSerialPattern {
  ok: false;
  pattern: string;
  error: string;
}

export type SerialPatternResult = CompiledSerialPattern | RejectedSerialPattern;

// Leading flag groups such as `(?i)` change no anchoring, so they are skipped.
const LEADING_FLAGS = /^(?:\(\?[imsU-]+\))+/;

/**
 * Compiles `pattern` with RE2 syntax. Syntax errors, backreferences and lookaround are
 * rejected by RE2 and returned as `ok: false` with the engine's message.
 */
export function compileSerialPattern(pattern: string): SerialPatternResult {
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern);
  } catch (error) {
    if (error instanceof RE2JSException) {
      return { ok: false, pattern, error: explainUnsupported(pattern) ?? error.message };
    }
    throw error;
  }

  return {
    ok: true,
    pattern,
    anchored: isAnchored(pattern),
    test: (text: string) => compiled.test(text),
  };
}

// RE2 reports a lookbehind as an "invalid named capture" and a backreference as an
// "invalid escape sequence", which point the administrator the wrong way.
const LOOKAROUND = /\(\?<?[=!]/;
const BACKREFERENCE = /(?<!\\)\\[1-9]/;

function explainUnsupported(pattern: string): string | undefined {
  if (LOOKAROUND.test(pattern)) {
    return 'lookahead and lookbehind, such as (?=...) or (?<=...), are not supported, because patterns must match in linear time';
  }
  if (BACKREFERENCE.test(pattern)) {
    return 'backreferences such as \\1 are not supported, because patterns must match in linear time';
  }
  return undefined;
}

/**
 * Tests whether `pattern` starts with `^` or `\A` and ends with an unescaped `$` or `\z`,
 * with no `|` outside groups. A top-level `|` as in `^a|b$` leaves each side anchored
 * at one end only.
 */
export function isAnchored(pattern: string): boolean {
  const body = pattern.replace(LEADING_FLAGS, '');
  const startsAnchored = body.startsWith('^') || body.startsWith('\\A');
  return startsAnchored && endsWithAnchor(body) && !hasTopLevelAlternation(body);
}

function endsWithAnchor(pattern: string): boolean {
  if (pattern.endsWith('$')) {
    return countTrailingBackslashes(pattern.slice(0, -1)) % 2 === 0;
  }
  if (pattern.endsWith('\\z')) {
    return countTrailingBackslashes(pattern.slice(0, -2)) % 2 === 0;
  }
  return false;
}

function countTrailingBackslashes(text: string): number {
  let count = 0;
  while (count < text.length && text.charAt(text.length - 1 - count) === '\\') {
    count += 1;
  }
  return count;
}

// Walks the pattern once, skipping escapes, `\Q...\E` literals and character classes,
// and reports a `|` found at group depth 0.
function hasTopLevelAlternation(pattern: string): boolean {
  let depth = 0;
  let i = 0;
  while (i < pattern.length) {
    const char = pattern.charAt(i);
    if (char === '\\') {
      if (pattern.charAt(i + 1) === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        i = end === -1 ? pattern.length : end + 2;
      } else {
        i += 2;
      }
      continue;
    }

    if (char === '[') {
      i = skipCharacterClass(pattern, i);
      continue;
    }

    if (char === '(') {
      depth += 1;
    } else if (char === ')') {
      depth -= 1;
    } else if (char === '|' && depth === 0) {
      return true;
    }
    i += 1;
  }
  return false;
}

// Returns the index after the `]` that closes the class opened at `start`. A `]` right
// after `[` or `[^` is a literal, and `[:alpha:]` names a POSIX class inside the class.
function skipCharacterClass(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern.charAt(i) === '^') {
    i += 1;
  }
  if (pattern.charAt(i) === ']') {
    i += 1;
  }

  while (i < pattern.length) {
    const char = pattern.charAt(i);
    if (char === '\\') {
      i += 2;
    } else if (char === '[' && pattern.charAt(i + 1) === ':') {
      const end = pattern.indexOf(':]', i + 2);
      i = end === -1 ? i + 1 : end + 2;
    } else if (char === ']') {
      return i + 1;
    } else {
      i += 1;
    }
  }
  return pattern.length;
}
