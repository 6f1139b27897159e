import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { createAuthHooks } from './auth.ts';
import { createSerialPolicyCache } from './config/serial-policy-cache.ts';
import { installCors } from './cors.ts';
import { describeWithCause, installErrorHandler } from './error-handler.ts';
import { sendProblem } from './problem.ts';
import { createRateLimiter, type RateLimitOptions } from './rate-limiter.ts';
import { RequestLog } from './request-log.ts';
import { registerAppConfigRoutes } from './routes/app-config-routes.ts';
import { registerAuditRoutes } from './routes/audit-routes.ts';
import { registerCatalogRoutes } from './routes/catalog-routes.ts';
import { registerConflictRoutes } from './routes/conflict-routes.ts';
import { registerDeviceRoutes } from './routes/device-routes.ts';
import { registerExportRoutes } from './routes/export-routes.ts';
import { registerHealthRoutes } from './routes/health-routes.ts';
import { registerOrderAdminRoutes } from './routes/order-admin-routes.ts';
import { registerOrderRoutes } from './routes/order-routes.ts';
import { registerPairingRoutes } from './routes/pairing-routes.ts';
import { registerPickListRoutes } from './routes/pick-list-routes.ts';
import { registerProductRoutes } from './routes/product-routes.ts';
import type { RouteContext } from './routes/route-context.ts';
import { registerSerialRoutes } from './routes/serial-routes.ts';
import { registerStoreRoutes } from './routes/store-routes.ts';
import { installSecurityHeaders } from './security-headers.ts';
import { registerStaticApp } from './static-app.ts';
import type { Storage } from './storage/storage.ts';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Default limits, guesses to be tuned with measurements. A device that comes back after a
 * day offline may push a few hundred sales at once, so a token gets a large burst. Pairing
 * has no token, so it is limited per address, with room for a store's tablets behind one NAT.
 */
export const TOKEN_RATE_LIMIT_DEFAULT: RateLimitOptions = { burst: 600, refillPerSecond: 20 };
export const ADDRESS_RATE_LIMIT_DEFAULT: RateLimitOptions = { burst: 30, refillPerSecond: 0.5 };

// Tokens and pairing codes must never reach a log. Fastify's request serializer leaves out
// headers and bodies already; these paths also cover objects a route might log.
const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  'req.body.code',
  'req.body.device_token',
  'body.code',
  'body.device_token',
  'device_token',
];

export interface BuildAppOptions {
  db: Storage;
  /** SHA-256 hex of the admin token; when left out, the hash stored in `db` is used. */
  adminTokenHash?: string;
  /** Pino options, true for the defaults, or false (the default) for no logs. */
  logger?: boolean | Record<string, unknown>;
  /** Folder of the built app to serve at `/`; ignored when it does not exist. */
  staticDir?: string;
  /** Request limits per token and per address (requests without a token); the defaults when left out. */
  rateLimits?: { perToken?: RateLimitOptions; perAddress?: RateLimitOptions };
  /** Origins allowed to call the API from a browser (CORS); none when left out. */
  corsOrigins?: readonly string[];
}

/** Builds the Fastify app of the reference server on the given storage, ready to listen. */
export function buildApp(options: BuildAppOptions): FastifyInstance {
  const app = Fastify({
    logger: chooseLogger(options.logger),
    bodyLimit: BODY_LIMIT_BYTES,
    logController: new RequestLog(),
    // A product id has up to 255 characters, and each can take 12 characters once
    // percent-encoded, so the default limit of 100 would turn valid ids into 414s.
    routerOptions: { maxParamLength: 4096 },
    // Errors raised by the router before a route is found (bad percent-encoding, an
    // over-long path parameter) bypass the error handler unless they are sent here.
    frameworkErrors: (error, request, reply) => sendProblem(request, reply, ...describeWithCause(error, request)),
    ajv: {
      // No type coercion, so that "1" is not taken for 1 and "yes" not for true. Unknown
      // fields are rejected where a schema sets additionalProperties: false, never removed.
      // verbose puts each failing schema on its error, so that a 400 can quote the field's
      // `description` in place of a raw pattern.
      customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true, verbose: true },
    },
  });

  // Fastify accepts text/plain by default; this API takes JSON only, so it becomes a 415.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('principal', null);
  app.decorateRequest('logFields', null);
  installErrorHandler(app);
  installSecurityHeaders(app);
  installCors(app, options.corsOrigins ?? []);

  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
    done(null, payload);
  });

  const limits = {
    perToken: createRateLimiter(options.rateLimits?.perToken ?? TOKEN_RATE_LIMIT_DEFAULT),
    perAddress: createRateLimiter(options.rateLimits?.perAddress ?? ADDRESS_RATE_LIMIT_DEFAULT),
  };
  const context: RouteContext = {
    storage: options.db,
    auth: createAuthHooks(options.db, options.adminTokenHash, limits),
    serialPolicies: createSerialPolicyCache(options.db),
  };
  registerHealthRoutes(app, context);
  registerPairingRoutes(app, context);
  registerProductRoutes(app, context);
  registerCatalogRoutes(app, context);
  registerAppConfigRoutes(app, context);
  registerOrderRoutes(app, context);
  registerOrderAdminRoutes(app, context);
  registerPickListRoutes(app, context);
  registerSerialRoutes(app, context);
  registerConflictRoutes(app, context);
  registerExportRoutes(app, context);
  registerDeviceRoutes(app, context);
  registerStoreRoutes(app, context);
  registerAuditRoutes(app, context);
  registerStaticApp(app, options.staticDir);

  return app;
}

function chooseLogger(logger: BuildAppOptions['logger']): FastifyServerOptions['logger'] {
  if (logger === undefined || logger === false) return false;
  const base = { level: 'info', redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' } };
  return logger === true ? base : { ...base, ...logger };
}
