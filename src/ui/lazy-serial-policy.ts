// The serial policy compiles patterns with re2js, the largest part of the app's script,
// and no screen needs it before the first serial check. It is loaded on demand as its own
// chunk, which the service worker precaches, so it loads offline too.

import type { ConfigInForce } from '../domain/types.ts';
import type { SerialPolicy } from '../domain/serial-policy.ts';

type SerialPolicyModule = typeof import('../domain/serial-policy.ts');

/** The serial policy chunk failed to load, so no serial can be checked yet. */
export class SerialPolicyLoadError extends Error {
  override name = 'SerialPolicyLoadError';
}

let loading: Promise<SerialPolicyModule> | undefined;

function loadSerialPolicyModule(): Promise<SerialPolicyModule> {
  loading ??= import('../domain/serial-policy.ts').catch((error: unknown) => {
    // Forget the failure, so that the next scan tries the import again.
    loading = undefined;
    const detail = error instanceof Error ? error.message : String(error);
    throw new SerialPolicyLoadError(`the serial format check could not be loaded: ${detail}`, { cause: error });
  });
  return loading;
}

/**
 * Creates the serial policy for `inForce` once its chunk has loaded. Every scan awaits
 * this, so no serial is accepted before the pattern can be checked.
 * Rejects with `SerialPolicyLoadError` when the chunk cannot be loaded.
 */
export async function loadSerialPolicy(inForce: ConfigInForce | undefined): Promise<SerialPolicy> {
  const { createSerialPolicy } = await loadSerialPolicyModule();
  return createSerialPolicy(inForce);
}

/** Starts loading the serial policy chunk, so that it is ready when the first serial comes. */
export function preloadSerialPolicy(): void {
  // A failure here is reported by the scan that next awaits the chunk, which retries it.
  loadSerialPolicyModule().catch(() => undefined);
}
