import type { FastifyInstance } from 'fastify';
import { SERIAL_MAX_LENGTH } from '../../src/domain/serial-policy.ts';
import { PRODUCT_ID_MAX_LENGTH } from '../catalog/validate-product-row.ts';
import type { RouteContext } from './route-context.ts';

interface SerialQuery {
  serial_number: string;
  product_id?: string;
}

/** Registers `GET /api/v1/serials` (admin): the sales and picks that recorded a serial, and its conflicts. */
export function registerSerialRoutes(app: FastifyInstance, { storage, auth }: RouteContext): void {
  app.get<{ Querystring: SerialQuery }>(
    '/api/v1/serials',
    {
      onRequest: auth.admin,
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['serial_number'],
          properties: {
            serial_number: { type: 'string', minLength: 1, maxLength: SERIAL_MAX_LENGTH },
            product_id: { type: 'string', minLength: 1, maxLength: PRODUCT_ID_MAX_LENGTH },
          },
        },
      },
    },
    async (request) => {
      const { serial_number, product_id } = request.query;
      const found = await storage.serials.lookupSerial({
        serialNumber: serial_number,
        ...(product_id === undefined ? {} : { productId: product_id }),
      });
      return { product_id: product_id ?? null, serial_number, ...found };
    },
  );
}
