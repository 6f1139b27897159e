// An HTTP proxy on 127.0.0.1 in front of the test server, which injects the faults a
// store network shows: a reply lost after the server did the work, a run of 500 replies,
// and slow replies. The browser loads app and API through it, as from one origin.

import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FaultProxy {
  /** Origin to open in the browser, e.g. `http://127.0.0.1:40125`. */
  url: string;
  /** The `order_id` of every `POST /api/v1/orders` that reached the proxy, resends included. */
  orderPosts: string[];
  /** The most `POST /api/v1/orders` requests in flight at one moment. */
  maxConcurrentOrderPosts: number;
  /** Forwards the next `count` order posts, then drops their replies by closing the connection. */
  dropNextOrderReplies(count: number): void;
  /** Answers every `/api/` request with a 500 problem document for `durationMs`, without forwarding it. */
  failApiFor(durationMs: number): void;
  /** Order posts answered with an injected 500 so far. */
  injectedOrderFailures: number;
  /** Holds each order post for `delayMs` before forwarding it. */
  delayOrderPosts(delayMs: number): void;
  close(): Promise<void>;
}

const ORDERS_PATH = '/api/v1/orders';

// Hop-by-hop headers describe one connection, so they are not copied to the other side.
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);

/** Starts a proxy to `targetUrl` (an origin on 127.0.0.1) on a free port of 127.0.0.1. */
export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  let dropsLeft = 0;
  let failUntilMs = 0;
  let orderDelayMs = 0;
  let inFlightOrderPosts = 0;

  const proxy: Omit<FaultProxy, 'url' | 'close'> = {
    orderPosts: [],
    maxConcurrentOrderPosts: 0,
    injectedOrderFailures: 0,
    dropNextOrderReplies(count) {
      dropsLeft = count;
    },
    failApiFor(durationMs) {
      failUntilMs = performance.now() + durationMs;
    },
    delayOrderPosts(delayMs) {
      orderDelayMs = delayMs;
    },
  };

  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(incoming);
    const path = incoming.url ?? '/';
    const isOrderPost = incoming.method === 'POST' && path === ORDERS_PATH;

    if (path.startsWith('/api/') && performance.now() < failUntilMs) {
      if (isOrderPost) proxy.injectedOrderFailures += 1;
      const problem = { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'Injected outage.', code: 'internal_error' };
      response.writeHead(500, { 'content-type': 'application/problem+json' }).end(JSON.stringify(problem));
      return;
    }
    if (!isOrderPost) {
      await forward(incoming, body, response, false);
      return;
    }

    proxy.orderPosts.push((JSON.parse(body.toString('utf8')) as { order_id: string }).order_id);
    inFlightOrderPosts += 1;
    proxy.maxConcurrentOrderPosts = Math.max(proxy.maxConcurrentOrderPosts, inFlightOrderPosts);
    try {
      if (orderDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, orderDelayMs));
      const drop = dropsLeft > 0;
      if (drop) dropsLeft -= 1;
      await forward(incoming, body, response, drop);
    } finally {
      inFlightOrderPosts -= 1;
    }
  }

  // Sends the request on to the server and copies its reply back, or, with `dropReply`,
  // waits for the whole reply and then closes the browser's connection instead.
  async function forward(incoming: IncomingMessage, body: Buffer, response: ServerResponse, dropReply: boolean): Promise<void> {
    const reply = await new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const outgoing = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: incoming.method,
          path: incoming.url,
          headers: { ...copyHeaders(incoming.headers), host: target.host, 'content-length': String(body.length) },
        },
        (serverReply) => {
          readBody(serverReply).then(
            (replyBody) => resolve({ status: serverReply.statusCode ?? 502, headers: serverReply.headers, body: replyBody }),
            reject,
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
    if (dropReply) {
      response.socket?.destroy();
      return;
    }
    response.writeHead(reply.status, { ...copyHeaders(reply.headers), 'content-length': String(reply.body.length) });
    response.end(reply.body);
  }

  const server = createServer((incoming, response) => {
    handle(incoming, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`Proxy error: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return Object.assign(proxy, {
    url: `http://127.0.0.1:${port}`,
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  });
}

function copyHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const copy: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_HEADERS.has(name) && name !== 'content-length' && name !== 'host') {
      copy[name] = value;
    }
  }
  return copy;
}

async function readBody(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
