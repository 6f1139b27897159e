import { generateToken, hashSecret } from './auth.ts';
import type { Storage } from './storage/storage.ts';

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
