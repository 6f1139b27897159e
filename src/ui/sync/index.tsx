import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { retryRejectedEntry, type StoredOutboxEntry } from '../../storage/outbox-store.ts';
import { log } from '../../sync/log.ts';
import { device } from '../device-state.ts';
import { showNotice } from '../notice.ts';
import type { Services } from '../services.ts';
import { loadSyncEntries, type ConflictedCapture, type SyncEntries } from './sync-entries.ts';
import { CONFLICT_ADVICE, FAILED_ADVICE, captureLabel, conflictReason, problemBesidePairing, retryText } from './sync-messages.ts';
import './sync.css';

const EMPTY: SyncEntries = { pending: [], failed: [], conflicted: [] };

/** Sync: what waits for the server, what the server refused, and what it flagged, with a way to retry. */
export function SyncScreen({ services }: { services: Services }) {
  const { db, engine } = services;
  const status = engine.status.value;
  const [entries, setEntries] = useState<SyncEntries>(EMPTY);
  // The banner below requests pairing again, so the problem shown leaves that request out.
  const problem = problemBesidePairing(status.lastError, status.needsPairing);

  // Read again whenever a run ends or the outbox counts change.
  useEffect(() => {
    let current = true;
    loadSyncEntries(db).then(
      (loaded) => current && setEntries(loaded),
      (error: unknown) => log.error('reading the Sync screen entries failed', error),
    );
    return () => {
      current = false;
    };
  }, [db, status.pending, status.failed, status.syncing, status.lastSuccessAt]);

  async function sendAgain(entry: StoredOutboxEntry) {
    await retryRejectedEntry(db, entry.seq);
    showNotice({ tone: 'info', text: `${captureLabel(entry.kind, entry.capture_id)} will be sent again now.` });
    await engine.refreshPending();
    await engine.syncNow();
  }

  return (
    <section class="screen sync" aria-labelledby="sync-screen-heading">
      <h1 id="sync-screen-heading">Sync</h1>

      <section class="panel" aria-labelledby="sync-state-heading">
        <h2 id="sync-state-heading">State</h2>
        <dl>
          <dt>Connection</dt>
          <dd data-sync-online={String(status.online)}>{status.online ? 'Online' : 'Offline'}</dd>
          <dt>Last successful sync</dt>
          <dd>{status.lastSuccessAt ? new Date(status.lastSuccessAt).toLocaleString() : 'never'}</dd>
          {problem !== undefined && problem !== '' && (
            <>
              <dt>Last sync problem</dt>
              <dd data-sync-error>{problem}</dd>
            </>
          )}
        </dl>
        {status.needsPairing && (
          <p class="banner" data-needs-pairing>
            {device.value === undefined ? (
              <>
                This device is not paired with a store. <a href="#/settings">Pair it in Settings</a>; every unsent capture stays
                on the device until then.
              </>
            ) : (
              <>
                The server does not accept this device. <a href="#/settings">Pair it again in Settings</a>; every unsent capture
                stays on the device until then.
              </>
            )}
          </p>
        )}
        {status.retry && <p class="hint" data-retry>{retryText(status.retry)}</p>}
        <button type="button" class="primary" disabled={status.syncing} onClick={() => void engine.syncNow()}>
          {status.syncing ? 'Syncing…' : 'Retry now'}
        </button>
      </section>

      <section class="panel" aria-labelledby="sync-pending-heading">
        <h2 id="sync-pending-heading">Waiting to be sent ({entries.pending.length})</h2>
        {entries.pending.length === 0 ? (
          <p class="hint">Nothing waits: the server has every sale and pick of this device.</p>
        ) : (
          <ul class="sync-entries" data-list="pending">
            {entries.pending.map((entry) => (
              <OutboxRow key={entry.seq} entry={entry} />
            ))}
          </ul>
        )}
      </section>

      <section class="panel" aria-labelledby="sync-failed-heading">
        <h2 id="sync-failed-heading">Refused by the server ({entries.failed.length})</h2>
        {entries.failed.length > 0 && <p class="hint">{FAILED_ADVICE}</p>}
        <ul class="sync-entries" data-list="failed">
          {entries.failed.map((entry) => (
            <OutboxRow key={entry.seq} entry={entry}>
              <button type="button" class="secondary" onClick={() => void sendAgain(entry)}>
                Send again
              </button>
            </OutboxRow>
          ))}
        </ul>
      </section>

      <section class="panel" aria-labelledby="sync-conflicts-heading">
        <h2 id="sync-conflicts-heading">Flagged for review ({entries.conflicted.length})</h2>
        {entries.conflicted.length > 0 && <p class="hint">{CONFLICT_ADVICE}</p>}
        <ul class="sync-entries" data-list="conflicted">
          {entries.conflicted.map((capture) => (
            <ConflictRow key={`${capture.kind}:${capture.id}`} capture={capture} />
          ))}
        </ul>
      </section>
    </section>
  );
}

function OutboxRow({ entry, children }: { entry: StoredOutboxEntry; children?: ComponentChildren }) {
  return (
    <li class="sync-entry" data-capture-id={entry.capture_id}>
      <strong>{captureLabel(entry.kind, entry.capture_id)}</strong>
      <span class="hint">
        saved {new Date(entry.created_at).toLocaleString()}
        {entry.attempts > 0 && ` · ${entry.attempts} ${entry.attempts === 1 ? 'try' : 'tries'}`}
      </span>
      {entry.last_error && (
        <span class="sync-reason" data-reason>
          {entry.last_status === undefined ? entry.last_error : `HTTP ${entry.last_status}: ${entry.last_error}`}
        </span>
      )}
      {children}
    </li>
  );
}

function ConflictRow({ capture }: { capture: ConflictedCapture }) {
  return (
    <li class="sync-entry" data-capture-id={capture.id}>
      <strong>{captureLabel(capture.kind, capture.id)}</strong>
      {capture.sentAt && <span class="hint">sent {new Date(capture.sentAt).toLocaleString()}</span>}
      <ul class="sync-conflicts">
        {capture.conflicts.map((conflict, index) => (
          <li key={index} data-reason={conflict.reason}>
            {conflict.title ?? `Product ${conflict.product_id}`}
            {conflict.serial_number !== undefined && `, serial ${conflict.serial_number}`}: {conflictReason(conflict.reason, conflict.detail)}
          </li>
        ))}
      </ul>
    </li>
  );
}
