import type { FastifyRequest } from 'fastify';
import type { Storage } from './storage/storage.ts';

/**
 * Records an admin change in the audit log. Routes call it after the change succeeded, with
 * details that name what changed; a token or pairing code must never be among them.
 */
export async function recordAdminChange(
  storage: Storage,
  request: FastifyRequest,
  change: { action: string; target: string | null; details?: Record<string, unknown>; at: string },
): Promise<void> {
  await storage.audit.record({
    at: change.at,
    actor: request.principal?.kind === 'admin' ? 'admin' : 'unknown',
    action: change.action,
    target: change.target,
    details: { ...change.details, request_id: request.id, address: request.ip },
  });
}
