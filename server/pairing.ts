import { randomUUID } from 'node:crypto';
import { generatePairingCode, generateToken, hashSecret } from './auth.ts';
import { badRequest } from './problem.ts';
import type { Storage } from './storage/storage.ts';

export const PAIRING_CODE_TTL_DEFAULT_S = 900;
export const PAIRING_CODE_TTL_MAX_S = 7 * 24 * 60 * 60;

export interface IssuedPairingCode {
  code: string;
  store_id: string;
  expires_at: string;
}

export interface PairedDevice {
  device_id: string;
  device_token: string;
  store_id: string;
}

/** Issues a single-use pairing code for `storeId` that expires after `ttlSeconds`. */
export async function issuePairingCode(
  storage: Storage,
  storeId: string,
  ttlSeconds: number = PAIRING_CODE_TTL_DEFAULT_S,
  now: Date = new Date(),
): Promise<IssuedPairingCode> {
  const code = generatePairingCode();
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000).toISOString();
  await storage.devices.createPairingCode({
    codeHash: hashSecret(code),
    storeId,
    createdAt: now.toISOString(),
    expiresAt,
  });
  return { code, store_id: storeId, expires_at: expiresAt };
}

/**
 * Exchanges a pairing code for a device token bound to the code's store. Codes compare
 * without case and surrounding space or dashes, because associates type them by hand.
 * The reply never repeats the code, so a log of it cannot leak one.
 */
export async function redeemPairingCode(
  storage: Storage,
  code: string,
  deviceName: string | null,
  now: Date = new Date(),
): Promise<PairedDevice> {
  const normalised = code.trim().replaceAll('-', '').replaceAll(' ', '').toUpperCase();
  const deviceId = randomUUID();
  const deviceToken = generateToken();
  const paired = await storage.devices.redeemPairingCode({
    codeHash: hashSecret(normalised),
    now: now.toISOString(),
    deviceId,
    tokenHash: hashSecret(deviceToken),
    deviceName,
  });

  if (!paired) {
    throw badRequest(
      'invalid_pairing_code',
      'The pairing code is unknown, already used or expired. Ask an administrator for a new code and enter it again.',
    );
  }
  return { device_id: deviceId, device_token: deviceToken, store_id: paired.storeId };
}
