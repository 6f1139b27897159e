// A small server on 127.0.0.1 that follows docs/API.md for the device routes, with
// switches to inject the failures the sync must survive. It keeps its state in memory.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig, Order, PickCompletion, PickList, Product } from '../../src/domain/types.ts';

export const DEVICE_TOKEN = 'device-token-for-tests';
export const PAIRING_CODE = 'ABCD2345';
export const STORE_ID = 'store-001';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
}

type Fault = { kind: 'status'; status: number; body?: string } | { kind: 'drop-reply' } | { kind: 'hang' };

export interface FakeApiServer {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Orders stored, by order id. */
  orders: Map<string, Order>;
  /** Every order id received by `POST /api/v1/orders`, resends included. */
  orderDeliveries: string[];
  /** Pick lists of the device's store, by id. Only `open` ones are listed to the device. */
  pickLists: Map<string, PickList>;
  /** Completions stored, by pick list id. */
  pickCompletions: Map<string, PickCompletion>;
  /** Every pick list id received by a completion, resends included. */
  pickDeliveries: string[];
  setProducts(products: Product[]): void;
  deleteProduct(productId: string): void;
  setConfig(config: AppConfig, version: string): void;
  /** Makes the next request to `method path` fail with `fault`. */
  failNext(method: string, path: string, fault: Fault): void;
  /** Rejects every device token with a 401 while `reject` is true. */
  rejectAllTokens(reject: boolean): void;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (request: RecordedRequest) => Reply;

/** Starts the fake server on a free port of 127.0.0.1. */
export async function startFakeApiServer(): Promise<FakeApiServer> {
  const changes: Array<{ seq: number; item: { product: Product } | { deleted: string } }> = [];
  let seq = 0;
  let config = { config: {} as AppConfig, version: 'v0' };
  let rejectTokens = false;
  const faults = new Map<string, Fault[]>();
  const requests: RecordedRequest[] = [];
  const orders = new Map<string, Order>();
  const orderDeliveries: string[] = [];
  const pickLists = new Map<string, PickList>();
  const pickCompletions = new Map<string, PickCompletion>();
  const pickDeliveries: string[] = [];

  function addChange(item: { product: Product } | { deleted: string }): void {
    const id = changedId(item);
    // A product changed again leaves its earlier position, as a change feed does.
    const earlier = changes.findIndex((change) => changedId(change.item) === id);
    if (earlier >= 0) {
      changes.splice(earlier, 1);
    }
    seq += 1;
    changes.push({ seq, item });
  }

  const routes: Record<string, Handler> = {
    'POST /api/v1/pairing': (request) => {
      const body = request.body as { code?: string };
      if (body.code !== PAIRING_CODE) {
        const detail = `Pairing code "${body.code}" is unknown, used or expired. Ask for a new code.`;
        return problem(400, 'invalid_pairing_code', detail);
      }
      return { status: 201, body: { device_id: 'device-1', device_token: DEVICE_TOKEN, store_id: STORE_ID } };
    },
    'GET /api/v1/catalog/changes': (request) => {
      const cursor = Number(request.query.get('cursor') || '0');
      const limit = Number(request.query.get('limit') || '1000');
      const after = changes.filter((change) => change.seq > cursor);
      const page = after.slice(0, limit);
      const next = page.length > 0 ? page[page.length - 1]!.seq : cursor;
      return {
        status: 200,
        body: {
          items: page.map((change) => change.item),
          next_cursor: String(next),
          has_more: after.length > page.length,
          remaining: after.length - page.length,
        },
      };
    },
    'GET /api/v1/app-config': (request) => {
      const etag = `"${config.version}"`;
      if (request.headers['if-none-match'] === etag) {
        return { status: 304, headers: { etag } };
      }
      const source = Object.keys(config.config).length > 0 ? 'store' : 'none';
      return {
        status: 200,
        headers: { etag },
        body: { config: config.config, source, store_id: STORE_ID, version: config.version },
      };
    },
    'POST /api/v1/orders': (request) => {
      const order = request.body as Order;
      orderDeliveries.push(order.order_id);
      const stored = orders.get(order.order_id);
      const receipt = { order_id: order.order_id, status: 'accepted', conflicts: [] };
      if (stored === undefined) {
        orders.set(order.order_id, order);
        return { status: 201, body: receipt };
      }
      if (canonicalJson(stored) === canonicalJson(order)) {
        return { status: 200, body: receipt };
      }
      return problem(409, 'order_id_conflict', `Order ${order.order_id} was already received with other content.`);
    },
    'GET /api/v1/pick-lists': () => {
      const open = Array.from(pickLists.values()).filter((list) => list.status === 'open');
      return { status: 200, body: { items: open } };
    },
    'POST /api/v1/pick-lists/{id}/completion': (request) => {
      const id = decodeURIComponent(request.path.split('/')[4] ?? '');
      const completion = request.body as PickCompletion;
      pickDeliveries.push(id);
      const list = pickLists.get(id);
      if (list === undefined) {
        return problem(404, 'pick_list_not_found', `Pick list ${id} was not found for this store.`);
      }
      const receipt = { pick_list_id: id, status: 'completed', conflicts: [] };
      const stored = pickCompletions.get(id);
      if (stored === undefined) {
        pickCompletions.set(id, completion);
        pickLists.set(id, { ...list, status: 'completed' });
        return { status: 201, body: receipt };
      }
      if (canonicalJson(stored) === canonicalJson(completion)) {
        return { status: 200, body: receipt };
      }
      return problem(409, 'completion_conflict', `Pick list ${id} was already completed with other units.`);
    },
  };

  const server = createServer((incoming, response) => {
    void handle(incoming, response);
  });

  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const text = await readBody(incoming);
    const request: RecordedRequest = {
      method: incoming.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: incoming.headers,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
    };
    requests.push(request);
    const key = `${request.method} ${request.path}`;

    const fault = faults.get(key)?.shift();
    if (fault?.kind === 'hang') {
      return;
    }
    if (fault?.kind === 'status') {
      writeFault(response, fault.status, fault.body);
      return;
    }

    const reply = route(key, request);

    if (fault?.kind === 'drop-reply') {
      // The server did the work; only the reply is lost on the way back.
      response.socket?.destroy();
      return;
    }
    writeReply(response, reply);
  }

