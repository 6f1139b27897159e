import { useEffect } from 'preact/hooks';
import { isIdle } from '../../domain/kiosk-idle.ts';

/** Dispatched on `window` for each accepted camera scan, which involves no key or tap. */
export const CAMERA_SCAN_EVENT = 'serial-capture:camera-scan';

// The events that count as use of the device. A keyboard-wedge scanner types keys, so
// its scans count too; camera scans announce themselves with CAMERA_SCAN_EVENT.
const INPUT_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', CAMERA_SCAN_EVENT] as const;
/** How often the idle deadline is checked. Parking may come this much after the deadline. */
const IDLE_CHECK_INTERVAL_MS = 1_000;

/**
 * Calls `onIdle` each time `idleSeconds` pass without input, while `active`. The clock
 * starts again after each call, so a device left alone gets one call per idle period.
 */
export function useKioskIdle(active: boolean, idleSeconds: number, onIdle: () => void): void {
  useEffect(() => {
    if (!active) return undefined;
    let lastInputAtMs = Date.now();
    const noteInput = () => {
      lastInputAtMs = Date.now();
    };
    for (const type of INPUT_EVENTS) window.addEventListener(type, noteInput, { capture: true, passive: true });
    const timer = setInterval(() => {
      const nowMs = Date.now();
      if (!isIdle(nowMs, lastInputAtMs, idleSeconds)) return;
      lastInputAtMs = nowMs;
      onIdle();
    }, IDLE_CHECK_INTERVAL_MS);
    return () => {
      clearInterval(timer);
      for (const type of INPUT_EVENTS) window.removeEventListener(type, noteInput, { capture: true });
    };
  }, [active, idleSeconds, onIdle]);
}
