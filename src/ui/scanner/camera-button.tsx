import type { ComponentType } from 'preact';
import { useState } from 'preact/hooks';
import type { ScanEvent } from '../../domain/scan-event.ts';
import { CAMERA_SCAN_EVENT } from '../kiosk/use-kiosk-idle.ts';
import { showNotice } from '../notice.ts';
import type { CameraOverlayProps } from './camera-overlay.tsx';

interface CameraButtonProps {
  /** Receives each accepted camera scan, while the scanner stays open. */
  onScan(event: ScanEvent): void;
}

/**
 * Renders the button that opens the camera scanner, and the scanner once open. The
 * scanner and its decoder are loaded on the first open with a dynamic import, so they are
 * not part of the app's first download.
 */
export function CameraButton({ onScan }: CameraButtonProps) {
  const [open, setOpen] = useState(false);
  const [Overlay, setOverlay] = useState<ComponentType<CameraOverlayProps> | null>(null);

  async function openScanner() {
    setOpen(true);
    if (Overlay !== null) return;
    try {
      const module = await import('./camera-overlay.tsx');
      setOverlay(() => module.CameraOverlay);
    } catch (error) {
      setOpen(false);
      const reason = error instanceof Error ? error.message : String(error);
      showNotice({
        tone: 'error',
        text: `The camera scanner could not be loaded (${reason}). Type the code or use a hardware scanner, or reload the app while online.`,
      });
    }
  }

  if (!open) {
    return (
      <button type="button" class="secondary camera-open" id="open-scanner" onClick={() => void openScanner()}>
        Scan with camera
      </button>
    );
  }
  if (Overlay === null) {
    return (
      <p class="hint" role="status">
        Loading the camera scanner…
      </p>
    );
  }
  function acceptScan(event: ScanEvent) {
    // A camera scan is use of the device, like a key press, so kiosk idle time restarts.
    window.dispatchEvent(new Event(CAMERA_SCAN_EVENT));
    onScan(event);
  }
  return <Overlay onScan={acceptScan} onClose={() => setOpen(false)} />;
}
