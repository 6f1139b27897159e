import { useEffect, useMemo } from 'preact/hooks';
import { CatalogProgress } from './catalog-progress.tsx';
import { Checkout } from './checkout/index.tsx';
import { createCheckoutController } from './checkout/checkout-controller.ts';
import { device, refreshDeviceState } from './device-state.ts';
import { MessageBar } from './message-bar.tsx';
import { PairLink } from './pair-link.tsx';
import { Picking } from './picking/index.tsx';
import { createPickingController } from './picking/picking-controller.ts';
import { route } from './route.ts';
import type { Services } from './services.ts';
import { Settings } from './settings/index.tsx';
import { StatusChip } from './status-chip.tsx';
import { SyncScreen } from './sync/index.tsx';
import { UpdateBanner } from './update-banner.tsx';

/** Renders the app shell: header with navigation and sync status, the current screen, and messages. */
export function App({ services }: { services: Services }) {
  const checkout = useMemo(() => createCheckoutController(services), [services]);
  const picking = useMemo(() => createPickingController(services), [services]);
  const lastSuccessAt = services.engine.status.value.lastSuccessAt;

  // The catalog count, configuration and pairing can change with every sync run.
  useEffect(() => {
    void refreshDeviceState(services);
  }, [services, lastSuccessAt]);

  const current = route.value;
  return (
    <>
      <header class="app-header">
        <span class="app-name">Serial Capture</span>
        <nav aria-label="Screens">
          <a href="#/checkout" aria-current={current.screen === 'checkout' ? 'page' : undefined}>
            Checkout
          </a>
          <a href="#/picking" aria-current={current.screen === 'picking' ? 'page' : undefined}>
            Picking
          </a>
          <a href="#/sync" aria-current={current.screen === 'sync' ? 'page' : undefined}>
            Sync
          </a>
          <a href="#/settings" aria-current={current.screen === 'settings' ? 'page' : undefined}>
            Settings
          </a>
        </nav>
        <StatusChip engine={services.engine} />
        <CatalogProgress engine={services.engine} />
      </header>
      <UpdateBanner services={services} checkout={checkout} picking={picking} />
      <MessageBar />
      <main>
        {current.screen === 'settings' && <Settings services={services} />}
        {current.screen === 'sync' && <SyncScreen services={services} />}
        {current.screen === 'pair' && <PairLink services={services} code={current.params.get('code') ?? ''} />}
        {current.screen === 'picking' && (
          <Picking controller={picking} device={device.value} pickListId={current.pickListId} lastSyncAt={lastSuccessAt} />
        )}
        {current.screen === 'checkout' && <Checkout controller={checkout} device={device.value} />}
      </main>
    </>
  );
}
