import type { FastifyInstance } from 'fastify';
import { recordAdminChange } from '../audit.ts';
import { assertKnownStore } from '../stores/assert-known-store.ts';
import { issuePairingCode, PAIRING_CODE_TTL_DEFAULT_S, PAIRING_CODE_TTL_MAX_S, redeemPairingCode } from '../pairing.ts';
import { STORE_ID_SCHEMA, type RouteContext } from './route-context.ts';

interface PairingCodeBody {
  store_id: string;
  ttl_s?: number;
}

interface PairingBody {
  code: string;
  device_name?: string;
}

/** Registers pairing: the admin issues a code for a store, and a device exchanges it for a token. */
export function registerPairingRoutes(app: FastifyInstance, { storage, auth }: RouteContext): void {
  app.post<{ Body: PairingCodeBody }>(
    '/api/v1/pairing-codes',
    {
      onRequest: auth.admin,
      schema: {
        body: {
          type: 'object',
          required: ['store_id'],
          additionalProperties: false,
          properties: {
            store_id: STORE_ID_SCHEMA,
            ttl_s: { type: 'integer', minimum: 1, maximum: PAIRING_CODE_TTL_MAX_S },
          },
        },
      },
    },
    async (request, reply) => {
      const { store_id, ttl_s = PAIRING_CODE_TTL_DEFAULT_S } = request.body;
      await assertKnownStore(storage, store_id, '/store_id');
      const issued = await issuePairingCode(storage, store_id, ttl_s);
      // The code itself stays out of the audit log, as out of every log.
      await recordAdminChange(storage, request, {
        action: 'pairing_code.issue',
        target: store_id,
        at: new Date().toISOString(),
        details: { expires_at: issued.expires_at },
      });
      request.log.info({ store_id, expires_at: issued.expires_at }, 'pairing code issued');
      return reply.code(201).send(issued);
    },
  );

  // Pairing needs no token, so its attempts are limited per client address instead.
  app.post<{ Body: PairingBody }>(
    '/api/v1/pairing',
    {
      onRequest: auth.anyone,
      schema: {
        body: {
          type: 'object',
          required: ['code'],
          additionalProperties: false,
          properties: {
            code: { type: 'string', minLength: 1, maxLength: 64 },
            device_name: { type: 'string', minLength: 1, maxLength: 100 },
          },
        },
      },
    },
    async (request, reply) => {
      const paired = await redeemPairingCode(storage, request.body.code, request.body.device_name ?? null);
      request.log.info({ device_id: paired.device_id, store_id: paired.store_id }, 'device paired');
      return reply.code(201).send(paired);
    },
  );
}
