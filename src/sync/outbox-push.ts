// Delivers the outbox to the server, oldest first: completed sales and completed picks.
// Delivery is idempotent by order id and by pick list id, so resending a capture whose
// reply was lost stores nothing twice on the server.

import {
  acknowledgeOutboxEntry,
  isRejected,
  listOutbox,
  recordOutboxFailure,
  type StoredOutboxEntry,
} from '../storage/outbox-store.ts';
import { acknowledgePickCompletion } from '../storage/pick-store.ts';
import type { DeviceDb, ServerConflict } from '../storage/schema.ts';
import type { ApiClient } from './api-client.ts';
import { isAbortError } from './api-errors.ts';
import { log } from './log.ts';

export type PushStop = 'network' | 'server' | 'unauthorized';

export interface PushOutboxResult {
  /** Entries the server acknowledged in this push. */
  sent: number;
  /** Entries the server rejected in this push; they stay in the outbox. */
  failed: number;
  /**
   * Entries rejected by an earlier push and not tried in this one: they wait for the
   * associate to send them again from the Sync screen. Absent when there are none.
   */
  held?: number;
  /** Reason the push ended before the last entry. Absent when every entry was tried. */
  stoppedBy?: PushStop;
  /** The error message that ended the push early. */
  message?: string;
}

type Outcome = { kind: 'rejected'; status: number } | { kind: 'stop'; stop: PushStop; status?: number };

/**
 * Posts each outbox entry, oldest first. An entry leaves the outbox only after a 201 or
 * 200 reply, and the conflicts of that reply are kept on the sale or pick. A 4xx reply
 * for one entry is recorded on it, and the push moves on to the next entry; later pushes
 * skip that entry until the associate sends it again (`retryRejectedEntry`), so a sale
 * the server refuses is not resent every few seconds. A 401, 5xx, 408 or 429 reply, an
 * unexpected reply body, a network error or a timeout ends the push, and the remaining
 * entries wait for the next push. An abort is rethrown.
 */
export async function pushOutbox(
  db: DeviceDb,
  api: Pick<ApiClient, 'postOrder' | 'postPickCompletion'>,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<PushOutboxResult> {
  const entries = await listOutbox(db);
  let sent = 0;
  let failed = 0;
  let held = 0;
  const result = (extra: Partial<PushOutboxResult> = {}): PushOutboxResult => ({
    sent,
    failed,
    ...(held > 0 ? { held } : {}),
    ...extra,
  });

  for (const entry of entries) {
    options.signal?.throwIfAborted();
    if (isRejected(entry)) {
      held += 1;
      continue;
    }
    let conflicts: ServerConflict[];
    try {
      conflicts = await deliver(entry, api, options.signal);
    } catch (error) {
      if (isAbortError(error)) {
        throw error;
      }
      const outcome = classifyFailure(error);
      if (outcome === undefined) {
        throw error;
      }
      const message = error instanceof Error ? error.message : String(error);

      if (outcome.kind === 'rejected') {
        const ids = { capture_id: entry.capture_id, seq: entry.seq };
        log.error(`${entry.kind} rejected by the server`, { ...ids, status: outcome.status, message });
        await recordOutboxFailure(db, entry.seq, message, outcome.status);
        failed += 1;
        continue;
      }

      log.warn('outbox push stopped', { capture_id: entry.capture_id, seq: entry.seq, reason: outcome.stop, message });
      // A 401 is about the device, not this entry, so it does not count as an attempt.
      if (outcome.stop !== 'unauthorized') {
        await recordOutboxFailure(db, entry.seq, message, outcome.status);
      }
      return result({ stoppedBy: outcome.stop, message });
    }

    if (entry.kind === 'order') {
      await acknowledgeOutboxEntry(db, entry.seq, entry.capture_id, conflicts);
    } else {
      await acknowledgePickCompletion(db, entry.seq, entry.payload.pick_list_id, conflicts);
    }
    sent += 1;
  }
  return result();
}

async function deliver(
  entry: StoredOutboxEntry,
  api: Pick<ApiClient, 'postOrder' | 'postPickCompletion'>,
  signal: AbortSignal | undefined,
): Promise<ServerConflict[]> {
  if (entry.kind === 'order') {
    const { receipt } = await api.postOrder(entry.payload, signal);
    if (receipt.conflicts.length > 0) {
      log.warn('order accepted with conflicts', { order_id: entry.capture_id, conflicts: receipt.conflicts });
    }
    return receipt.conflicts;
  }
  const { receipt } = await api.postPickCompletion(entry.payload, signal);
  if (receipt.conflicts.length > 0) {
    log.warn('pick completion accepted with conflicts', { pick_list_id: receipt.pick_list_id, conflicts: receipt.conflicts });
  }
  return receipt.conflicts;
}

// Returns undefined for errors that are not about delivery (such as a storage error),
// which the caller rethrows.
function classifyFailure(error: unknown): Outcome | undefined {
  const name = error instanceof Error ? error.name : '';
  if (name === 'NetworkError' || name === 'TimeoutError') {
    return { kind: 'stop', stop: 'network' };
  }
  if (name !== 'ApiError') {
    return undefined;
  }

  const { status, code } = error as Error & { status: number; code: string };
  if (status === 401) {
    return { kind: 'stop', stop: 'unauthorized', status };
  }
  // 408 and 429 are about the server's state, not this entry, and pass on retry.
  const transient = status >= 500 || status === 408 || status === 429 || code === 'invalid_response';
  if (transient) {
    return { kind: 'stop', stop: 'server', status };
  }
  return { kind: 'rejected', status };
}
