import { useEffect, useRef, useState } from 'preact/hooks';
import type { ScanEvent } from '../../domain/scan-event.ts';
import { REGION_HEIGHT_SHARE, REGION_WIDTH_SHARE } from '../../scanning/camera-frames.ts';
import { startCameraSession, type CameraSession, type CameraSessionState } from '../../scanning/camera-session.ts';
import { playScanFeedback } from '../../scanning/feedback.ts';
import './scanner.css';

export interface CameraOverlayProps {
  onScan(event: ScanEvent): void;
  onClose(): void;
}

const STARTING: CameraSessionState = { phase: 'starting', cameras: [], torch: 'unsupported' };

// The marked region is the region the decoder reads, in shares of the video frame.
const REGION_STYLE = {
  left: `${((1 - REGION_WIDTH_SHARE) / 2) * 100}%`,
  top: `${((1 - REGION_HEIGHT_SHARE) / 2) * 100}%`,
  width: `${REGION_WIDTH_SHARE * 100}%`,
  height: `${REGION_HEIGHT_SHARE * 100}%`,
};

/**
 * Renders the camera scanner: the preview with the region that is decoded, the torch and
 * camera switches where they apply, and a close button. Unmounting stops the camera, and
 * so does the page being hidden, because no camera may stay on in the background.
 */
export function CameraOverlay({ onScan, onClose }: CameraOverlayProps) {
  const video = useRef<HTMLVideoElement>(null);
  const session = useRef<CameraSession | null>(null);
  const [state, setState] = useState<CameraSessionState>(STARTING);

  // The session starts once; the latest callbacks are read through refs.
  const handlers = useRef({ onScan, onClose });
  handlers.current = { onScan, onClose };

  useEffect(() => {
    const element = video.current;
    if (element === null) return;
    const running = startCameraSession({
      video: element,
      onScan(event) {
        playScanFeedback();
        handlers.current.onScan(event);
      },
      onState: setState,
    });
    session.current = running;

    const closeWhenHidden = () => {
      if (document.visibilityState !== 'hidden') return;
      running.close();
      handlers.current.onClose();
    };
    const closeOnPageHide = () => {
      running.close();
      handlers.current.onClose();
    };
    document.addEventListener('visibilitychange', closeWhenHidden);
    window.addEventListener('pagehide', closeOnPageHide);
    return () => {
      document.removeEventListener('visibilitychange', closeWhenHidden);
      window.removeEventListener('pagehide', closeOnPageHide);
      running.close();
      session.current = null;
    };
  }, []);

  // Preact runs effect cleanups after the next paint, so the camera is stopped here first
  // instead of waiting for the unmount.
  function closeNow() {
    session.current?.close();
    onClose();
  }

  return (
    <section class="scanner" aria-label="Camera scanner" data-scanner-phase={state.phase} data-decoder-engine={state.engine ?? ''}>
      <div class="scanner-view" hidden={state.phase === 'failed'}>
        <video ref={video} muted playsInline aria-label="Camera preview" />
        <div class="scanner-region" style={REGION_STYLE} aria-hidden="true" />
      </div>

      <p class="scanner-status" role="status">
        {state.phase === 'starting' && 'Opening the camera…'}
        {state.phase === 'scanning' && 'Hold the barcode inside the frame.'}
      </p>
      {state.message !== undefined && (
        <p class="scanner-message" role="alert">
          {state.message}
        </p>
      )}

      <div class="scanner-controls">
        {state.phase === 'scanning' && state.torch !== 'unsupported' && (
          <button
            type="button"
            class="secondary"
            aria-pressed={state.torch === 'on'}
            onClick={() => void session.current?.switchTorch(state.torch !== 'on')}
          >
            Torch
          </button>
        )}
        {state.phase !== 'failed' && state.cameras.length > 1 && (
          <label class="scanner-camera">
            Camera
            <select
              value={state.deviceId}
              onChange={(event) => void session.current?.switchCamera((event.currentTarget as HTMLSelectElement).value)}
            >
              {state.cameras.map((camera) => (
                <option key={camera.deviceId} value={camera.deviceId}>
                  {camera.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" class="secondary" id="close-scanner" onClick={closeNow}>
          Close camera
        </button>
      </div>
    </section>
  );
}
