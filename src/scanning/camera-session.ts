import type { ScanEvent } from '../domain/scan-event.ts';
import type { DecoderEngine } from './barcode-detector.ts';
import { openCameraDecoder, type CameraDecoder } from './camera-decoder.ts';
import {
  describeCameraError,
  describeCameraLost,
  describeDecoderError,
  describeTorchError,
  findCameraBlocker,
  isAbortError,
} from './camera-errors.ts';
import { runScanLoop } from './camera-scan-loop.ts';
import { toCameraScanEvent } from './camera-scan-event.ts';
import { detachStream, listCameras, pickRearCamera, playStream, requestCameraStream, stopStream, type CameraDevice } from './camera-stream.ts';
import { setTorch, supportsTorch } from './camera-torch.ts';
import type { DecodedCode } from './decoder.ts';

/** The scanner state that the overlay renders. */
export interface CameraSessionState {
  phase: 'starting' | 'scanning' | 'failed';
  /** The reason scanning failed, or a problem that did not stop it (a torch that did not switch). */
  message?: string;
  /** Video inputs, known once permission was granted. A switch is offered when there are several. */
  cameras: CameraDevice[];
  deviceId?: string;
  torch: 'unsupported' | 'off' | 'on';
  engine?: DecoderEngine;
}

export interface CameraSessionOptions {
  video: HTMLVideoElement;
  onScan(event: ScanEvent): void;
  onState(state: CameraSessionState): void;
}

/** A running camera scanner. `close` stops every track it opened, also while a request is pending. */
export interface CameraSession {
  switchCamera(deviceId: string): Promise<void>;
  switchTorch(on: boolean): Promise<void>;
  close(): void;
}

/** Performance marks, so a test or a profiler can measure camera open to first accepted scan. */
export const SCANNER_START_MARK = 'scanner-start';
export const SCANNER_FIRST_SCAN_MEASURE = 'scanner-first-scan';

/** Opens the camera (rear by default) and the decoder, and scans until closed. */
export function startCameraSession({ video, onScan, onState }: CameraSessionOptions): CameraSession {
  const session = new AbortController();
  let state: CameraSessionState = { phase: 'starting', cameras: [], torch: 'unsupported' };
  let stream: MediaStream | undefined;
  let decoder: CameraDecoder | undefined;
  let camera: AbortController | undefined;
  let scanned = false;
  performance.mark(SCANNER_START_MARK);

  function update(patch: Partial<CameraSessionState>): void {
    if (session.signal.aborted) return;
    state = { ...state, ...patch };
    onState(state);
  }

  // An undefined message comes from an AbortError: either the session was closed, or a
  // newer camera request replaced this one and now owns the camera. Neither is a failure.
  function fail(message: string | undefined): void {
    if (message === undefined) return;
    stopCamera();
    update({ phase: 'failed', message, torch: 'unsupported' });
  }

  function stopCamera(): void {
    camera?.abort(new DOMException('The camera was stopped.', 'AbortError'));
    camera = undefined;
    stopStream(stream);
    stream = undefined;
    detachStream(video);
  }

  function accept(code: DecodedCode, at: number): void {
    if (!scanned) {
      scanned = true;
      performance.measure(SCANNER_FIRST_SCAN_MEASURE, SCANNER_START_MARK);
    }
    onScan(toCameraScanEvent(code, at));
  }

  async function openCamera(deviceId: string | undefined): Promise<void> {
    stopCamera();
    const current = new AbortController();
    camera = current;
    const signal = AbortSignal.any([session.signal, current.signal]);

    stream = await requestCameraStream(deviceId, signal);
    await playStream(video, stream);
    const track = stream.getVideoTracks()[0];
    // A camera unplugged or taken by the system ends its track without a call to stop().
    track?.addEventListener('ended', () => {
      if (camera === current) fail(describeCameraLost());
    });
    update({ deviceId: track?.getSettings().deviceId, torch: supportsTorch(track) ? 'off' : 'unsupported', message: undefined });
    if (decoder !== undefined) startScanning(decoder, signal);
  }

  function startScanning(ready: CameraDecoder, signal: AbortSignal): void {
    update({ phase: 'scanning', engine: ready.engine });
    runScanLoop({ video, decoder: ready, onAccept: accept, signal }).catch((error: unknown) => {
      if (!signal.aborted) fail(describeDecoderError(error));
    });
  }

  async function start(): Promise<void> {
    const blocker = findCameraBlocker();
    if (blocker !== undefined) return fail(blocker);

    // The decoder loads while the camera opens and the associate answers the permission prompt.
    const decoderReady = openCameraDecoder(session.signal);
    const closeDecoder = () => void decoderReady.then((ready) => ready.close(), () => undefined);

    try {
      await openCamera(undefined);
      // Labels are readable only now that permission was granted.
      const cameras = await listCameras();
      update({ cameras });
      const rear = pickRearCamera(cameras, state.deviceId);
      if (rear !== undefined && rear !== state.deviceId) await openCamera(rear);
    } catch (error) {
      closeDecoder();
      return fail(describeCameraError(error));
    }

    try {
      decoder = await decoderReady;
    } catch (error) {
      return fail(isAbortError(error) ? undefined : describeDecoderError(error));
    }
    if (session.signal.aborted) return decoder.close();
    if (camera !== undefined) startScanning(decoder, camera.signal);
  }

  void start();

  return {
    async switchCamera(deviceId) {
      try {
        await openCamera(deviceId);
      } catch (error) {
        fail(describeCameraError(error));
      }
    },
    async switchTorch(on) {
      const track = stream?.getVideoTracks()[0];
      if (track === undefined) return;
      try {
        await setTorch(track, on);
        update({ torch: on ? 'on' : 'off', message: undefined });
      } catch (error) {
        update({ message: describeTorchError(error, on) });
      }
    },
    close() {
      session.abort(new DOMException('The scanner was closed.', 'AbortError'));
      stopCamera();
      decoder?.close();
    },
  };
}
