import type { FastifyInstance } from 'fastify';
import { QUERY_INTEGER_SCHEMA, type RouteContext } from './route-context.ts';

const AUDIT_PAGE_DEFAULT = 100;
const AUDIT_PAGE_MAX = 1000;

/** Registers `GET /api/v1/audit-log` (admin): the admin changes, newest first, in pages. */
export function registerAuditRoutes(app: FastifyInstance, { storage, auth }: RouteContext): void {
  app.get<{ Querystring: { limit?: string; before?: string } }>(
    '/api/v1/audit-log',
    {
      onRequest: auth.admin,
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: QUERY_INTEGER_SCHEMA, before: QUERY_INTEGER_SCHEMA },
        },
      },
    },
    async (request) => {
      const limit = Math.min(Math.max(Number(request.query.limit ?? AUDIT_PAGE_DEFAULT), 1), AUDIT_PAGE_MAX);
      const before = request.query.before === undefined ? undefined : Number(request.query.before);
      const items = await storage.audit.list({ limit, ...(before === undefined ? {} : { beforeId: before }) });
      const last = items.at(-1);
      return { items, next_before: items.length === limit && last ? String(last.id) : null };
    },
  );
}
