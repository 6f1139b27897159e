import { createSerialPolicy, type SerialPolicy } from '../../src/domain/serial-policy.ts';
import type { AppConfig, ConfigSource } from '../../src/domain/types.ts';
import type { Storage } from '../storage/storage.ts';

/**
 * Distinct configuration documents whose policies are kept. A guess: a chain has one global
 * configuration and a few store formats, and a policy that falls out is only compiled again.
 */
const CACHED_POLICIES_MAX = 256;

/** Serial policies of the configurations in force, compiled once per configuration text. */
export interface SerialPolicyCache {
  /** Reads the configuration in force for `storeId` and returns its serial policy. */
  policyForStore(storeId: string): Promise<SerialPolicy>;
}

/**
 * Creates a cache of serial policies. Every call reads the configuration text from the
 * database, so a change by an admin, on this or another server process, applies to the next
 * request. Only the work derived from the text is cached: parsing it and compiling its pattern
 * (re2js), which cost more than the read.
 */
export function createSerialPolicyCache(storage: Storage): SerialPolicyCache {
  const policies = new Map<string, SerialPolicy>();

  const build = (source: ConfigSource, text: string | null): SerialPolicy => {
    const config = text === null ? {} : (JSON.parse(text) as AppConfig);
    // The policy depends on the pattern and its source only, so the store id and version are left empty.
    return createSerialPolicy({ config, source, store_id: '', version: '' });
  };

  return {
    async policyForStore(storeId) {
      const texts = await storage.config.getConfigTexts(storeId);
      let source: ConfigSource = 'none';
      if (texts.store !== null) source = 'store';
      else if (texts.global !== null) source = 'global';
      const text = source === 'store' ? texts.store : texts.global;

      const key = `${source}\n${text ?? ''}`;
      let policy = policies.get(key);
      if (policy === undefined) {
        policy = build(source, text);
        // Map keeps insertion order, so the first key is the oldest entry.
        if (policies.size >= CACHED_POLICIES_MAX) policies.delete(policies.keys().next().value!);
        policies.set(key, policy);
      }
      return policy;
    },
  };
}
