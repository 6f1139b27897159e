import type { AuthHooks } from '../auth.ts';
import type { SerialPolicyCache } from '../config/serial-policy-cache.ts';
import type { Storage } from '../storage/storage.ts';

/** The dependencies of every route group: the storage, the authentication hooks and the compiled serial policies. */
export interface RouteContext {
  storage: Storage;
  auth: AuthHooks;
  serialPolicies: SerialPolicyCache;
}

/** JSON schema of a store id as it appears in bodies and query strings. */
export const STORE_ID_SCHEMA = {
  type: 'string',
  minLength: 1,
  maxLength: 255,
  pattern: '^\\S+$',
  description: 'a store id of 1–255 characters without whitespace',
} as const;

/** The bounded schema of a decimal number sent in a query string, where every value is text. */
export const QUERY_INTEGER_SCHEMA = { type: 'string', pattern: '^[0-9]{1,15}$', description: 'a whole number of 1–15 digits' } as const;

/** Returns the current time in ISO 8601, the format of every stored timestamp. */
export function nowIso(): string {
  return new Date().toISOString();
}
