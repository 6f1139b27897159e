import type { FastifyInstance } from 'fastify';
import { ProblemError } from '../problem.ts';
import type { RouteContext } from './route-context.ts';

/**
 * Registers `GET /api/v1/health`. It needs no token so that load balancers and
 * monitors can call it, and it reveals only whether the database responds to a query.
 */
export function registerHealthRoutes(app: FastifyInstance, { storage }: RouteContext): void {
  app.get('/api/v1/health', async (request) => {
    try {
      await storage.checkHealth();
    } catch (error) {
      request.log.error({ err: error }, 'health check failed');
      throw new ProblemError({
        status: 503,
        code: 'database_unavailable',
        detail: `The database at ${storage.location} does not respond to queries. Check the server log and restart the server.`,
      });
    }
    return { status: 'ok' };
  });
}
