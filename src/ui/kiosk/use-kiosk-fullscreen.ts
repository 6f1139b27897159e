import { useEffect } from 'preact/hooks';

/**
 * Asks for full screen on each tap while `active` and not full screen already. Browsers
 * grant it only during a user gesture, so it cannot be asked for on start. A refusal
 * (no Fullscreen API, a permissions policy, the user pressing Esc) is no error: the app
 * works the same in a window.
 */
export function useKioskFullscreen(active: boolean): void {
  useEffect(() => {
    if (!active || !document.fullscreenEnabled) return undefined;
    const ask = () => {
      if (document.fullscreenElement !== null) return;
      document.documentElement.requestFullscreen().catch(() => {
        // Refused: stay in the window, and ask again on the next tap.
      });
    };
    window.addEventListener('pointerdown', ask, { capture: true });
    return () => window.removeEventListener('pointerdown', ask, { capture: true });
  }, [active]);
}
