import { useCallback, useEffect } from 'preact/hooks';
import { describeIdleSeconds } from '../../domain/kiosk-idle.ts';
import type { CheckoutController } from '../checkout/checkout-controller.ts';
import { clearNotice, showNotice } from '../notice.ts';
import type { Route } from '../route.ts';
import { kioskActive, kioskResetCount, kioskSettings, switchKioskOnFromUrl } from './kiosk-state.ts';
import { useKioskFullscreen } from './use-kiosk-fullscreen.ts';
import { useKioskIdle } from './use-kiosk-idle.ts';

/** Checks for the URL switch: `kiosk=1` in the hash's query (`#/checkout?kiosk=1`) or in the page's query. */
export function asksForKiosk(current: Route, search: string = location.search): boolean {
  return current.params.get('kiosk') === '1' || new URLSearchParams(search).get('kiosk') === '1';
}

/**
 * Runs kiosk mode in the app shell: the URL switch, full screen on the first tap, and the
 * idle timer that parks an open cart and returns to a clean checkout start. A pick in
 * progress is saved per pick list already, so the timer only leaves its screen.
 */
export function useKiosk(checkout: CheckoutController, current: Route): void {
  const active = kioskActive.value;
  const { idleSeconds } = kioskSettings.value;
  const wantsKiosk = asksForKiosk(current);

  useEffect(() => {
    if (wantsKiosk) switchKioskOnFromUrl();
  }, [wantsKiosk]);

  useKioskFullscreen(active);

  const returnToStart = useCallback(() => {
    void checkout.park().then((outcome) => {
      kioskResetCount.value += 1;
      if (location.hash !== '#/checkout') location.hash = '#/checkout';
      if (outcome === 'parked') {
        showNotice({
          tone: 'info',
          text: `The open cart was parked after ${describeIdleSeconds(idleSeconds)} without input. Resume it from Parked carts.`,
        });
      } else if (outcome === 'empty') {
        clearNotice();
      }
    });
  }, [checkout, idleSeconds]);

  useKioskIdle(active, idleSeconds, returnToStart);
}
