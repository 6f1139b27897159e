import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { ProblemError } from './problem.ts';
import type { RateLimiter } from './rate-limiter.ts';
import type { Storage } from './storage/storage.ts';

/** The sender of a request: the administrator, or a paired device bound to one store. */
export type Principal = { kind: 'admin' } | { kind: 'device'; deviceId: string; storeId: string };

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export const PAIRING_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const PAIRING_CODE_LENGTH = 8;
const DEVICE_TOKEN_BYTES = 32;

/** Hashes a token or pairing code with SHA-256 (hex). Only hashes are stored. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Generates a device or admin token: 32 random bytes, base64url. */
export function generateToken(): string {
  return randomBytes(DEVICE_TOKEN_BYTES).toString('base64url');
}

/** Generates a pairing code of 8 characters without look-alikes (no I, O, 0 or 1). */
export function generatePairingCode(): string {
  let code = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i += 1) {
    code += PAIRING_CODE_ALPHABET.charAt(randomInt(PAIRING_CODE_ALPHABET.length));
  }
  return code;
}

/**
 * The onRequest hooks that admit admins, devices, or both, and set `request.principal`;
 * `anyone` admits requests without a token, limited per client address.
 */
export interface AuthHooks {
  admin: onRequestAsyncHookHandler;
  device: onRequestAsyncHookHandler;
  adminOrDevice: onRequestAsyncHookHandler;
  anyone: onRequestAsyncHookHandler;
}

/** The rate limiters of the hooks: one bucket per token, and one per address for requests without one. */
export interface AuthRateLimits {
  perToken: RateLimiter;
  perAddress: RateLimiter;
}

/**
 * Creates the authentication hooks. They run before the body is read, so a request
 * without a valid token never gets its body parsed. When `adminTokenHash` is not given,
 * the hash stored in the database is used. With `limits`, a sender over its limit gets a
 * 429 before anything else happens.
 */
export function createAuthHooks(storage: Storage, adminTokenHash?: string, limits?: AuthRateLimits): AuthHooks {
  // Decoded once, because every request compares its token's hash with it.
  const givenAdminHash = adminTokenHash === undefined ? undefined : Buffer.from(adminTokenHash, 'hex');

  const identify = async (request: FastifyRequest, reply: FastifyReply): Promise<Principal> => {
    const token = readBearerToken(request, reply);
    const hash = createHash('sha256').update(token, 'utf8').digest();

    const expectedAdminHash = givenAdminHash ?? (await readStoredAdminHash(storage));
    if (expectedAdminHash !== null && equalHashes(hash, expectedAdminHash)) return { kind: 'admin' };

    const device = await storage.devices.findDeviceByTokenHash(hash.toString('hex'));
    if (device && device.revokedAt !== null) {
      reply.header('www-authenticate', 'Bearer error="invalid_token"');
      throw new ProblemError({
        status: 401,
        code: 'revoked_token',
        detail: `The token of device ${device.deviceId} was revoked by an administrator on ${device.revokedAt}. Pair the device again with a new pairing code.`,
      });
    }
    if (device) return { kind: 'device', deviceId: device.deviceId, storeId: device.storeId };

    reply.header('www-authenticate', 'Bearer error="invalid_token"');
    throw new ProblemError({
      status: 401,
      code: 'invalid_token',
      detail: 'The bearer token is not known to this server. Pair the device again, or check the admin token.',
    });
  };

  const admit = (allowed: Array<Principal['kind']>): onRequestAsyncHookHandler =>
    async function checkPrincipal(request, reply) {
      const principal = await identify(request, reply);
      if (limits) enforceLimit(limits.perToken, principal.kind === 'admin' ? 'admin' : `device:${principal.deviceId}`, reply);
      if (!allowed.includes(principal.kind)) throw wrongKind(principal.kind, request);
      request.principal = principal;
    };

  // NOTE: behind a load balancer request.ip is the balancer's address unless Fastify's
  // trustProxy is set, and then every client shares one pairing bucket.
  const anyone: onRequestAsyncHookHandler = async function limitAddress(request, reply) {
    if (limits) enforceLimit(limits.perAddress, `address:${request.ip}`, reply);
  };

  return { admin: admit(['admin']), device: admit(['device']), adminOrDevice: admit(['admin', 'device']), anyone };
}

function enforceLimit(limiter: RateLimiter, key: string, reply: FastifyReply): void {
  const decision = limiter.take(key);
  if (decision.allowed) return;
  reply.header('retry-after', String(decision.retryAfterS));
  let sender = 'This device token';
  if (key === 'admin') sender = 'The admin token';
  if (key.startsWith('address:')) sender = `Address ${key.slice('address:'.length)}`;
  throw new ProblemError({
    status: 429,
    code: 'rate_limited',
    detail: `${sender} sent more requests than this server allows. Wait ${decision.retryAfterS} s, then send again.`,
  });
}

function readBearerToken(request: FastifyRequest, reply: FastifyReply): string {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (match?.[1]) return match[1];

  reply.header('www-authenticate', 'Bearer');
  const problem = header === undefined ? 'is missing' : 'is not of the form "Bearer <token>"';
  throw new ProblemError({
    status: 401,
    code: 'missing_token',
    detail: `The Authorization header ${problem}. Send "Authorization: Bearer <token>" with the admin token or a device token from pairing.`,
  });
}

async function readStoredAdminHash(storage: Storage): Promise<Buffer | null> {
  const hex = await storage.settings.getAdminTokenHash();
  return hex === null ? null : Buffer.from(hex, 'hex');
}

function equalHashes(actual: Buffer, expected: Buffer): boolean {
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function wrongKind(kind: Principal['kind'], request: FastifyRequest): ProblemError {
  const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
  if (kind === 'device') {
    return new ProblemError({
      status: 403,
      code: 'admin_only',
      detail: `${route} needs the admin token; a device token is not allowed. Call it with the admin token.`,
    });
  }
  return new ProblemError({
    status: 403,
    code: 'device_only',
    detail: `${route} needs a device token, because it acts for the device's store. Pair a device and use its token.`,
  });
}

/** Rejects with 403 unless a device acts for `storeId`; the admin may act for any store. */
export function assertStoreAccess(principal: Principal | null, storeId: string): void {
  if (principal?.kind === 'admin') return;
  if (principal?.kind === 'device' && principal.storeId === storeId) return;
  const own = principal?.kind === 'device' ? principal.storeId : '(none)';
  throw new ProblemError({
    status: 403,
    code: 'wrong_store',
    detail: `Store ${storeId} is not this device's store (${own}). A device reads and writes its own store only; pair a device with store ${storeId} for that.`,
  });
}
