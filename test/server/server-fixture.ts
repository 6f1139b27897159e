// Helpers for the server tests: real HTTP to a server on 127.0.0.1, nothing mocked.
import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import type { Order, OrderLine } from '../../src/domain/types.ts';
import type { TestServer } from '../../server/test-server.ts';

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the raw text when the body is not JSON, or null when empty. */
  body: any;
}

export interface ApiRequest {
  token?: string;
  /** Sent as JSON unless `rawBody` is given. */
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** Sends one request to the test server and reads the whole reply. */
export async function callApi(
  server: TestServer,
  method: string,
  path: string,
  request: ApiRequest = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.token !== undefined) headers.authorization = `Bearer ${request.token}`;

  let payload: string | undefined;
  if (request.rawBody !== undefined) {
    payload = request.rawBody;
  } else if (request.body !== undefined) {
    payload = JSON.stringify(request.body);
    headers['content-type'] ??= 'application/json';
  }

  const response = await fetch(`${server.url}${path}`, { method, headers, body: payload });
  const text = await response.text();
  let body: unknown = text === '' ? null : text;
  if (text !== '' && (response.headers.get('content-type') ?? '').includes('json')) body = JSON.parse(text);
  return { status: response.status, headers: response.headers, body };
}

/** Pairs a new device with `storeId` and returns its token. */
export async function pairDevice(server: TestServer, storeId: string): Promise<{ token: string; deviceId: string }> {
  const code = await server.createPairingCode(storeId);
  const reply = await callApi(server, 'POST', '/api/v1/pairing', { body: { code } });
  if (reply.status !== 201) throw new Error(`Pairing with ${storeId} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return { token: reply.body.device_token, deviceId: reply.body.device_id };
}

/** Reads a JSON file under test/fixtures. */
export async function readFixture(relativePath: string): Promise<any> {
  const url = new URL(`../fixtures/${relativePath}`, import.meta.url);
  return JSON.parse(await readFile(url, 'utf8'));
}

/** Builds a valid order for `storeId`; `lines` replace the single default line. */
export function makeOrder(orderId: string, storeId: string, lines?: OrderLine[]): Order {
  return {
    order_id: orderId,
    store_id: storeId,
    created_at: '2025-03-01T10:15:00.000Z',
    fulfillment_type: 'in_store_purchase',
    lines: lines ?? [
      { line_id: 'L1', product_id: '1001', quantity: 1, fulfillment: 'IN_STORE_HANDOVER', serial_number: 'C02XK1ABCD1234' },
    ],
  };
}

/** Builds an in-store line of one serialized unit. */
export function serialLine(lineId: string, productId: string, serialNumber: string): OrderLine {
  return { line_id: lineId, product_id: productId, quantity: 1, fulfillment: 'IN_STORE_HANDOVER', serial_number: serialNumber };
}

/** The media type of every error reply. */
export const PROBLEM_TYPE = 'application/problem+json';

/** Asserts that a reply is a problem document with the given status, a code and a detail. */
export function expectProblem(reply: ApiResponse, status: number): void {
  expect(reply.status).toBe(status);
  expect(reply.headers.get('content-type')).toContain(PROBLEM_TYPE);
  expect(reply.body.status).toBe(status);
  expect(typeof reply.body.code).toBe('string');
  expect(reply.body.detail.length).toBeGreaterThan(20);
}
