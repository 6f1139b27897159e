// The serial number rules in force: the pattern from the Associate App configuration
// (`capabilities.serialized_inventory.serial_number_regex`), the maximum length, and the
// clean-up every serial gets before it is checked and stored. This module imports the
// pattern compiler (re2js), so the app loads it on demand through
// src/ui/lazy-serial-policy.ts. Code that only needs the length limit or the clean-up
// imports serial-length.ts or normalise-scan-text.ts instead.

import { compileSerialPattern } from './compile-serial-pattern.ts';
import { describeSerialPattern } from './describe-serial-pattern.ts';
import { normaliseScanText } from './normalise-scan-text.ts';
import { countCodePoints, SERIAL_MAX_LENGTH } from './serial-length.ts';
import type { ConfigInForce, ConfigSource } from './types.ts';

export { compileSerialPattern, isAnchored } from './compile-serial-pattern.ts';
export type { CompiledSerialPattern, RejectedSerialPattern, SerialPatternResult } from './compile-serial-pattern.ts';
export { describeSerialPattern } from './describe-serial-pattern.ts';
export { countCodePoints, SERIAL_MAX_LENGTH } from './serial-length.ts';
export { normaliseScanText, stripSymbologyId } from './normalise-scan-text.ts';
export type { ScanText } from './normalise-scan-text.ts';

/** Result of checking one serial. `serial` is the text after trimming and prefix stripping. */
export type SerialCheck =
  | { ok: true; serial: string }
  | {
      ok: false;
      reason: 'empty' | 'too_long' | 'format' | 'pattern_unusable';
      serial: string;
      /** Length in code points, set for `too_long`. */
      length?: number;
      /** The pattern in force, set for `format` and `pattern_unusable`. */
      pattern?: string;
    };

/** The serial rules of one configuration in force. */
export interface SerialPolicy {
  /** The configured pattern, or undefined when none is set. */
  pattern?: string;
  source: ConfigSource;
  /** The compiler's error when the configured pattern does not compile here. */
  compileError?: string;
  /** Short description of the format for messages, from `describeSerialPattern`. */
  description: string;
  /** Normalises `raw` with `normaliseScanText`, then checks it. */
  check(raw: string): SerialCheck;
  /**
   * Checks `serial` as it is, for text that `normaliseScanText` already produced.
   * Normalising twice could strip a second `]xx` that is part of the serial itself.
   */
  checkNormalised(serial: string): SerialCheck;
}

/** Reads the configured serial pattern. An empty string counts as no pattern. */
export function readSerialPattern(inForce: ConfigInForce | undefined): string | undefined {
  const pattern = inForce?.config.capabilities?.serialized_inventory?.serial_number_regex;
  return pattern === undefined || pattern === '' ? undefined : pattern;
}

/**
 * Creates the serial policy for a configuration in force, or for none (no pattern).
 *
 * The pattern is compiled once here. If it does not compile on the device, which the
 * server's own check should prevent, `check` rejects every serial with
 * `pattern_unusable` so that no unvalidated serial is recorded.
 */
export function createSerialPolicy(inForce: ConfigInForce | undefined): SerialPolicy {
  const pattern = readSerialPattern(inForce);
  const source: ConfigSource = inForce?.source ?? 'none';
  const description = describeSerialPattern(pattern);
  const compiled = pattern === undefined ? undefined : compileSerialPattern(pattern);

  const checkNormalised = (serial: string): SerialCheck => {
    if (serial === '') {
      return { ok: false, reason: 'empty', serial };
    }

    // Length first, so the pattern never runs on arbitrarily long text.
    const length = countCodePoints(serial);
    if (length > SERIAL_MAX_LENGTH) {
      return { ok: false, reason: 'too_long', serial, length };
    }

    if (pattern === undefined || compiled === undefined) {
      return { ok: true, serial };
    }
    if (!compiled.ok) {
      return { ok: false, reason: 'pattern_unusable', serial, pattern };
    }
    if (!compiled.test(serial)) {
      return { ok: false, reason: 'format', serial, pattern };
    }
    return { ok: true, serial };
  };

  const check = (raw: string): SerialCheck => checkNormalised(normaliseScanText(raw).text);

  const policy: SerialPolicy = { source, description, check, checkNormalised };
  if (pattern !== undefined) {
    policy.pattern = pattern;
  }
  if (compiled !== undefined && !compiled.ok) {
    policy.compileError = compiled.error;
  }
  return policy;
}
