import type { FastifyInstance } from 'fastify';
import { recordAdminChange } from '../audit.ts';
import type { AppConfig } from '../../src/domain/types.ts';
import { assertStoreAccess } from '../auth.ts';
import { checkAppConfig, resolveConfigInForce, versionConfig } from '../config/config-in-force.ts';
import { badRequest, ProblemError } from '../problem.ts';
import { assertKnownStore } from '../stores/assert-known-store.ts';
import { nowIso, STORE_ID_SCHEMA, type RouteContext } from './route-context.ts';

interface StoreQuery {
  store?: string;
}

const STORE_QUERY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: { store: STORE_ID_SCHEMA },
} as const;

// Unknown fields are kept: the platform's Associate App configuration has many more
// fields than the serial format, and the document is stored and returned whole.
const APP_CONFIG_SCHEMA = {
  type: 'object',
  properties: {
    capabilities: {
      type: 'object',
      properties: {
        serialized_inventory: {
          type: 'object',
          properties: { serial_number_regex: { type: 'string', maxLength: 1024 } },
        },
      },
    },
  },
} as const;

/** Registers reading, replacing and removing the Associate App configuration. */
export function registerAppConfigRoutes(app: FastifyInstance, { storage, auth }: RouteContext): void {
  app.get<{ Querystring: StoreQuery }>(
    '/api/v1/app-config',
    { onRequest: auth.adminOrDevice, schema: { querystring: STORE_QUERY_SCHEMA } },
    async (request, reply) => {
      const principal = request.principal;
      const storeId = request.query.store ?? (principal?.kind === 'device' ? principal.storeId : undefined);
      if (storeId === undefined) {
        throw badRequest(
          'missing_store',
          'Query parameter store is missing. An admin token belongs to no store, so add ?store=<store id>.',
          [{ path: '/store', message: 'is missing' }],
        );
      }
      assertStoreAccess(principal, storeId);
      // A device's store was registered when its pairing code was issued, so only a store id
      // named by the admin needs the check.
      if (principal?.kind === 'admin') await assertKnownStore(storage, storeId, '/store');

      const inForce = await resolveConfigInForce(storage, storeId);
      const etag = `"${inForce.version}"`;
      reply.header('etag', etag).header('cache-control', 'no-cache');
      if (matchesEtag(request.headers['if-none-match'], inForce.version)) return reply.code(304).send();
      return inForce;
    },
  );

  app.put<{ Querystring: StoreQuery; Body: AppConfig }>(
    '/api/v1/app-config',
    { onRequest: auth.admin, schema: { querystring: STORE_QUERY_SCHEMA, body: APP_CONFIG_SCHEMA } },
    async (request) => {
      const storeId = request.query.store ?? null;
      if (storeId !== null) await assertKnownStore(storage, storeId, '/store');
      const warnings = checkAppConfig(request.body);
      const now = nowIso();
      await storage.config.putConfig(storeId, request.body, now);

      const pattern = request.body.capabilities?.serialized_inventory?.serial_number_regex ?? null;
      await recordAdminChange(storage, request, {
        action: 'app_config.replace',
        target: storeId,
        at: now,
        details: { serial_number_regex: pattern },
      });
      request.log.info({ store_id: storeId, serial_number_regex: pattern }, 'configuration replaced');
      return { version: versionConfig(request.body, storeId === null ? 'global' : 'store'), warnings };
    },
  );

  app.delete<{ Querystring: StoreQuery }>(
    '/api/v1/app-config',
    {
      onRequest: auth.admin,
      schema: { querystring: { ...STORE_QUERY_SCHEMA, required: ['store'] } },
    },
    async (request, reply) => {
      const storeId = request.query.store as string;
      await assertKnownStore(storage, storeId, '/store');
      const removed = await storage.config.deleteStoreConfig(storeId);
      if (!removed) {
        throw new ProblemError({
          status: 404,
          code: 'config_not_found',
          detail: `Store ${storeId} has no configuration of its own, so the global one already applies. Check the store id.`,
        });
      }
      await recordAdminChange(storage, request, { action: 'app_config.delete', target: storeId, at: nowIso() });
      request.log.info({ store_id: storeId }, 'store configuration removed');
      return reply.code(204).send();
    },
  );
}

/** Tests an If-None-Match header against a version; weak tags compare equal, as RFC 9110 says for GET. */
function matchesEtag(header: string | undefined, version: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((raw) => {
    const tag = raw.trim();
    return tag === '*' || tag.replace(/^W\//, '') === `"${version}"`;
  });
}
