import type { ExternalIdentifier, Product } from '../../src/domain/types.ts';

export const PRODUCT_ID_MAX_LENGTH = 255;

/** The outcome of checking one import row on its own, before identifiers are compared across products. */
export type ProductRowCheck =
  | { ok: true; product: Product }
  | { ok: false; productId: string | null; reason: string };

/**
 * Checks one row of a product import and returns the product to store.
 *
 * Unknown fields are kept because the platform sends more than this product reads.
 * A missing `serialized_inventory` means false and a missing `external_identifiers`
 * means none.
 */
export function validateProductRow(row: unknown): ProductRowCheck {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) {
    return reject(null, `Row is ${describeJson(row)}, not an object. Send each product as a JSON object.`);
  }
  const fields = row as Record<string, unknown>;

  const idProblem = checkProductId(fields.product_id);
  const productId = typeof fields.product_id === 'string' ? fields.product_id : null;
  if (idProblem) return reject(productId, idProblem);
  const id = productId as string;

  const serialized = fields.serialized_inventory;
  if (serialized !== undefined && typeof serialized !== 'boolean') {
    return reject(
      id,
      `serialized_inventory ${describeJson(serialized)} is not a boolean. Send true or false, or leave it out for false.`,
    );
  }

  for (const name of ['title', 'brand']) {
    const value = fields[name];
    if (value !== undefined && typeof value !== 'string') {
      return reject(id, `${name} ${describeJson(value)} is not a string. Send it as a JSON string or leave it out.`);
    }
  }

  const identifiers = fields.external_identifiers ?? [];
  if (!Array.isArray(identifiers)) {
    return reject(
      id,
      `external_identifiers ${describeJson(identifiers)} is not an array. Send a list of { "type", "value" } objects, or [] when there are none.`,
    );
  }
  for (const [index, identifier] of identifiers.entries()) {
    const problem = checkIdentifier(identifier, index);
    if (problem) return reject(id, problem);
  }

  const product = {
    ...fields,
    product_id: id,
    serialized_inventory: serialized ?? false,
    external_identifiers: identifiers as ExternalIdentifier[],
  } as Product;
  return { ok: true, product };
}

function checkProductId(value: unknown): string | null {
  if (value === undefined) return 'product_id is missing. Add the product\'s id to the row.';
  if (typeof value !== 'string') {
    return `product_id ${describeJson(value)} is not a string. Send the id as a JSON string.`;
  }
  if (value === '') return `product_id is empty. Give the row the product's id (1 to ${PRODUCT_ID_MAX_LENGTH} characters).`;
  if (value.length > PRODUCT_ID_MAX_LENGTH) {
    return `product_id ${describeJson(value)} has ${value.length} characters, more than the maximum of ${PRODUCT_ID_MAX_LENGTH}. Shorten the id.`;
  }
  const forbidden = ['=', '%'].find((character) => value.includes(character));
  if (forbidden) {
    return `product_id ${describeJson(value)} contains "${forbidden}", which a product id must not contain. Remove every "=" and "%" from the id.`;
  }
  return null;
}

function checkIdentifier(identifier: unknown, index: number): string | null {
  const where = `external_identifiers[${index}]`;
  if (identifier === null || typeof identifier !== 'object' || Array.isArray(identifier)) {
    return `${where} is ${describeJson(identifier)}, not an object. Send each identifier as { "type": ..., "value": ... }.`;
  }
  const { type, value } = identifier as Record<string, unknown>;

  if (typeof type !== 'string' || type === '') {
    const description = type === undefined ? 'missing' : `${describeJson(type)}, not a non-empty string`;
    return `${where}.type is ${description}. Give each identifier a type such as "ean13" or "sku".`;
  }
  if (value === undefined) {
    return `${where} (type ${type}) has no value. Add the identifier's value, or remove the identifier.`;
  }
  if (typeof value !== 'string' || value === '') {
    return `${where}.value ${describeJson(value)} (type ${type}) is not a non-empty string. Send the value as text, or remove the identifier.`;
  }
  return null;
}

function reject(productId: string | null, reason: string): ProductRowCheck {
  return { ok: false, productId, reason };
}

const PREVIEW_MAX_CHARS = 60;

function describeJson(value: unknown): string {
  if (value === undefined) return 'undefined';
  const text = JSON.stringify(value);
  return text.length > PREVIEW_MAX_CHARS ? `${text.slice(0, PREVIEW_MAX_CHARS)}…` : text;
}
