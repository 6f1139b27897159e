import { useEffect } from 'preact/hooks';
import { configInForce, device, pairDevice, productCount, refreshDeviceState, unpairDevice } from '../device-state.ts';
import { KioskPanel } from '../kiosk/kiosk-panel.tsx';
import { APP_VERSION } from '../service-worker.ts';
import type { Services } from '../services.ts';
import { OutboxCountRows } from '../sync/outbox-counts.tsx';
import { problemBesidePairing } from '../sync/sync-messages.ts';
import { FeedbackPanel } from './feedback-panel.tsx';
import { FormatPanel } from './format-panel.tsx';
import { PairingPanel } from './pairing-panel.tsx';
import { StoragePanel } from './storage-panel.tsx';

/** Settings: pairing, the cached catalog and last sync, and the serial number format. */
export function Settings({ services }: { services: Services }) {
  // Read the device's state again on every visit, so the counts shown are never older than the screen.
  useEffect(() => {
    void refreshDeviceState(services);
  }, [services]);

  const status = services.engine.status.value;
  // The pairing panel requests a new pairing code, so the problem shown leaves that request out.
  const problem = problemBesidePairing(status.lastError, status.needsPairing);

  return (
    <section class="screen settings" aria-labelledby="settings-heading">
      <h1 id="settings-heading">Settings</h1>
      <PairingPanel
        device={device.value}
        onPair={async (code) => {
          await pairDevice(services, code);
        }}
        onUnpair={() => unpairDevice(services)}
      />

      <section class="panel" aria-labelledby="sync-heading">
        <h2 id="sync-heading">Catalog and sync</h2>
        <dl>
          <dt>Products on this device</dt>
          <dd data-product-count>{productCount.value}</dd>
          <dt>Last successful sync</dt>
          <dd data-last-sync>{status.lastSuccessAt ? new Date(status.lastSuccessAt).toLocaleString() : 'never'}</dd>
          <OutboxCountRows services={services} />
          <dt>App version</dt>
          <dd data-app-version>{APP_VERSION}</dd>
          {problem !== undefined && problem !== '' && (
            <>
              <dt>Last sync problem</dt>
              <dd>{problem}</dd>
            </>
          )}
        </dl>
        <button type="button" class="secondary" disabled={status.syncing} onClick={() => void services.engine.syncNow()}>
          {status.syncing ? 'Syncing…' : 'Sync now'}
        </button>
      </section>

      <StoragePanel />
      <FormatPanel config={configInForce.value} />
      <FeedbackPanel />
      <KioskPanel />
    </section>
  );
}
