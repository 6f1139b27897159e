import type { FastifyInstance } from 'fastify';
import { DATE_TEXT_SCHEMA, parseDateRange } from '../export-date.ts';
import { badRequest, ProblemError } from '../problem.ts';
import type { Storage } from '../storage/storage.ts';
import { assertKnownStore } from '../stores/assert-known-store.ts';
import { decodeListCursor, LIST_CURSOR_SCHEMA, LIST_LIMIT_SCHEMA, readPageLimit, toPage } from './list-paging.ts';
import { STORE_ID_SCHEMA, type RouteContext } from './route-context.ts';

const ID_SCHEMA = { type: 'string', minLength: 1, maxLength: 255 } as const;

interface OrderListQueryString {
  store?: string;
  device?: string;
  from?: string;
  to?: string;
  limit?: string;
  cursor?: string;
}

/**
 * Registers the admin's reads of orders: `GET /api/v1/orders`, the orders received newest
 * first in pages, and `GET /api/v1/orders/{order_id}`, one order with its conflicts.
 */
export function registerOrderAdminRoutes(app: FastifyInstance, { storage, auth }: RouteContext): void {
  app.get<{ Querystring: OrderListQueryString }>(
    '/api/v1/orders',
    {
      onRequest: auth.admin,
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            store: STORE_ID_SCHEMA,
            device: { ...ID_SCHEMA, description: 'a device id as GET /api/v1/devices lists it' },
            from: DATE_TEXT_SCHEMA,
            to: DATE_TEXT_SCHEMA,
            limit: LIST_LIMIT_SCHEMA,
            cursor: LIST_CURSOR_SCHEMA,
          },
        },
      },
    },
    async (request) => {
      const { store, device, cursor } = request.query;
      const range = parseDateRange(request.query.from, request.query.to);
      if (store !== undefined) await assertKnownStore(storage, store, '/store');
      if (device !== undefined) await assertKnownDevice(storage, device);
      const limit = readPageLimit(request.query.limit);
      const rows = await storage.orders.listOrders({
        ...range,
        ...(store === undefined ? {} : { storeId: store }),
        ...(device === undefined ? {} : { deviceId: device }),
        ...(cursor === undefined ? {} : { after: decodeListCursor(cursor) }),
        // One more than the page shows, to learn whether another page follows.
        limit: limit + 1,
      });
      return toPage(rows, limit, (row) => ({ at: row.received_at, id: row.order_id }));
    },
  );

  app.get<{ Params: { order_id: string } }>(
    '/api/v1/orders/:order_id',
    {
      onRequest: auth.admin,
      schema: {
        params: { type: 'object', required: ['order_id'], properties: { order_id: { ...ID_SCHEMA, description: 'an order id of 1–255 characters' } } },
      },
    },
    async (request) => {
      const orderId = request.params.order_id;
      const stored = await storage.orders.findOrder(orderId);
      if (stored === null) {
        throw new ProblemError({
          status: 404,
          code: 'order_not_found',
          detail: `Order ${JSON.stringify(orderId)} was never received by this server. Check the id, or find the order in GET /api/v1/orders?store=<store id>; a sale still waiting on its device is not here yet.`,
        });
      }
      const { order } = stored;
      return {
        order_id: order.order_id,
        store_id: order.store_id,
        device_id: stored.deviceId,
        created_at: order.created_at,
        received_at: stored.receivedAt,
        fulfillment_type: order.fulfillment_type,
        lines: order.lines,
        conflicts: await storage.conflicts.listFor({ kind: 'sale', orderId }),
      };
    },
  );
}

/** Throws a 400 `unknown_device` unless a device with this id was ever paired, so that a typo does not look like a device without orders. */
async function assertKnownDevice(storage: Storage, deviceId: string): Promise<void> {
  if (await storage.devices.hasDevice(deviceId)) return;
  throw badRequest(
    'unknown_device',
    `Device ${JSON.stringify(deviceId)} was never paired with this server. Check the id in GET /api/v1/devices, or leave device out to list the orders of every device.`,
    [{ path: '/device', message: 'is not a paired device' }],
  );
}
