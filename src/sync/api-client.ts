// Client of the server API, version 1, for device calls: pairing, catalog changes, the
// configuration in force, open pick lists, and delivery of orders and pick completions. Errors are the named errors of api-errors.ts.

import type { ConfigInForce, Order, PickCompletion, PickList } from '../domain/types.ts';
import type { CatalogChange } from '../storage/product-store.ts';
import { ApiError, invalidResponse, toApiError } from './api-errors.ts';
import {
  label,
  readCatalogPage,
  readConfigInForce,
  readPairing,
  readPickLists,
  readPickReceipt,
  readReceipt,
  type RequestLabel,
} from './api-replies.ts';
import { sendRequest, type HttpReply, type HttpRequest, type HttpTransport } from './http-request.ts';

export { ApiError, NetworkError, TimeoutError } from './api-errors.ts';

/** A guess that covers a 1000-product catalog page on a slow shop network. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface ApiClientOptions {
  /** The server's origin, optionally with a path prefix; `/api/v1/...` is appended. */
  baseUrl: string;
  /** Returns the device token, or undefined when the device is not paired. */
  getToken(): Promise<string | undefined>;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface PairingResult {
  device_id: string;
  device_token: string;
  store_id: string;
}

export interface CatalogChangesPage {
  items: CatalogChange[];
  next_cursor: string;
  has_more: boolean;
  /** The server's count of changes after this page, when it sends one. */
  remaining?: number;
}

export type AppConfigResult = { notModified: true } | { notModified: false; configInForce: ConfigInForce };

/** A flagged problem of an accepted order, such as a serial already sold. */
export interface OrderConflict {
  line_id: string;
  product_id: string;
  serial_number?: string;
  reason: string;
  detail?: string;
}

export interface OrderReceipt {
  order_id: string;
  status: 'accepted';
  conflicts: OrderConflict[];
}

/** `created` is false when the server already had this order (a resend, reply 200). */
export interface PostOrderResult {
  created: boolean;
  receipt: OrderReceipt;
}

/** The server's reply to a pick completion. Conflicts have the same shape as an order's. */
export interface PickCompletionReceipt {
  pick_list_id: string;
  status: 'completed';
  conflicts: OrderConflict[];
}

/** `created` is false when the server already had this completion (a resend, reply 200). */
export interface PostPickCompletionResult {
  created: boolean;
  receipt: PickCompletionReceipt;
}

export interface ApiClient {
  pair(code: string, deviceName?: string): Promise<PairingResult>;
  getCatalogChanges(cursor: string, limit: number, signal?: AbortSignal): Promise<CatalogChangesPage>;
  /** Sends `etag` (the stored version, quoted or not) as If-None-Match. */
  getAppConfig(etag?: string, signal?: AbortSignal): Promise<AppConfigResult>;
  postOrder(order: Order, signal?: AbortSignal): Promise<PostOrderResult>;
  /** Lists the open pick lists of the device's store. */
  getOpenPickLists(signal?: AbortSignal): Promise<PickList[]>;
  postPickCompletion(completion: PickCompletion, signal?: AbortSignal): Promise<PostPickCompletionResult>;
}

/** Creates a client of the server at `options.baseUrl`. Throws a TypeError for a bad URL. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  validateBaseUrl(options.baseUrl);
  const transport: HttpTransport = {
    baseUrl: options.baseUrl,
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    timeoutMs: options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  };

  async function send(
    request: Omit<HttpRequest, 'headers'>,
    extraHeaders: Record<string, string> = {},
    auth = true,
  ): Promise<HttpReply> {
    const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
    if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
    }
    if (auth) {
      headers.authorization = `Bearer ${await requireToken(options)}`;
    }
    return sendRequest(transport, { ...request, headers });
  }

  return {
    async pair(code, deviceName) {
      const body = deviceName === undefined ? { code } : { code, device_name: deviceName };
      const request = { method: 'POST', path: '/api/v1/pairing', body: JSON.stringify(body) } as const;
      const reply = expectStatus(await send(request, {}, false), request, [201]);
      return readPairing(reply, request);
    },

    async getCatalogChanges(cursor, limit, signal) {
      const query = new URLSearchParams({ cursor, limit: String(limit) });
      const request = { method: 'GET', path: `/api/v1/catalog/changes?${query}`, signal } as const;
      const reply = expectStatus(await send(request), request, [200]);
      return readCatalogPage(reply, request);
    },

    async getAppConfig(etag, signal) {
      const request = { method: 'GET', path: '/api/v1/app-config', signal } as const;
      const headers: Record<string, string> = {};
      if (etag !== undefined) {
        headers['if-none-match'] = quoteEtag(etag);
      }
      const reply = expectStatus(await send(request, headers), request, [200, 304]);
      if (reply.status === 304) {
        return { notModified: true };
      }
      return { notModified: false, configInForce: readConfigInForce(reply, request) };
    },

    async postOrder(order, signal) {
      const request = { method: 'POST', path: '/api/v1/orders', body: JSON.stringify(order), signal } as const;
      const reply = expectStatus(await send(request), request, [200, 201]);
      return { created: reply.status === 201, receipt: readReceipt(reply, request, order.order_id) };
    },

    async getOpenPickLists(signal) {
      const request = { method: 'GET', path: '/api/v1/pick-lists?status=open', signal } as const;
      const reply = expectStatus(await send(request), request, [200]);
      return readPickLists(reply, request);
    },

    async postPickCompletion(completion, signal) {
      const id = completion.pick_list_id;
      const path = `/api/v1/pick-lists/${encodeURIComponent(id)}/completion`;
      const request = { method: 'POST', path, body: JSON.stringify(completion), signal } as const;
      const reply = expectStatus(await send(request), request, [200, 201]);
      return { created: reply.status === 201, receipt: readPickReceipt(reply, request, id) };
    },
  };
}

function validateBaseUrl(baseUrl: string): void {
  try {
    new URL(baseUrl);
  } catch {
    throw new TypeError(
      `API base URL "${baseUrl}" is not an absolute URL. Pass the server origin, such as https://shop.example.`,
    );
  }
}

async function requireToken(options: ApiClientOptions): Promise<string> {
  const token = await options.getToken();
  if (token === undefined || token === '') {
    // The same status as the server's reply to a missing token, so callers handle both alike.
    throw new ApiError({
      status: 401,
      code: 'not_paired',
      detail: 'This device has no device token. Pair it with a store using a pairing code, then sync again.',
    });
  }
  return token;
}

function expectStatus(reply: HttpReply, request: RequestLabel, expected: number[]): HttpReply {
  if (expected.includes(reply.status)) {
    return reply;
  }
  if (reply.status >= 200 && reply.status < 300) {
    throw invalidResponse(reply.status, label(request), `expected HTTP ${expected.join(' or ')}`);
  }
  throw toApiError(reply.status, label(request), reply.json);
}

// An ETag is a quoted string; the stored version is the ETag without its quotes.
function quoteEtag(etag: string): string {
  return etag.startsWith('"') || etag.startsWith('W/"') ? etag : `"${etag}"`;
}
