// Messages for the reasons the camera scanner cannot run. Each states why, and that typing
// and a hardware scanner still work, because the sale must go on without the camera.

const FALLBACK = 'Type the code in the field, or scan it with a hardware scanner: both still work.';

/** The page features the scanner needs to reach a camera. */
export interface CameraEnvironment {
  isSecureContext: boolean;
  mediaDevices: Pick<MediaDevices, 'getUserMedia'> | undefined;
}

/** Reads the environment of this page. */
export function currentCameraEnvironment(): CameraEnvironment {
  return {
    isSecureContext: globalThis.isSecureContext === true,
    mediaDevices: typeof navigator === 'undefined' ? undefined : navigator.mediaDevices,
  };
}

/** Returns why no camera can be requested on this page, or undefined when one can. */
export function findCameraBlocker(environment: CameraEnvironment = currentCameraEnvironment()): string | undefined {
  if (!environment.isSecureContext) {
    return `The camera needs a secure connection (HTTPS), and this page was opened without one. ${FALLBACK}`;
  }
  if (environment.mediaDevices === undefined || typeof environment.mediaDevices.getUserMedia !== 'function') {
    return `This browser gives web pages no access to cameras. ${FALLBACK}`;
  }
  return undefined;
}

/** True for the cancellation of a request, which is never shown as an error. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/**
 * Builds the message for an error from `getUserMedia` or from starting the decoder, by
 * its `name`. Returns undefined for an `AbortError`, because closing the scanner is not
 * a failure.
 */
export function describeCameraError(error: unknown): string | undefined {
  if (isAbortError(error)) return undefined;
  const name = error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return `Camera access was denied. Allow the camera for this site in the browser settings and open the scanner again. ${FALLBACK}`;
    case 'NotFoundError':
    case 'OverconstrainedError':
      return `No camera was found on this device. ${FALLBACK}`;
    case 'NotReadableError':
      return `The camera could not be started, maybe because another app is using it. Close that app and open the scanner again. ${FALLBACK}`;
    default:
      return `The camera scanner failed to start (${describeError(error)}). ${FALLBACK}`;
  }
}

/** Builds the message for a camera whose video ended on its own, e.g. because it was unplugged. */
export function describeCameraLost(): string {
  return `The camera stopped sending video, maybe because it was unplugged or another app took it. Close the scanner and open it again. ${FALLBACK}`;
}

/** Builds the message for a decoder that failed to load, e.g. its wasm file. */
export function describeDecoderError(error: unknown): string {
  return `The barcode reader failed to load (${describeError(error)}). ${FALLBACK}`;
}

/** Builds the message for a torch that could not be switched. Scanning goes on. */
export function describeTorchError(error: unknown, on: boolean): string {
  return `The torch could not be switched ${on ? 'on' : 'off'} (${describeError(error)}). Scanning goes on without it.`;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message ? `${error.name}: ${error.message}` : error.name;
  return String(error);
}
