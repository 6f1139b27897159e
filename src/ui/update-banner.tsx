import { useComputed, type ReadonlySignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { CheckoutController } from './checkout/checkout-controller.ts';
import type { PickingController } from './picking/picking-controller.ts';
import { workOpenInTab } from './open-work.ts';
import { route } from './route.ts';
import { applyUpdate, reloadIntoNewVersion, updatePhase, type UpdatePhase } from './service-worker.ts';
import type { Services } from './services.ts';
import { writesSettled } from './writes-settled.ts';

interface UpdateBannerProps {
  services: Services;
  checkout: CheckoutController;
  /** Holds undefined until the Picking screen has loaded, as no pick list can be open before. */
  picking: ReadonlySignal<PickingController | undefined>;
}

/** The work open in this tab that keeps it on its version: a cart with lines, or a pick list with progress on screen. */
type OpenWork = { kind: 'sale' } | { kind: 'pick'; pickListId: string } | undefined;

function findOpenWork(checkout: CheckoutController, pickingSignal: ReadonlySignal<PickingController | undefined>): OpenWork {
  if (checkout.session.value.lines.length > 0) return { kind: 'sale' };
  const picking = pickingSignal.value;
  if (picking === undefined) return undefined;
  const pick = picking.session.value;
  const current = route.value;
  if (
    pick !== undefined &&
    pick.units.length > 0 &&
    picking.opened.value?.status === 'open' &&
    current.screen === 'picking' &&
    current.pickListId === pick.pick_list_id
  ) {
    return { kind: 'pick', pickListId: pick.pick_list_id };
  }
  return undefined;
}

/**
 * Shows that a new version is ready and moves this tab onto it without cutting a capture:
 * never while a sale or pick is open, and only after pending writes have committed. With
 * nothing open, the associate's tap applies the update. Once a sale or pick was open while
 * the update waited, it applies by itself when that work ends. When another tab has
 * applied it, this tab reloads as soon as nothing is open in it.
 */
export function UpdateBanner({ services, checkout, picking }: UpdateBannerProps) {
  const openWork = useComputed(() => findOpenWork(checkout, picking));
  const phase = updatePhase.value;
  const work = openWork.value;
  // Set once a sale or pick was open while the update waited; its end then applies the update.
  const workOpenWhileReady = useRef(false);
  const moving = useRef(false);

  if (work !== undefined && phase === 'ready') workOpenWhileReady.current = true;

  useEffect(() => {
    workOpenInTab.value = work !== undefined;
  }, [work]);

  async function moveWhenSettled(step: () => void | Promise<void>): Promise<void> {
    if (moving.current) return;
    moving.current = true;
    try {
      await writesSettled(services);
      // A scan may have opened a sale while the writes settled.
      if (findOpenWork(checkout, picking) === undefined) await step();
    } finally {
      moving.current = false;
    }
  }

  useEffect(() => {
    if (work !== undefined) return;
    if (phase === 'switched') void moveWhenSettled(reloadIntoNewVersion);
    else if (phase === 'ready' && workOpenWhileReady.current) void moveWhenSettled(applyUpdate);
  }, [phase, work]);

  if (phase === 'current') return null;

  return (
    <div class="banner update-banner" role="status" data-update-phase={phase}>
      <strong>Update ready.</strong> <UpdateAdvice phase={phase} work={work} />
      {phase === 'ready' && work === undefined && (
        <button type="button" id="apply-update" onClick={() => void moveWhenSettled(applyUpdate)}>
          Update now
        </button>
      )}
    </div>
  );
}

function UpdateAdvice({ phase, work }: { phase: UpdatePhase; work: OpenWork }) {
  if (phase === 'applying' || (phase === 'switched' && work === undefined)) {
    return <span>Serial Capture is restarting with the new version.</span>;
  }
  const when =
    work === undefined
      ? undefined
      : work.kind === 'sale'
        ? 'once this sale is completed or its cart is emptied'
        : `once pick list ${work.pickListId} is completed or you leave it`;
  if (phase === 'switched') {
    return <span>Another tab installed a new version of Serial Capture. This tab switches to it {when}.</span>;
  }
  if (when !== undefined) {
    return <span>A new version of Serial Capture installs by itself {when}. Nothing captured is lost.</span>;
  }
  return <span>A new version of Serial Capture is ready. It restarts the app; nothing captured is lost.</span>;
}
