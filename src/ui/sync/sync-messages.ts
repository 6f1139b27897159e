// The Sync screen's words: how a capture is named, and what each conflict reason means
// for the associate.

import type { OutboxKind } from '../../storage/schema.ts';
import { PAIR_AGAIN_MESSAGE } from '../../sync/sync-run.ts';

/** Formats a capture's name as the associate sees it on the screen. */
export function captureLabel(kind: OutboxKind, id: string): string {
  return kind === 'order' ? `Sale ${shortId(id)}` : `Pick list ${id}`;
}

// A sale's id is a UUID; its first block is enough to tell sales apart on one device.
function shortId(id: string): string {
  return /^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(id) ? id.slice(0, 8) : id;
}

const CONFLICT_REASONS: Record<string, string> = {
  duplicate_serial: 'This serial was already recorded for this product by another sale or pick.',
  serial_format: 'This serial does not match the serial number format in force on the server.',
  serial_missing: 'This unit of a serialized product has no serial.',
  unknown_product: "This product is not in the server's catalog.",
};

/** Explains a conflict reason, or returns the server's detail for a reason missing from this list. */
export function conflictReason(reason: string, detail: string | undefined): string {
  // The server's detail of a format failure names the format, which the fixed text cannot.
  if (reason === 'serial_format' && detail !== undefined && detail !== '') return detail;
  return CONFLICT_REASONS[reason] ?? detail ?? `The server flagged "${reason}".`;
}

export const CONFLICT_ADVICE =
  'The server kept these captures and flagged them for review. Check the unit and tell your manager; nothing needs sending again.';

export const FAILED_ADVICE =
  'The server refused these captures, so they are not sent again on their own. Read the reason, then press Send again, or tell your manager if it keeps failing.';

/** Says when the next automatic try happens after failed runs. */
export function retryText(retry: { failures: number; delayMs: number }): string {
  const seconds = Math.max(1, Math.round(retry.delayMs / 1000));
  const tries = retry.failures === 1 ? '1 failed try' : `${retry.failures} failed tries in a row`;
  return `After ${tries}, the next automatic try is in about ${seconds} s. Press Retry now to try at once.`;
}

/**
 * Returns the last sync problem without the request to pair again, for a screen that shows
 * that request already, or undefined when nothing else is left. A run joins its problems
 * with spaces, and a run whose device token the server rejected ends with PAIR_AGAIN_MESSAGE.
 */
export function problemBesidePairing(lastError: string | undefined, needsPairing: boolean): string | undefined {
  if (lastError === undefined || !needsPairing) return lastError;
  const rest = lastError.replace(PAIR_AGAIN_MESSAGE, '').trim();
  return rest === '' ? undefined : rest;
}

