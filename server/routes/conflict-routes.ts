import type { FastifyInstance } from 'fastify';
import { recordAdminChange } from '../audit.ts';
import { badRequest, ProblemError } from '../problem.ts';
import { assertKnownStore } from '../stores/assert-known-store.ts';
import { parseConflictId, type ConflictCursor, type ConflictListQuery } from '../storage/conflict-store.ts';
import { nowIso, QUERY_INTEGER_SCHEMA, STORE_ID_SCHEMA, type RouteContext } from './route-context.ts';
import { decodeListCursor, encodeListCursor } from './list-paging.ts';

const CONFLICT_PAGE_DEFAULT = 100;
const CONFLICT_PAGE_MAX = 1000;
export const RESOLUTION_NOTE_MAX_LENGTH = 2000;
const CURSOR_MAX_LENGTH = 512;

interface ConflictListQueryString {
  status?: 'open' | 'resolved' | 'all';
  store?: string;
  limit?: string;
  cursor?: string;
}

/** Registers the conflict review (admin): the list of flagged conflicts and their resolution. */
export function registerConflictRoutes(app: FastifyInstance, { storage, auth }: RouteContext): void {
  app.get<{ Querystring: ConflictListQueryString }>(
    '/api/v1/conflicts',
    {
      onRequest: auth.admin,
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: ['open', 'resolved', 'all'] },
            store: STORE_ID_SCHEMA,
            limit: QUERY_INTEGER_SCHEMA,
            cursor: { type: 'string', minLength: 1, maxLength: CURSOR_MAX_LENGTH },
          },
        },
      },
    },
    async (request) => {
      const { status = 'open', store, cursor } = request.query;
      if (store !== undefined) await assertKnownStore(storage, store, '/store');
      const limit = Math.min(Math.max(Number(request.query.limit ?? CONFLICT_PAGE_DEFAULT), 1), CONFLICT_PAGE_MAX);
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      const query: ConflictListQuery = {
        status,
        // One more than the page shows, to learn whether another page follows.
        limit: limit + 1,
        ...(store === undefined ? {} : { storeId: store }),
        ...(after === undefined ? {} : { after }),
      };
      const rows = await storage.conflicts.list(query);
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      const nextCursor = rows.length > limit && last !== undefined ? encodeListCursor({ at: last.flagged_at, id: last.id }) : null;
      return { items, next_cursor: nextCursor };
    },
  );

  app.post<{ Params: { conflict_id: string }; Body: { note: string } }>(
    '/api/v1/conflicts/:conflict_id/resolution',
    {
      onRequest: auth.admin,
      schema: {
        params: {
          type: 'object',
          required: ['conflict_id'],
          properties: {
            conflict_id: {
              type: 'string',
              pattern: '^(sale|pick)-[1-9][0-9]{0,14}$',
              description: 'a conflict id as GET /api/v1/conflicts lists it: sale- or pick- and a number from 1, such as sale-12',
            },
          },
        },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['note'],
          properties: { note: { type: 'string', minLength: 1, maxLength: RESOLUTION_NOTE_MAX_LENGTH } },
        },
      },
    },
    async (request) => {
      const id = request.params.conflict_id;
      const ref = parseConflictId(id);
      if (ref === null) {
        throw badRequest('invalid_conflict_id', `Conflict id ${id} is not of the form sale-12 or pick-7. Take the id from GET /api/v1/conflicts.`);
      }
      const note = request.body.note;
      const now = nowIso();
      const outcome = await storage.conflicts.resolve(ref, { resolved_at: now, resolved_by: 'admin', note });
      const conflict = await storage.conflicts.find(ref);
      if (outcome === 'not_found' || conflict === null) {
        throw new ProblemError({
          status: 404,
          code: 'conflict_not_found',
          detail: `Conflict ${id} does not exist. Take the id from GET /api/v1/conflicts.`,
        });
      }
      if (outcome === 'resolved') {
        await recordAdminChange(storage, request, { action: 'conflict.resolve', target: id, details: { note }, at: now });
        return conflict;
      }
      // A resend of the same resolution succeeds and changes nothing. Another note would
      // silently be lost, so it is rejected.
      if (conflict.resolution !== null && conflict.resolution.note !== note) {
        throw new ProblemError({
          status: 409,
          code: 'conflict_already_resolved',
          detail: `Conflict ${id} was already resolved on ${conflict.resolution.resolved_at} with another note. Its resolution stays as it is; read it in GET /api/v1/conflicts?status=resolved.`,
        });
      }
      return conflict;
    },
  );
}

// Conflict cursors are list cursors whose id is a conflict id; any other id is invalid.
function decodeCursor(cursor: string): ConflictCursor {
  const position = decodeListCursor(cursor);
  const ref = parseConflictId(position.id);
  if (ref === null) {
    throw badRequest(
      'invalid_cursor',
      `Query parameter cursor ${JSON.stringify(cursor.slice(0, 60))} is not a cursor this server handed out. Send next_cursor of the previous page unchanged, or leave cursor out to start from the first page.`,
    );
  }
  return { flaggedAt: position.at, kind: ref.kind, rowId: ref.rowId };
}
