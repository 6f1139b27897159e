import type { FastifyInstance } from 'fastify';
import { recordAdminChange } from '../audit.ts';
import { ProblemError } from '../problem.ts';
import { assertKnownStore } from '../stores/assert-known-store.ts';
import { nowIso, STORE_ID_SCHEMA, type RouteContext } from './route-context.ts';

/** Registers the admin's device list and device token revocation. */
export function registerDeviceRoutes(app: FastifyInstance, { storage, auth }: RouteContext): void {
  app.get<{ Querystring: { store?: string } }>(
    '/api/v1/devices',
    {
      onRequest: auth.admin,
      schema: { querystring: { type: 'object', additionalProperties: false, properties: { store: STORE_ID_SCHEMA } } },
    },
    async (request) => {
      const store = request.query.store ?? null;
      if (store !== null) await assertKnownStore(storage, store, '/store');
      return { items: await storage.devices.listDevices(store) };
    },
  );

  app.delete<{ Params: { device_id: string } }>(
    '/api/v1/devices/:device_id',
    {
      onRequest: auth.admin,
      schema: {
        params: {
          type: 'object',
          required: ['device_id'],
          properties: { device_id: { type: 'string', minLength: 1, maxLength: 255 } },
        },
      },
    },
    async (request, reply) => {
      const deviceId = request.params.device_id;
      const now = nowIso();
      const outcome = await storage.devices.revokeDevice(deviceId, now);
      if (outcome === 'not_found') {
        throw new ProblemError({
          status: 404,
          code: 'device_not_found',
          detail: `Device ${deviceId} was never paired with this server. Check the id in GET /api/v1/devices.`,
        });
      }
      if (outcome === 'revoked') {
        await recordAdminChange(storage, request, { action: 'device.revoke', target: deviceId, at: now });
        request.log.info({ device_id: deviceId }, 'device token revoked');
      }
      return reply.code(204).send();
    },
  );
}
