import type { FastifyInstance } from 'fastify';
import { recordAdminChange } from '../audit.ts';
import { PAIRING_CODE_TTL_MAX_S } from '../pairing.ts';
import { ProblemError } from '../problem.ts';
import type { StoreReferences } from '../storage/store-registry.ts';
import { nowIso, STORE_ID_SCHEMA, type RouteContext } from './route-context.ts';

export const STORE_NAME_MAX_LENGTH = 255;

const STORE_PARAMS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['store_id'],
  properties: { store_id: STORE_ID_SCHEMA },
} as const;

// `name` must contain a character other than whitespace, so that a list never shows a blank name.
const STORE_BODY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: {
      type: 'string',
      minLength: 1,
      maxLength: STORE_NAME_MAX_LENGTH,
      pattern: '\\S',
      description: `1–${STORE_NAME_MAX_LENGTH} characters, not only whitespace`,
    },
  },
} as const;

/** Registers the store registry (admin): listing, registering or renaming, and deleting an unused store. */
export function registerStoreRoutes(app: FastifyInstance, { storage, auth }: RouteContext): void {
  app.get('/api/v1/stores', { onRequest: auth.admin }, async () => ({ items: await storage.stores.listStores() }));

  app.put<{ Params: { store_id: string }; Body: { name?: string } | undefined }>(
    '/api/v1/stores/:store_id',
    {
      onRequest: auth.admin,
      // A request without a body registers the store without a name, as `{}` does.
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: { params: STORE_PARAMS_SCHEMA, body: STORE_BODY_SCHEMA },
    },
    async (request, reply) => {
      const storeId = request.params.store_id;
      const name = request.body?.name ?? null;
      const now = nowIso();
      const result = await storage.stores.putStore(storeId, name, now);
      if (result.outcome === 'unchanged') return reply.code(200).send(result.store);

      const action = result.outcome === 'created' ? 'store.register' : 'store.rename';
      await recordAdminChange(storage, request, { action, target: storeId, at: now, details: { name: result.store.name } });
      request.log.info({ store_id: storeId, name: result.store.name }, result.outcome === 'created' ? 'store registered' : 'store renamed');
      return reply.code(result.outcome === 'created' ? 201 : 200).send(result.store);
    },
  );

  app.delete<{ Params: { store_id: string } }>(
    '/api/v1/stores/:store_id',
    { onRequest: auth.admin, schema: { params: STORE_PARAMS_SCHEMA } },
    async (request, reply) => {
      const storeId = request.params.store_id;
      const now = nowIso();
      const result = await storage.stores.deleteStore(storeId, now);
      if (result.outcome === 'not_found') {
        throw new ProblemError({
          status: 404,
          code: 'store_not_found',
          detail: `Store ${JSON.stringify(storeId)} is not registered on this server, so there is nothing to delete. Check the id in GET /api/v1/stores.`,
        });
      }
      if (result.outcome === 'in_use') {
        throw new ProblemError({ status: 409, code: 'store_in_use', detail: describeStoreInUse(storeId, result.references) });
      }

      await recordAdminChange(storage, request, { action: 'store.delete', target: storeId, at: now });
      request.log.info({ store_id: storeId }, 'store deleted');
      return reply.code(204).send();
    },
  );
}

/** Names what still refers to a store, and what the admin can do about each kind. */
function describeStoreInUse(storeId: string, references: StoreReferences): string {
  const counted = [
    countOf(references.devices, 'paired device', 'paired devices'),
    countOf(references.pairingCodes, 'unused pairing code', 'unused pairing codes'),
    countOf(references.storeConfigs, 'configuration of its own', 'configurations of its own'),
    countOf(references.orders, 'order', 'orders'),
    countOf(references.pickLists, 'pick list', 'pick lists'),
  ].filter((text) => text !== '');

  const advice: string[] = [];
  if (references.devices + references.orders + references.pickLists > 0) {
    advice.push('Devices, orders and pick lists are kept for good, so this store stays registered; rename it with PUT instead.');
  }
  if (references.storeConfigs > 0) {
    advice.push(`Remove its configuration with DELETE /api/v1/app-config?store=${encodeURIComponent(storeId)}.`);
  }
  if (references.pairingCodes > 0) {
    advice.push(`Unused pairing codes expire within ${PAIRING_CODE_TTL_MAX_S / 86_400} days of being issued; delete the store after that.`);
  }
  return `Store ${JSON.stringify(storeId)} cannot be deleted because it still has ${joinWithAnd(counted)}. ${advice.join(' ')}`;
}

function countOf(count: number, singular: string, plural: string): string {
  if (count === 0) return '';
  return count === 1 ? `1 ${singular}` : `${count} ${plural}`;
}

function joinWithAnd(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
