import type { FastifyInstance } from 'fastify';
import { badRequest } from '../problem.ts';
import { QUERY_INTEGER_SCHEMA, type RouteContext } from './route-context.ts';

export const CATALOG_PAGE_DEFAULT = 1000;
export const CATALOG_PAGE_MAX = 5000;
const CURSOR_PATTERN = /^[0-9]{0,15}$/;

interface ChangesQuery {
  cursor?: string;
  limit?: string;
}

/**
 * Registers the catalog change feed. The cursor is the change sequence of the last entry
 * sent, as a decimal string; devices treat it as opaque.
 */
export function registerCatalogRoutes(app: FastifyInstance, { storage, auth }: RouteContext): void {
  app.get<{ Querystring: ChangesQuery }>(
    '/api/v1/catalog/changes',
    {
      onRequest: auth.adminOrDevice,
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            cursor: { type: 'string', maxLength: 64 },
            limit: QUERY_INTEGER_SCHEMA,
          },
        },
      },
    },
    async (request) => {
      const { cursor = '', limit: limitText } = request.query;
      if (!CURSOR_PATTERN.test(cursor)) {
        throw badRequest(
          'invalid_cursor',
          `Cursor ${JSON.stringify(cursor)} was not issued by this server. Send the next_cursor of the previous page, or no cursor to start from the beginning.`,
          [{ path: '/cursor', message: 'is not a cursor from this server' }],
        );
      }
      const after = cursor === '' ? 0 : Number(cursor);
      const limit = limitText === undefined ? CATALOG_PAGE_DEFAULT : Number(limitText);
      if (limit < 1 || limit > CATALOG_PAGE_MAX) {
        throw badRequest(
          'invalid_request',
          `Query parameter limit ${limitText} is out of range. Send a page size from 1 to ${CATALOG_PAGE_MAX}.`,
          [{ path: '/limit', message: `must be from 1 to ${CATALOG_PAGE_MAX}` }],
        );
      }

      const { changes, hasMore, remaining } = await storage.products.listChanges(after, limit);
      const items = changes.map((change) =>
        'product' in change ? { product: change.product } : { deleted: change.deleted },
      );
      const last = changes.at(-1);
      return {
        items,
        next_cursor: String(last ? last.sequence : after),
        has_more: hasMore,
        // Lets a device show "received of total" while it pages; changes made meanwhile
        // can raise it on the next page.
        ...(remaining === undefined ? {} : { remaining }),
      };
    },
  );
}
