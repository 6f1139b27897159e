import type { CameraDecoder } from './camera-decoder.ts';
import { createFrameGrabber } from './camera-frames.ts';
import type { DecodedCode } from './decoder.ts';
import { createScanConfirmation } from './scan-confirmation.ts';

/**
 * Frames are decoded at most this often. A guess: about 15 decodes a second find a code
 * held up within a fraction of a second and cap the CPU time spent decoding.
 */
export const MIN_FRAME_INTERVAL_MS = 66;

/** Used where the browser lacks `requestVideoFrameCallback`. */
const FALLBACK_FRAME_INTERVAL_MS = 100;

export interface ScanLoopOptions {
  video: HTMLVideoElement;
  decoder: CameraDecoder;
  /** Called with each code accepted by the two-frame confirmation, and the time in ms since the epoch. */
  onAccept(code: DecodedCode, at: number): void;
  signal: AbortSignal;
}

// Waits for the next frame the camera delivers, so that two reads always come from two
// distinct frames, and for at least MIN_FRAME_INTERVAL_MS after `sinceMs`. Without
// requestVideoFrameCallback it waits a fixed interval instead.
function waitForNextFrame(video: HTMLVideoElement, sinceMs: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let frameHandle: number | undefined;
    const onAbort = () => {
      clearTimeout(timer);
      if (frameHandle !== undefined) video.cancelVideoFrameCallback(frameHandle);
      reject(signal.reason);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });

    const done = () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    // Older browsers lack it, although TypeScript's DOM types list it.
    const hasFrameCallback = typeof video.requestVideoFrameCallback === 'function';
    const intervalMs = hasFrameCallback ? MIN_FRAME_INTERVAL_MS : FALLBACK_FRAME_INTERVAL_MS;
    const delayMs = Math.max(0, sinceMs + intervalMs - performance.now());
    timer = setTimeout(() => {
      if (hasFrameCallback) frameHandle = video.requestVideoFrameCallback(done);
      else done();
    }, delayMs);
  });
}

/**
 * Decodes the region of interest of the video, one frame in flight at a time, until
 * `signal` aborts (then it resolves). Rejects with the decoder's error when a decode fails.
 */
export async function runScanLoop({ video, decoder, onAccept, signal }: ScanLoopOptions): Promise<void> {
  const grabber = createFrameGrabber();
  const confirmation = createScanConfirmation();
  let lastFrameMs = -MIN_FRAME_INTERVAL_MS;

  try {
    while (!signal.aborted) {
      await waitForNextFrame(video, lastFrameMs, signal);
      lastFrameMs = performance.now();
      const frame = grabber.grab(video);
      if (frame === undefined) continue;

      const codes = await decoder.decode(frame);
      if (signal.aborted) break;
      const accepted = confirmation.addFrame(
        codes.map((code) => code.text),
        lastFrameMs,
      );
      for (const text of accepted) {
        const code = codes.find((candidate) => candidate.text === text);
        if (code !== undefined) onAccept(code, Date.now());
      }
    }
  } catch (error) {
    if (signal.aborted) return;
    throw error;
  }
}
