import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from './problem.ts';

// Vite names files under /assets/ by content hash, so a changed file gets a new URL.
const ASSETS_CACHE_CONTROL = 'public, max-age=31536000, immutable';
// Everything else, sw.js and index.html above all, is revalidated on every use, or an
// update of the app would never arrive.
const REVALIDATE_CACHE_CONTROL = 'no-cache';

/**
 * Serves the built app from `staticDir` when it exists, and installs the not-found handler.
 *
 * An unknown non-API GET that accepts HTML gets index.html, so that deep links such as
 * `/#/pair` or `/checkout` open the app. Every other unknown path, and every unknown
 * `/api/` path, is a 404 problem.
 */
export function registerStaticApp(app: FastifyInstance, staticDir: string | undefined): void {
  const root = staticDir !== undefined && existsSync(staticDir) ? staticDir : undefined;
  const hasIndex = root !== undefined && existsSync(join(root, 'index.html'));

  if (root !== undefined) {
    void app.register(fastifyStatic, {
      root,
      prefix: '/',
      cacheControl: false,
      dotfiles: 'ignore',
      setHeaders: (reply, path) => {
        reply.header('cache-control', chooseCacheControl(root, path));
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    if (hasIndex && wantsAppShell(request)) {
      return reply.header('cache-control', REVALIDATE_CACHE_CONTROL).sendFile('index.html');
    }
    return replyNotFound(request, reply);
  });
}

function chooseCacheControl(root: string, path: string): string {
  const relative = path.startsWith(root) ? path.slice(root.length).replaceAll('\\', '/') : path;
  return relative.startsWith('/assets/') ? ASSETS_CACHE_CONTROL : REVALIDATE_CACHE_CONTROL;
}

function isApiPath(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return path === '/api' || path.startsWith('/api/');
}

function wantsAppShell(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (isApiPath(request)) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

function replyNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0] ?? request.url;
  return sendProblem(request, reply, {
    status: 404,
    code: 'not_found',
    detail: isApiPath(request)
      ? `No API route ${request.method} ${path}. Check the method and path against docs/API.md.`
      : `No file or page at ${path}. Check the address.`,
  });
}
