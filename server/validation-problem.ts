import type { FastifyRequest, FastifySchemaValidationError } from 'fastify';
import type { ProblemDetails, ProblemFieldError } from './problem.ts';

const PART_NAMES: Record<string, string> = {
  body: 'Request body',
  querystring: 'Query string',
  params: 'URL path',
  headers: 'Request headers',
};

const VALUE_PREVIEW_MAX_CHARS = 60;

/** Converts Ajv errors from a route schema into a 400 problem that lists each field at fault. */
export function buildValidationProblem(
  errors: FastifySchemaValidationError[],
  context: string | undefined,
  request: FastifyRequest,
): ProblemDetails {
  const part = context ?? 'body';
  const data = readRequestPart(request, part);
  const fieldErrors = errors.map((error) => describeSchemaError(error, data));
  const first = fieldErrors[0];
  const more = fieldErrors.length > 1 ? ` (and ${fieldErrors.length - 1} more)` : '';
  const where = PART_NAMES[part] ?? part;
  const summary = first ? `${first.path || '(root)'} ${first.message}${more}` : 'it does not match the schema';

  return {
    status: 400,
    code: 'invalid_request',
    detail: `${where} is invalid: ${summary}. Fix the listed fields and send the request again.`,
    errors: fieldErrors,
  };
}

function readRequestPart(request: FastifyRequest, part: string): unknown {
  switch (part) {
    case 'querystring':
      return request.query;
    case 'params':
      return request.params;
    case 'headers':
      return request.headers;
    default:
      return request.body;
  }
}

/** A schema as Ajv's `verbose` option attaches it to an error. Its `description` describes in words what a value must be. */
interface SchemaWithDescription {
  description?: unknown;
  properties?: Record<string, { description?: unknown } | undefined>;
}

function describeSchemaError(error: FastifySchemaValidationError, data: unknown): ProblemFieldError {
  const parentSchema = (error as { parentSchema?: SchemaWithDescription }).parentSchema;
  if (error.keyword === 'required') {
    const name = String(error.params.missingProperty);
    const expected = describedAs(parentSchema?.properties?.[name]);
    return { path: `${error.instancePath}/${name}`, message: expected === undefined ? 'is missing' : `is missing; expected ${expected}` };
  }
  if (error.keyword === 'additionalProperties') {
    const name = String(error.params.additionalProperty);
    return { path: `${error.instancePath}/${name}`, message: 'is not a known field; remove it' };
  }

  const value = resolvePointer(data, error.instancePath);
  const received = value === undefined ? '' : `, got ${previewValue(value)}`;
  return { path: error.instancePath, message: `${describeRule(error, parentSchema)}${received}` };
}

/** Words for a failed rule: the allowed values of an enum, the schema's description for a pattern, else Ajv's message. */
function describeRule(error: FastifySchemaValidationError, parentSchema: SchemaWithDescription | undefined): string {
  if (error.keyword === 'enum' && Array.isArray(error.params.allowedValues)) {
    return `must be one of ${error.params.allowedValues.map((allowed) => JSON.stringify(allowed)).join(', ')}`;
  }
  const expected = describedAs(parentSchema);
  if (error.keyword === 'pattern' && expected !== undefined) return `must be ${expected}`;
  return error.message ?? 'is invalid';
}

function describedAs(schema: { description?: unknown } | undefined): string | undefined {
  return typeof schema?.description === 'string' ? schema.description : undefined;
}

function resolvePointer(data: unknown, pointer: string): unknown {
  if (pointer === '') return data;
  let current: unknown = data;
  for (const rawToken of pointer.slice(1).split('/')) {
    const token = rawToken.replaceAll('~1', '/').replaceAll('~0', '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}

function previewValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > VALUE_PREVIEW_MAX_CHARS ? `${text.slice(0, VALUE_PREVIEW_MAX_CHARS)}…` : text;
}
