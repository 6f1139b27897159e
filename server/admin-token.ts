import { generateToken, hashSecret } from './auth.ts';
import type { Storage } from './storage/storage.ts';

/**
 * Shortest admin token taken from ADMIN_TOKEN. A guess at a floor: the generated token has
 * 43 characters (32 random bytes), and a short one chosen by hand can be guessed.
 */
export const ADMIN_TOKEN_MIN_LENGTH = 24;

/**
 * Returns a message for an ADMIN_TOKEN too short to keep the admin routes safe, or
 * undefined when it is fine or unset. The message gives the length, never the token.
 */
export function describeWeakAdminToken(envToken: string | undefined): string | undefined {
  if (envToken === undefined || envToken === '' || envToken.length >= ADMIN_TOKEN_MIN_LENGTH) return undefined;
  return (
    `ADMIN_TOKEN has ${envToken.length} characters; it needs at least ${ADMIN_TOKEN_MIN_LENGTH}. ` +
    'Set a longer random token (for example the output of `openssl rand -base64 32`), or leave ADMIN_TOKEN unset to keep the stored one.'
  );
}

/** The admin token's hash in force, and the token itself when it was generated just now. */
export interface AdminTokenSetup {
  tokenHash: string;
  /** Set only on the start that generated the token; it is shown once and never stored. */
  generatedToken?: string;
}

/**
 * Sets up the admin token. A token from the environment replaces the stored hash. Without
 * one, the stored hash stays; on a first start a token is generated and only its hash kept.
 */
export async function setUpAdminToken(storage: Storage, envToken: string | undefined): Promise<AdminTokenSetup> {
  if (envToken !== undefined && envToken !== '') {
    const tokenHash = hashSecret(envToken);
    await storage.settings.setAdminTokenHash(tokenHash);
    return { tokenHash };
  }

  const stored = await storage.settings.getAdminTokenHash();
  if (stored !== null) return { tokenHash: stored };

  const generatedToken = generateToken();
  const tokenHash = hashSecret(generatedToken);
  await storage.settings.setAdminTokenHash(tokenHash);
  return { tokenHash, generatedToken };
}
