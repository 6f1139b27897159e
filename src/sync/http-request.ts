// One HTTP exchange with a time limit, turning transport failures into the named errors
// of api-errors.ts. Status codes are left to the caller.

import { NetworkError, TimeoutError } from './api-errors.ts';

export interface HttpRequest {
  method: 'GET' | 'POST';
  /** Path and query, starting with `/`. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal | undefined;
}

export interface HttpReply {
  status: number;
  headers: Headers;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  json: unknown;
}

export interface HttpTransport {
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
}

/**
 * Sends `request` and reads the whole reply body within `transport.timeoutMs`.
 * Throws TimeoutError when the limit passes, NetworkError when no reply arrives, and the
 * signal's reason (an AbortError unless the caller chose another) when the caller aborts.
 */
export async function sendRequest(transport: HttpTransport, request: HttpRequest): Promise<HttpReply> {
  const callerSignal = request.signal;
  callerSignal?.throwIfAborted();

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, transport.timeoutMs);
  const forwardAbort = () => controller.abort(callerSignal?.reason);
  callerSignal?.addEventListener('abort', forwardAbort, { once: true });

  const label = `${request.method} ${request.path}`;
  try {
    const init: RequestInit = {
      method: request.method,
      headers: request.headers,
      signal: controller.signal,
      // Replies are fresh state (catalog changes, the configuration in force), so the
      // HTTP cache must not answer for the server.
      cache: 'no-store',
    };
    if (request.body !== undefined) {
      init.body = request.body;
    }
    const response = await transport.fetch(joinUrl(transport.baseUrl, request.path), init);
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: parseJson(text) };
  } catch (error) {
    if (callerSignal?.aborted) {
      throw callerSignal.reason;
    }
    if (timedOut) {
      throw new TimeoutError(
        `${label} got no reply within ${transport.timeoutMs / 1000} s. The sync tries again later.`,
      );
    }
    throw new NetworkError(`${label} failed: ${describeCause(error)}. Check the network connection.`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', forwardAbort);
  }
}

/** Joins a base URL, with or without a trailing slash or path prefix, and an API path. */
export function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + path;
}

function parseJson(text: string): unknown {
  if (text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

// Node's fetch reports "fetch failed" and puts the reason, such as ECONNREFUSED, in `cause`.
function describeCause(error: unknown): string {
  if (!(error instanceof Error)) {
    return String(error);
  }
  const cause = error.cause;
  if (cause instanceof Error && cause.message !== '') {
    return `${error.message} (${cause.message})`;
  }
  return error.message;
}
