// An HTTP proxy on 127.0.0.1 in front of the test server that can hold the pairing
// request, so that the Pairing screen, which lasts only as long as that request, stays on
// screen while the browser test checks it. Every other request passes straight through.

import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PairingGate {
  /** Origin to open in the browser, e.g. `http://127.0.0.1:40125`. */
  url: string;
  /** Pairing requests waiting at the gate. */
  readonly heldCount: number;
  /** Holds every later `POST /api/v1/pairing` until `release` is called. */
  hold(): void;
  /** Forwards the held pairing requests and lets later ones pass. */
  release(): void;
  close(): Promise<void>;
}

const PAIRING_PATH = '/api/v1/pairing';

// Hop-by-hop headers describe one connection, so they are not copied to the other side.
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer', 'host', 'content-length']);

/** Starts the gate in front of `targetUrl` (an origin on 127.0.0.1) on a free port of 127.0.0.1. */
export async function startPairingGate(targetUrl: string): Promise<PairingGate> {
  const target = new URL(targetUrl);
  let holding = false;
  let held: Array<() => void> = [];

  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(incoming);
    if (holding && incoming.method === 'POST' && incoming.url === PAIRING_PATH) {
      await new Promise<void>((resolve) => held.push(resolve));
    }
    const reply = await new Promise<IncomingMessage>((resolve, reject) => {
      const outgoing = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: incoming.method,
          path: incoming.url,
          headers: { ...copyHeaders(incoming.headers), host: target.host, 'content-length': String(body.length) },
        },
        resolve,
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
    const replyBody = await readBody(reply);
    response.writeHead(reply.statusCode ?? 502, { ...copyHeaders(reply.headers), 'content-length': String(replyBody.length) });
    response.end(replyBody);
  }

  const server = createServer((incoming, response) => {
    handle(incoming, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`Pairing gate error: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const release = () => {
    holding = false;
    const waiting = held;
    held = [];
    for (const resume of waiting) resume();
  };

  return {
    url: `http://127.0.0.1:${port}`,
    get heldCount() {
      return held.length;
    },
    hold() {
      holding = true;
    },
    release,
    close() {
      release();
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function copyHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const copy: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_HEADERS.has(name)) copy[name] = value;
  }
  return copy;
}