  function route(key: string, request: RecordedRequest): Reply {
    const handler = routes[key.replace(/^POST \/api\/v1\/pick-lists\/[^/]+\/completion$/, 'POST /api/v1/pick-lists/{id}/completion')];
    if (handler === undefined) {
      return problem(404, 'not_found', `No route ${key}.`);
    }
    const authorized = !rejectTokens && request.headers.authorization === `Bearer ${DEVICE_TOKEN}`;
    if (key !== 'POST /api/v1/pairing' && !authorized) {
      return problem(401, 'unauthorized', 'The device token is missing or unknown. Pair the device again.');
    }
    return handler(request);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    orders,
    orderDeliveries,
    pickLists,
    pickCompletions,
    pickDeliveries,
    setProducts(products) {
      products.forEach((product) => addChange({ product }));
    },
    deleteProduct(productId) {
      addChange({ deleted: productId });
    },
    setConfig(next, version) {
      config = { config: next, version };
    },
    failNext(method, path, fault) {
      const key = `${method} ${path}`;
      faults.set(key, [...(faults.get(key) ?? []), fault]);
    },
    rejectAllTokens(reject) {
      rejectTokens = reject;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function writeReply(response: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.body !== undefined) {
    headers['content-type'] = reply.status >= 400 ? 'application/problem+json' : 'application/json';
  }
  response.writeHead(reply.status, headers);
  response.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
}

// An injected failure replies with a problem document, or with `body` as HTML like a proxy.
function writeFault(response: ServerResponse, status: number, body?: string): void {
  if (body !== undefined) {
    response.writeHead(status, { 'content-type': 'text/html' }).end(body);
    return;
  }
  writeReply(response, problem(status, 'injected', `Injected HTTP ${status}.`));
}

function changedId(item: { product: Product } | { deleted: string }): string {
  return 'product' in item ? item.product.product_id : item.deleted;
}

function problem(status: number, code: string, detail: string): Reply {
  return { status, body: { type: 'about:blank', title: 'Error', status, detail, code } };
}

async function readBody(incoming: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

// Key order does not change an order's content, so it is compared with sorted keys.
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) =>
    field !== null && typeof field === 'object' && !Array.isArray(field)
      ? Object.fromEntries(Object.entries(field).sort(([a], [b]) => a.localeCompare(b)))
      : field,
  );
}
