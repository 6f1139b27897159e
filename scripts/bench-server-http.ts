// A small JSON client over node:http for the server bench. Each client keeps one
// keep-alive connection, sends from its own loopback source address, and times each reply.
import { Agent, request } from 'node:http';

/** A reply with its status, parsed JSON body, and the time from send to last byte. */
export interface TimedReply {
  status: number;
  body: any;
  ms: number;
}

export interface JsonClient {
  post(path: string, body: unknown, token?: string): Promise<TimedReply>;
  put(path: string, body: unknown, token?: string): Promise<TimedReply>;
  close(): void;
}

/**
 * Creates a client of the server at `baseUrl` (http://127.0.0.1:port/) that connects from
 * `localAddress`, another loopback address such as 127.0.0.5, so that the server sees each
 * store's devices as coming from an address of their own, as tablets behind a store's NAT.
 */
export function createJsonClient(baseUrl: string, localAddress: string): JsonClient {
  const base = new URL(baseUrl);
  if (base.hostname !== '127.0.0.1') throw new Error(`The bench sends traffic to 127.0.0.1 only, not to ${base.hostname}.`);
  // One socket: a device sends one request at a time, like the app's outbox.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });

  const send = (method: string, path: string, body: unknown, token?: string): Promise<TimedReply> => {
    const payload = Buffer.from(JSON.stringify(body));
    const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': payload.length };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    const startedMs = performance.now();

    return new Promise((resolve, reject) => {
      const outgoing = request(
        { host: '127.0.0.1', port: base.port, path, method, headers, agent, localAddress },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () => {
            const ms = performance.now() - startedMs;
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = text === '' ? null : JSON.parse(text);
            } catch {
              // A non-JSON reply stays text, so the caller's error message can show it.
            }
            resolve({ status: incoming.statusCode ?? 0, body: parsed, ms });
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  };

  return {
    post: (path, body, token) => send('POST', path, body, token),
    put: (path, body, token) => send('PUT', path, body, token),
    close: () => agent.destroy(),
  };
}
