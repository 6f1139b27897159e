import type { FastifyInstance } from 'fastify';

const CORS_MAX_AGE_S = 600;

/**
 * Adds CORS headers for the configured origins only, and replies to their preflights. With none configured,
 * no CORS header is ever sent, so browsers keep other sites' pages from reading the API.
 * The app itself is served from this origin and needs no CORS.
 */
export function installCors(app: FastifyInstance, allowedOrigins: readonly string[]): void {
  if (allowedOrigins.length === 0) return;
  const allowed = new Set(allowedOrigins);

  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin === undefined || !allowed.has(origin) || !request.url.startsWith('/api/')) return;
    reply.header('access-control-allow-origin', origin);
    reply.header('vary', 'Origin');
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined) {
      reply.header('access-control-allow-methods', 'GET, POST, PUT, DELETE');
      reply.header('access-control-allow-headers', 'authorization, content-type, if-none-match');
      reply.header('access-control-max-age', String(CORS_MAX_AGE_S));
      return reply.code(204).send();
    }
  });
}

/**
 * Reads CORS_ORIGINS: origins separated by commas, each as a browser sends it
 * (`https://backoffice.example.com`, no path or trailing slash). Throws on anything else.
 */
export function parseCorsOrigins(text: string | undefined): string[] {
  if (text === undefined || text.trim() === '') return [];
  return text.split(',').map((raw) => {
    const origin = raw.trim();
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || parsed.origin !== origin) {
      throw new Error(
        `CORS_ORIGINS entry ${JSON.stringify(origin)} is not an origin. Write it as scheme, host and port only, e.g. https://backoffice.example.com, and separate entries with commas.`,
      );
    }
    return origin;
  });
}
