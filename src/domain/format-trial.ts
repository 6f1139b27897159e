// The format trial in Settings: an administrator scans a sample serial from stock to see
// whether the configured format accepts it, and which configuration is in force.

import { createSerialPolicy, type SerialCheck } from './serial-policy.ts';
import type { ConfigInForce, ConfigSource } from './types.ts';

/** Result of the format trial, as Settings shows it. */
export interface FormatTrial {
  /** The pattern in force, or undefined when none is set. */
  pattern?: string;
  /** Origin of the pattern: the store's own configuration, the global one, or none. */
  source: ConfigSource;
  /** The format in words, from `describeSerialPattern`. */
  description: string;
  /** The sample as entered. */
  sample: string;
  /** The serial policy's verdict on the sample, with the sample after clean-up. */
  result: SerialCheck;
  /** The compiler's error when the pattern does not compile on this device. */
  compileError?: string;
}

/** Checks `sample` against the serial format of `inForce`, as checkout would. */
export function tryFormat(inForce: ConfigInForce | undefined, sample: string): FormatTrial {
  const policy = createSerialPolicy(inForce);
  const trial: FormatTrial = {
    source: policy.source,
    description: policy.description,
    sample,
    result: policy.check(sample),
  };
  if (policy.pattern !== undefined) {
    trial.pattern = policy.pattern;
  }
  if (policy.compileError !== undefined) {
    trial.compileError = policy.compileError;
  }
  return trial;
}
