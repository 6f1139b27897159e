import { useEffect, useMemo } from 'preact/hooks';
import { CatalogProgress } from './catalog-progress.tsx';
import { Checkout } from './checkout/index.tsx';
import { createCheckoutController } from './checkout/checkout-controller.ts';
import { device, refreshDeviceState } from './device-state.ts';
import { InstallPrompt } from './install-prompt.tsx';
import { isStaffScreen, kioskActive, kioskResetCount } from './kiosk/kiosk-state.ts';
import { useKiosk } from './kiosk/use-kiosk.ts';
import { MessageBar } from './message-bar.tsx';
import { LazyKioskExit, LazyPairLink, LazyPicking, LazySettings, LazySyncScreen, pickingController } from './lazy-screens.tsx';
import { route } from './route.ts';
import type { Services } from './services.ts';
import { StatusChip } from './status-chip.tsx';
import { UpdateBanner } from './update-banner.tsx';

/** Renders the app shell: header with navigation and sync status, the current screen, and messages. */
export function App({ services }: { services: Services }) {
  const checkout = useMemo(() => createCheckoutController(services), [services]);
  const lastSuccessAt = services.engine.status.value.lastSuccessAt;

  // The catalog count, configuration and pairing can change with every sync run.
  useEffect(() => {
    void refreshDeviceState(services);
  }, [services, lastSuccessAt]);

  const current = route.value;
  useKiosk(checkout, current);
  // In kiosk mode a shopper may use the device: Picking, Sync, Settings and pairing need the admin PIN.
  const kiosk = kioskActive.value;
  const guarded = kiosk && isStaffScreen(current.screen);
  return (
    <>
      <header class="app-header">
        <span class="app-name">Serial Capture</span>
        <nav aria-label="Screens">
          <a href="#/checkout" aria-current={current.screen === 'checkout' ? 'page' : undefined}>
            Checkout
          </a>
          {!kiosk && (
            <a href="#/picking" aria-current={current.screen === 'picking' ? 'page' : undefined}>
              Picking
            </a>
          )}
          {!kiosk && (
            <a href="#/sync" aria-current={current.screen === 'sync' ? 'page' : undefined}>
              Sync
            </a>
          )}
          {!kiosk && (
            <a href="#/settings" aria-current={current.screen === 'settings' ? 'page' : undefined}>
              Settings
            </a>
          )}
          {kiosk && (
            <a href="#/settings" id="kiosk-staff-link" aria-current={guarded ? 'page' : undefined}>
              Leave kiosk
            </a>
          )}
        </nav>
        {!kiosk && <InstallPrompt />}
        <StatusChip engine={services.engine} />
        <CatalogProgress engine={services.engine} />
      </header>
      <UpdateBanner services={services} checkout={checkout} picking={pickingController} />
      <MessageBar />
      <main>
        {guarded && <LazyKioskExit />}
        {!guarded && current.screen === 'settings' && <LazySettings services={services} />}
        {!guarded && current.screen === 'sync' && <LazySyncScreen services={services} />}
        {!guarded && current.screen === 'pair' && <LazyPairLink services={services} code={current.params.get('code') ?? ''} />}
        {!guarded && current.screen === 'picking' && (
          <LazyPicking services={services} device={device.value} pickListId={current.pickListId} lastSyncAt={lastSuccessAt} />
        )}
        {current.screen === 'checkout' && <Checkout key={kioskResetCount.value} controller={checkout} device={device.value} />}
      </main>
    </>
  );
}
