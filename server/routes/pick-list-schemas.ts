// JSON schemas of the pick-list routes. Bodies are strict: an unknown field is rejected,
// because the stored content decides whether a resend is identical, and a field this
// server ignored would make that comparison lie.
import { SERIAL_MAX_LENGTH } from '../../src/domain/serial-policy.ts';
import { PRODUCT_ID_MAX_LENGTH } from '../catalog/validate-product-row.ts';
import { STORE_ID_SCHEMA } from './route-context.ts';

export const PICK_LIST_ID_MAX_LENGTH = 64;
export const PICK_LIST_ITEMS_MAX = 1000;
export const PICK_QUANTITY_MAX = 1000;

const PICK_LIST_ID_SCHEMA = { type: 'string', minLength: 1, maxLength: PICK_LIST_ID_MAX_LENGTH } as const;
const LINE_ID_SCHEMA = { type: 'string', minLength: 1, maxLength: 255 } as const;
const PRODUCT_ID_SCHEMA = { type: 'string', minLength: 1, maxLength: PRODUCT_ID_MAX_LENGTH } as const;

export const NEW_PICK_LIST_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'order_id', 'store_id', 'items'],
  properties: {
    id: PICK_LIST_ID_SCHEMA,
    order_id: { type: 'string', minLength: 1, maxLength: 255 },
    store_id: STORE_ID_SCHEMA,
    items: {
      type: 'array',
      minItems: 1,
      maxItems: PICK_LIST_ITEMS_MAX,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['line_id', 'product_id', 'quantity'],
        properties: {
          line_id: LINE_ID_SCHEMA,
          product_id: PRODUCT_ID_SCHEMA,
          quantity: { type: 'integer', minimum: 1, maximum: PICK_QUANTITY_MAX },
        },
      },
    },
  },
} as const;

// No maxItems on units: the per-line counts must equal the list's quantities, which
// checkCompletionRules enforces, and the 1 MiB body limit bounds the array before that.
export const PICK_COMPLETION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['pick_list_id', 'completed_at', 'units'],
  properties: {
    pick_list_id: PICK_LIST_ID_SCHEMA,
    completed_at: { type: 'string', format: 'date-time' },
    units: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['line_id', 'product_id'],
        properties: {
          line_id: LINE_ID_SCHEMA,
          product_id: PRODUCT_ID_SCHEMA,
          serial_number: { type: 'string', minLength: 1, maxLength: SERIAL_MAX_LENGTH },
        },
      },
    },
  },
} as const;

export const PICK_LIST_PARAMS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: PICK_LIST_ID_SCHEMA },
} as const;

export const PICK_LIST_QUERY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: { status: { type: 'string', enum: ['open', 'completed'] } },
} as const;
