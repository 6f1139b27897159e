import { BrowserCodeReader } from '@zxing/browser';

const IDEAL_WIDTH_PX = 1280;
const IDEAL_HEIGHT_PX = 720;

// Words that browsers put in the label of a rear camera (Chrome on Android: "facing back").
const REAR_LABEL = /\b(back|rear|environment)\b/i;

/** A video input the associate can switch to. */
export interface CameraDevice {
  deviceId: string;
  label: string;
}

/** Builds the video constraints: the rear camera by default, or one camera by its id. */
export function cameraConstraints(deviceId?: string): MediaTrackConstraints {
  const size = { width: { ideal: IDEAL_WIDTH_PX }, height: { ideal: IDEAL_HEIGHT_PX } };
  if (deviceId !== undefined) return { deviceId: { exact: deviceId }, ...size };
  return { facingMode: { ideal: 'environment' }, ...size };
}

/**
 * Requests a camera stream. `getUserMedia` itself cannot be cancelled, so when `signal`
 * aborts first, the promise rejects with an `AbortError` at once and the stream is
 * stopped as soon as it arrives: a scanner closed during the request leaves no camera on.
 */
export function requestCameraStream(
  deviceId: string | undefined,
  signal: AbortSignal,
  mediaDevices: Pick<MediaDevices, 'getUserMedia'> = navigator.mediaDevices,
): Promise<MediaStream> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  const pending = mediaDevices.getUserMedia({ video: cameraConstraints(deviceId), audio: false });

  return new Promise((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (stream) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) {
          stopStream(stream);
          reject(abortReason(signal));
          return;
        }
        resolve(stream);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Stops every track of `stream`, which turns the camera off. */
export function stopStream(stream: MediaStream | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/**
 * Lists the video inputs. Labels are empty until the page has camera permission, so call
 * this after the first stream was granted.
 */
export async function listCameras(): Promise<CameraDevice[]> {
  const devices = await BrowserCodeReader.listVideoInputDevices();
  return devices.map((device, index) => ({
    deviceId: device.deviceId,
    label: device.label || `Camera ${index + 1}`,
  }));
}

/**
 * Picks the camera to use once labels are known: the current one when its label names a
 * rear camera, else the first camera whose label does, else the current one. Browsers
 * that ignore `facingMode` (many desktop browsers with a USB camera) keep what they gave.
 */
export function pickRearCamera(cameras: readonly CameraDevice[], currentId: string | undefined): string | undefined {
  const current = cameras.find((camera) => camera.deviceId === currentId);
  if (current !== undefined && REAR_LABEL.test(current.label)) return current.deviceId;
  return cameras.find((camera) => REAR_LABEL.test(camera.label))?.deviceId ?? currentId;
}

/** Attaches `stream` to `video` and starts playback; a muted inline video may autoplay. */
export async function playStream(video: HTMLVideoElement, stream: MediaStream): Promise<void> {
  video.muted = true;
  video.playsInline = true;
  BrowserCodeReader.addVideoSource(video, stream);
  await video.play();
}

/** Detaches any stream from `video`. */
export function detachStream(video: HTMLVideoElement): void {
  BrowserCodeReader.cleanVideoSource(video);
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The camera request was cancelled.', 'AbortError');
}
