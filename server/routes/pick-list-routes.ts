import type { FastifyInstance, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import type { PickCompletion, PickList } from '../../src/domain/types.ts';
import { canonicalJson } from '../canonical-json.ts';
import { checkCompletionRules, checkPickListRules } from '../picks/check-pick-rules.ts';
import { findPickConflicts } from '../picks/find-pick-conflicts.ts';
import { badRequest, ProblemError } from '../problem.ts';
import { assertKnownStore } from '../stores/assert-known-store.ts';
import type { NewPickList, PickListStatus } from '../storage/pick-list-store.ts';
import type { Storage } from '../storage/storage.ts';
import { buildValidationProblem } from '../validation-problem.ts';
import {
  NEW_PICK_LIST_SCHEMA,
  PICK_COMPLETION_SCHEMA,
  PICK_LIST_PARAMS_SCHEMA,
  PICK_LIST_QUERY_SCHEMA,
} from './pick-list-schemas.ts';
import { ADMIN_PICK_LIST_QUERY_SCHEMA, listPickListsForAdmin, readPickListForAdmin, type AdminPickListQuery } from './pick-list-admin-reads.ts';
import { nowIso, type RouteContext } from './route-context.ts';

/**
 * Registers the pick-list routes: creation by the admin (standing in for the order system
 * that routes orders to stores), listing and reading by the admin (every store) and by the
 * devices of the list's store, and completion by those devices.
 */
export function registerPickListRoutes(app: FastifyInstance, { storage, auth, serialPolicies }: RouteContext): void {
  app.post<{ Body: NewPickList }>(
    '/api/v1/pick-lists',
    { onRequest: auth.admin, schema: { body: NEW_PICK_LIST_SCHEMA } },
    async (request, reply) => {
      const body = request.body;
      const ruleErrors = checkPickListRules(body);
      if (ruleErrors.length > 0) throw describeRuleErrors('invalid_pick_list', `Pick list ${body.id}`, ruleErrors);
      await assertKnownStore(storage, body.store_id, '/store_id');

      const result = await storage.pickLists.createPickList({ pickList: body, contentJson: canonicalJson(body), createdAt: nowIso() });
      if (result.outcome === 'content_mismatch') {
        throw new ProblemError({
          status: 409,
          code: 'pick_list_conflict',
          detail: `Pick list ${body.id} was already created with different content. Send a different list with a new id; a resend must be identical.`,
        });
      }
      if (result.outcome === 'resent') return reply.code(200).send(result.pickList);

      request.log.info({ pick_list_id: body.id, store_id: body.store_id, items: body.items.length }, 'pick list created');
      return reply.code(201).send(result.pickList);
    },
  );

  // The admin and devices share the two reads below, and each kind gets its own query
  // schema, so that a device's error names only the values a device may send.
  app.get<{ Querystring: Record<string, unknown> }>(
    '/api/v1/pick-lists',
    { onRequest: auth.adminOrDevice },
    async (request) => {
      if (request.principal?.kind === 'admin') {
        return listPickListsForAdmin(storage, validateQuery<AdminPickListQuery>(request, ADMIN_PICK_LIST_QUERY_SCHEMA));
      }
      const query = validateQuery<{ status?: PickListStatus }>(request, PICK_LIST_QUERY_SCHEMA);
      // NOTE: the device's list is not paged, so a store's completed lists all come in one reply.
      const items = await storage.pickLists.listPickLists({ storeId: readDeviceStore(request), status: query.status ?? 'open' });
      return { items };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/pick-lists/:id',
    { onRequest: auth.adminOrDevice, schema: { params: PICK_LIST_PARAMS_SCHEMA } },
    async (request) => {
      if (request.principal?.kind === 'admin') return readPickListForAdmin(storage, request.params.id);
      return findOwnPickList(storage, request, request.params.id);
    },
  );

  app.post<{ Params: { id: string }; Body: PickCompletion }>(
    '/api/v1/pick-lists/:id/completion',
    { onRequest: auth.device, schema: { params: PICK_LIST_PARAMS_SCHEMA, body: PICK_COMPLETION_SCHEMA } },
    async (request, reply) => {
      const completion = request.body;
      const id = request.params.id;
      if (completion.pick_list_id !== id) {
        throw badRequest(
          'invalid_completion',
          `Completion names pick list ${completion.pick_list_id} but was sent to pick list ${id}. Send it to /api/v1/pick-lists/${completion.pick_list_id}/completion.`,
          [{ path: '/pick_list_id', message: `must equal the id in the path, ${JSON.stringify(id)}` }],
        );
      }

      const pickList = await findOwnPickList(storage, request, id);
      const ruleErrors = checkCompletionRules(pickList, completion);
      if (ruleErrors.length > 0) throw describeRuleErrors('invalid_completion', `Completion of pick list ${id}`, ruleErrors);

      const policy = await serialPolicies.policyForStore(pickList.store_id);
      const principal = request.principal;
      const result = await storage.pickLists.recordCompletion({
        completion,
        deviceId: principal?.kind === 'device' ? principal.deviceId : '',
        contentJson: canonicalJson(completion),
        receivedAt: nowIso(),
        findConflicts: (facts) => findPickConflicts(pickList, completion, facts, policy),
      });

      if (result.outcome === 'not_found') throw pickListNotFound(id, pickList.store_id);
      if (result.outcome === 'content_mismatch') {
        throw new ProblemError({
          status: 409,
          code: 'completion_conflict',
          detail: `Pick list ${id} was already completed with different content. Check the pick on the device; a resend must be identical.`,
        });
      }

      const body = { pick_list_id: id, status: 'completed', conflicts: result.conflicts };
      request.logFields = { pick_list_id: id, store_id: pickList.store_id, units: completion.units.length, outcome: result.outcome };
      if (result.outcome === 'resent') return reply.code(200).send(body);

      for (const conflict of result.conflicts) {
        request.log.warn({ pick_list_id: id, ...conflict }, 'pick conflict flagged');
      }
      return reply.code(201).send(body);
    },
  );
}

/** Checks the query string against `schema`, and throws the 400 `invalid_request` a route schema would. */
function validateQuery<T>(request: FastifyRequest, schema: Record<string, unknown>): T {
  const validate = request.compileValidationSchema(schema, 'querystring');
  if (validate(request.query)) return request.query as T;
  throw new ProblemError(buildValidationProblem((validate.errors ?? []) as FastifySchemaValidationError[], 'querystring', request));
}

function readDeviceStore(request: FastifyRequest): string {
  const principal = request.principal;
  // The device hook admits devices only, so this is a guard against a misregistered route.
  if (principal?.kind !== 'device') throw new Error(`${request.method} ${request.url} ran without a device principal`);
  return principal.storeId;
}

/** Reads a pick list of the device's store. Another store's list is a 404 like an unknown id, so its ids do not leak. */
async function findOwnPickList(storage: Storage, request: FastifyRequest, id: string): Promise<PickList> {
  const storeId = readDeviceStore(request);
  const pickList = await storage.pickLists.getPickList(id);
  if (pickList === null || pickList.store_id !== storeId) throw pickListNotFound(id, storeId);
  return pickList;
}

function pickListNotFound(id: string, storeId: string): ProblemError {
  return new ProblemError({
    status: 404,
    code: 'pick_list_not_found',
    detail: `Pick list ${id} is not a pick list of store ${storeId}. Check the id, or fetch the store's lists from GET /api/v1/pick-lists.`,
  });
}

function describeRuleErrors(code: string, subject: string, errors: { path: string; message: string }[]): ProblemError {
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return badRequest(code, `${subject} is invalid: ${first?.path} ${first?.message}${more}. Fix it and send it again.`, errors);
}
