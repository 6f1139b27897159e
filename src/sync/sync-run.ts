// One sync run: pull catalog changes, pull the configuration in force, pull the open
// pick lists, then push the outbox. A failed step is reported and the next one still runs, so a broken catalog
// endpoint never holds back sales. Only a missing or rejected device token, or no
// connection at all, ends the run early.

import { countProducts } from '../storage/product-store.ts';
import { pruneSentCaptures } from '../storage/prune-sent-captures.ts';
import type { DeviceDb } from '../storage/schema.ts';
import { getDevice, setTokenRejected } from '../storage/sync-state-store.ts';
import type { ApiClient } from './api-client.ts';
import { isAbortError } from './api-errors.ts';
import { pullCatalog } from './catalog-pull.ts';
import { pullConfig } from './config-pull.ts';
import { log } from './log.ts';
import { pushOutbox, type PushOutboxResult } from './outbox-push.ts';
import { pullPickLists } from './pick-list-pull.ts';

export const PAIR_AGAIN_MESSAGE =
  'The server did not accept this device (HTTP 401). Pair the device again in Settings. ' +
  'Unsent sales and picks stay on the device until then.';

export interface SyncRunOptions {
  signal: AbortSignal;
  catalogPageSize?: number | undefined;
  /** `total` is the expected count of this download, when the server sends one. */
  onCatalogProgress?(received: number, total: number | undefined): void;
}

export interface SyncRunOutcome {
  /** False when no device is paired, so nothing was attempted. */
  paired: boolean;
  /** True when the server rejected the device token. */
  needsPairing: boolean;
  /** One message per failed step, for the status screen. Empty when every step succeeded. */
  errors: string[];
  catalogCount?: number;
  push?: PushOutboxResult;
}

/** The API calls a sync run makes. */
export type SyncApi = Pick<
  ApiClient,
  'getCatalogChanges' | 'getAppConfig' | 'postOrder' | 'getOpenPickLists' | 'postPickCompletion'
>;

/** Runs the sync steps once. Rethrows an abort; reports every other step failure. */
export async function runSync(db: DeviceDb, api: SyncApi, options: SyncRunOptions): Promise<SyncRunOutcome> {
  const device = await getDevice(db);
  if (device === undefined) {
    log.info('sync skipped: device not paired');
    return { paired: false, needsPairing: true, errors: [] };
  }

  const ids = { device_id: device.device_id, store_id: device.store_id };
  log.info('sync started', ids);
  const outcome: SyncRunOutcome = { paired: true, needsPairing: false, errors: [] };
  const { signal } = options;

  const pullSteps: Array<[string, () => Promise<unknown>]> = [
    [
      'Catalog download',
      () => pullCatalog(db, api, { signal, pageSize: options.catalogPageSize, onProgress: options.onCatalogProgress }),
    ],
    ['Configuration download', () => pullConfig(db, api, signal)],
    // After the catalog, so that the products of a new pick list are on the device.
    ['Pick list download', () => pullPickLists(db, api, signal)],
  ];
  for (const [step, run] of pullSteps) {
    try {
      await run();
    } catch (error) {
      if (isAbortError(error)) {
        throw error;
      }
      log.error(`${step} failed`, ids, error);
      if (errorStatus(error) === 401) {
        await setTokenRejected(db, true);
        return { ...outcome, needsPairing: true, errors: [PAIR_AGAIN_MESSAGE] };
      }
      if (isConnectionError(error)) {
        // The request's own text (a URL, "Failed to fetch") gives an associate nothing to act on.
        outcome.errors.push(`${step} failed: the server could not be reached. Sales stay on the device; the app tries again by itself.`);
        return outcome;
      }
      outcome.errors.push(`${step} failed: ${errorMessage(error)}`);
    }
  }
  outcome.catalogCount = await countProducts(db);

  const push = await pushOutbox(db, api, { signal });
  outcome.push = push;
  if (push.stoppedBy === 'unauthorized') {
    await setTokenRejected(db, true);
    return { ...outcome, needsPairing: true, errors: [...outcome.errors, PAIR_AGAIN_MESSAGE] };
  }
  if (device.token_rejected_at !== undefined) {
    // The server took the token again (an administrator restored it), so syncing resumes.
    await setTokenRejected(db, false);
  }
  if (push.stoppedBy !== undefined) {
    outcome.errors.push(`Sending sales and picks stopped: ${push.message ?? push.stoppedBy}`);
  }
  await pruneNowAndThen(db, ids);
  log.info('sync finished', { ...ids, sent: push.sent, rejected: push.failed, errors: outcome.errors.length });
  return outcome;
}

/** Time between two prunes of sent sales and picks through one database connection. */
const PRUNE_INTERVAL_MS = 12 * 60 * 60 * 1000;
const lastPruned = new WeakMap<DeviceDb, number>();

// Pruning reads every stored sale, so it runs twice a day rather than with every sync. A
// failure is logged and leaves the records for the next try; the sync itself succeeded.
async function pruneNowAndThen(db: DeviceDb, ids: Record<string, string>): Promise<void> {
  const now = Date.now();
  if (now - (lastPruned.get(db) ?? Number.NEGATIVE_INFINITY) < PRUNE_INTERVAL_MS) {
    return;
  }
  lastPruned.set(db, now);
  try {
    const pruned = await pruneSentCaptures(db, new Date(now));
    if (pruned.orders + pruned.picks > 0) {
      log.info('pruned sent captures', { ...ids, ...pruned });
    }
  } catch (error) {
    log.error('pruning sent captures failed', ids, error);
  }
}

function errorStatus(error: unknown): number | undefined {
  if (error instanceof Error && error.name === 'ApiError') {
    return (error as Error & { status: number }).status;
  }
  return undefined;
}

function isConnectionError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'NetworkError' || error.name === 'TimeoutError');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
