import type { FastifyInstance } from 'fastify';
import { SERIAL_MAX_LENGTH } from '../../src/domain/serial-policy.ts';
import type { Order } from '../../src/domain/types.ts';
import { assertStoreAccess } from '../auth.ts';
import { canonicalJson } from '../canonical-json.ts';
import { checkOrderRules } from '../orders/check-order-rules.ts';
import { findOrderConflicts } from '../orders/find-order-conflicts.ts';
import { badRequest, ProblemError } from '../problem.ts';
import { nowIso, STORE_ID_SCHEMA, type RouteContext } from './route-context.ts';

const ORDER_LINES_MAX = 1000;
const ID_SCHEMA = { type: 'string', minLength: 1, maxLength: 255 } as const;

// Strict: an unknown field is rejected, because the stored content decides whether a
// resend is identical, and a field this server ignores would make that comparison lie.
const ORDER_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['order_id', 'store_id', 'created_at', 'fulfillment_type', 'lines'],
  properties: {
    order_id: ID_SCHEMA,
    store_id: STORE_ID_SCHEMA,
    created_at: { type: 'string', format: 'date-time' },
    fulfillment_type: { type: 'string', enum: ['in_store_purchase', 'with_shipping'] },
    lines: {
      type: 'array',
      minItems: 1,
      maxItems: ORDER_LINES_MAX,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['line_id', 'product_id', 'quantity', 'fulfillment'],
        properties: {
          line_id: ID_SCHEMA,
          product_id: ID_SCHEMA,
          quantity: { type: 'integer', minimum: 1, maximum: 100000 },
          fulfillment: { type: 'string', enum: ['IN_STORE_HANDOVER', 'SHIPPING'] },
          serial_number: { type: 'string', minLength: 1, maxLength: SERIAL_MAX_LENGTH },
        },
      },
    },
  },
} as const;

// Schema of the reply, so that Fastify serializes it with a compiled serializer
// (fast-json-stringify) instead of JSON.stringify. Every field of a conflict is listed, because a serializer
// drops the fields its schema leaves out.
const ORDER_REPLY_SCHEMA = {
  type: 'object',
  required: ['order_id', 'status', 'conflicts'],
  properties: {
    order_id: { type: 'string' },
    status: { type: 'string' },
    conflicts: {
      type: 'array',
      items: {
        type: 'object',
        required: ['line_id', 'product_id', 'reason', 'detail'],
        properties: {
          line_id: { type: 'string' },
          product_id: { type: 'string' },
          serial_number: { type: 'string' },
          reason: { type: 'string' },
          detail: { type: 'string' },
        },
      },
    },
  },
} as const;

/** Registers `POST /api/v1/orders`: completed checkouts from devices, idempotent by `order_id`. */
export function registerOrderRoutes(app: FastifyInstance, { storage, auth, serialPolicies }: RouteContext): void {
  app.post<{ Body: Order }>(
    '/api/v1/orders',
    { onRequest: auth.device, schema: { body: ORDER_SCHEMA, response: { 200: ORDER_REPLY_SCHEMA, 201: ORDER_REPLY_SCHEMA } } },
    async (request, reply) => {
      const order = request.body;
      const principal = request.principal;
      assertStoreAccess(principal, order.store_id);
      const deviceId = principal?.kind === 'device' ? principal.deviceId : '';

      const ruleErrors = checkOrderRules(order);
      if (ruleErrors.length > 0) {
        const first = ruleErrors[0];
        throw badRequest(
          'invalid_order',
          `Order ${order.order_id} is invalid: ${first?.path} ${first?.message}. Fix the order and send it again.`,
          ruleErrors,
        );
      }

      const policy = await serialPolicies.policyForStore(order.store_id);
      const result = await storage.orders.recordOrder({
        order,
        deviceId,
        contentJson: canonicalJson(order),
        receivedAt: nowIso(),
        findConflicts: (facts) => findOrderConflicts(order, facts, policy),
      });

      if (result.outcome === 'content_mismatch') {
        throw new ProblemError({
          status: 409,
          code: 'order_id_conflict',
          detail: `Order ${order.order_id} was already received with different content. Send a different sale with a new order_id; a resend must be identical.`,
        });
      }

      const body = { order_id: order.order_id, status: 'accepted', conflicts: result.conflicts };
      request.logFields = { order_id: order.order_id, store_id: order.store_id, lines: order.lines.length, outcome: result.outcome };
      if (result.outcome === 'resent') return reply.code(200).send(body);

      for (const conflict of result.conflicts) {
        request.log.warn({ order_id: order.order_id, ...conflict }, 'order conflict flagged');
      }
      return reply.code(201).send(body);
    },
  );
}
