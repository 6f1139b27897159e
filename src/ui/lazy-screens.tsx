// The screens other than Checkout, each loaded on its first visit so that the script
// loaded before Checkout is usable stays small. Checkout itself stays in the entry chunk.

import { signal } from '@preact/signals';
import type { Device } from '../storage/sync-state-store.ts';
import { lazyScreen } from './lazy-screen.tsx';
import type { PickingController } from './picking/picking-controller.ts';
import type { Services } from './services.ts';

export const LazySettings = lazyScreen('Settings', async () => (await import('./settings/index.tsx')).Settings);

export const LazySyncScreen = lazyScreen('Sync', async () => (await import('./sync/index.tsx')).SyncScreen);

export const LazyPairLink = lazyScreen('Pairing', async () => (await import('./pair-link.tsx')).PairLink);

export const LazyKioskExit = lazyScreen('Kiosk mode', async () => (await import('./kiosk/kiosk-exit.tsx')).KioskExit);

/**
 * The picking controller once the Picking screen has loaded, else undefined. Until then
 * no pick list can be open in this tab, which is what the update banner needs to know.
 */
export const pickingController = signal<PickingController | undefined>(undefined);

interface LazyPickingProps {
  services: Services;
  device: Device | undefined;
  /** The pick list opened at `#/picking/{id}`, or undefined for the list of pick lists. */
  pickListId: string | undefined;
  /** Time of the last successful sync, which may have brought or closed pick lists. */
  lastSyncAt: string | undefined;
}

export const LazyPicking = lazyScreen<LazyPickingProps>('Picking', async () => {
  const [{ Picking }, { createPickingController }] = await Promise.all([
    import('./picking/index.tsx'),
    import('./picking/picking-controller.ts'),
  ]);
  // One controller for the app's lifetime, as the screen's progress lives in it between visits.
  const controllers = new WeakMap<Services, PickingController>();

  return function PickingWithController({ services, ...props }: LazyPickingProps) {
    let controller = controllers.get(services);
    if (controller === undefined) {
      controller = createPickingController(services);
      controllers.set(services, controller);
      pickingController.value = controller;
    }
    return <Picking controller={controller} {...props} />;
  };
});
