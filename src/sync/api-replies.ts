// Readers of success replies. Each checks the fields the device relies on and throws an
// ApiError with code `invalid_response` when one is missing, so that a server of another
// API version cannot corrupt device storage.

import type { ConfigInForce, PickList } from '../domain/types.ts';
import type { CatalogChange } from '../storage/product-store.ts';
import type {
  CatalogChangesPage,
  OrderConflict,
  OrderReceipt,
  PairingResult,
  PickCompletionReceipt,
} from './api-client.ts';
import { invalidResponse, isRecord } from './api-errors.ts';
import type { HttpReply, HttpRequest } from './http-request.ts';

export type RequestLabel = Pick<HttpRequest, 'method' | 'path'>;

/** Formats a request as `METHOD /path` for messages. */
export function label(request: RequestLabel): string {
  return `${request.method} ${request.path}`;
}

/** Reads the reply of `POST /api/v1/pairing`. */
export function readPairing(reply: HttpReply, request: RequestLabel): PairingResult {
  const body = reply.json;
  if (!isRecord(body) || !isText(body.device_id) || !isText(body.device_token) || !isText(body.store_id)) {
    throw invalidResponse(reply.status, label(request), 'device_id, device_token or store_id is missing');
  }
  return { device_id: body.device_id, device_token: body.device_token, store_id: body.store_id };
}

/** Reads a page of `GET /api/v1/catalog/changes`. Items are checked when they are applied. */
export function readCatalogPage(reply: HttpReply, request: RequestLabel): CatalogChangesPage {
  const body = reply.json;
  const valid =
    isRecord(body) &&
    Array.isArray(body.items) &&
    typeof body.next_cursor === 'string' &&
    typeof body.has_more === 'boolean';
  if (!valid) {
    throw invalidResponse(reply.status, label(request), 'items, next_cursor or has_more is missing');
  }
  const page: CatalogChangesPage = {
    items: body.items as CatalogChange[],
    next_cursor: body.next_cursor as string,
    has_more: body.has_more as boolean,
  };
  // Only for the progress bar, so a server without it, or with a bad value, still syncs.
  if (Number.isSafeInteger(body.remaining) && (body.remaining as number) >= 0) {
    page.remaining = body.remaining as number;
  }
  return page;
}

const CONFIG_SOURCES: readonly unknown[] = ['store', 'global', 'none'];

/** Reads a 200 reply of `GET /api/v1/app-config`. */
export function readConfigInForce(reply: HttpReply, request: RequestLabel): ConfigInForce {
  const body = reply.json;
  const valid =
    isRecord(body) &&
    isRecord(body.config) &&
    CONFIG_SOURCES.includes(body.source) &&
    typeof body.store_id === 'string' &&
    typeof body.version === 'string';
  if (!valid) {
    throw invalidResponse(reply.status, label(request), 'config, source, store_id or version is missing');
  }
  return {
    config: body.config as ConfigInForce['config'],
    source: body.source as ConfigInForce['source'],
    store_id: body.store_id as string,
    version: body.version as string,
  };
}

/** Reads a 200 or 201 reply of `POST /api/v1/orders` for the order `orderId`. */
export function readReceipt(reply: HttpReply, request: RequestLabel, orderId: string): OrderReceipt {
  const body = reply.json;
  // The order id is checked so that only a reply for this very order acknowledges it.
  if (!isRecord(body) || body.order_id !== orderId || body.status !== 'accepted') {
    throw invalidResponse(reply.status, label(request), `the reply does not accept order ${orderId}`);
  }
  const conflicts = Array.isArray(body.conflicts) ? (body.conflicts as OrderConflict[]) : [];
  return { order_id: orderId, status: 'accepted', conflicts };
}

/**
 * Reads `GET /api/v1/pick-lists`. Every list is checked, because the device stores them
 * and picks against their lines offline.
 */
export function readPickLists(reply: HttpReply, request: RequestLabel): PickList[] {
  const body = reply.json;
  if (!isRecord(body) || !Array.isArray(body.items)) {
    throw invalidResponse(reply.status, label(request), 'items is missing');
  }
  const items: unknown[] = body.items;
  const bad = items.findIndex((item) => !isPickList(item));
  if (bad >= 0) {
    throw invalidResponse(reply.status, label(request), `pick list ${bad} has no valid id, order_id, store_id, created_at or items`);
  }
  return items as PickList[];
}

/** Reads a 200 or 201 reply of `POST /api/v1/pick-lists/{id}/completion` for `pickListId`. */
export function readPickReceipt(reply: HttpReply, request: RequestLabel, pickListId: string): PickCompletionReceipt {
  const body = reply.json;
  // The id is checked so that only a reply for this very pick list acknowledges it.
  if (!isRecord(body) || body.pick_list_id !== pickListId || body.status !== 'completed') {
    throw invalidResponse(reply.status, label(request), `the reply does not complete pick list ${pickListId}`);
  }
  const conflicts = Array.isArray(body.conflicts) ? (body.conflicts as OrderConflict[]) : [];
  return { pick_list_id: pickListId, status: 'completed', conflicts };
}

function isPickList(value: unknown): boolean {
  return (
    isRecord(value) &&
    isText(value.id) &&
    typeof value.order_id === 'string' &&
    typeof value.store_id === 'string' &&
    typeof value.created_at === 'string' &&
    Array.isArray(value.items) &&
    value.items.every(
      (item: unknown) =>
        isRecord(item) &&
        isText(item.line_id) &&
        isText(item.product_id) &&
        Number.isSafeInteger(item.quantity) &&
        (item.quantity as number) > 0,
    )
  );
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
