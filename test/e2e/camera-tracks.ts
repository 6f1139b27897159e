import type { Page } from 'playwright-core';

/** What the page records about the camera, read with `readCameraTracks`. */
export interface CameraTrackReport {
  /** Tracks returned by getUserMedia so far. */
  total: number;
  /** Tracks whose readyState is still 'live'. */
  live: number;
}

/**
 * Wraps getUserMedia in every page of the context so the test can see each track the app
 * received, and so a test can delay or fail the request: set `window.cameraTest.delayMs`
 * or `window.cameraTest.failWith` (a DOMException name) before opening the scanner.
 */
export async function recordCameraTracks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const state = { tracks: [] as MediaStreamTrack[], delayMs: 0, failWith: '' };
    (window as unknown as { cameraTest: typeof state }).cameraTest = state;
    const mediaDevices = navigator.mediaDevices;
    if (mediaDevices === undefined) return;
    const original = mediaDevices.getUserMedia.bind(mediaDevices);
    mediaDevices.getUserMedia = async (constraints) => {
      if (state.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
      if (state.failWith !== '') throw new DOMException('Failed by the test.', state.failWith);
      const stream = await original(constraints);
      state.tracks.push(...stream.getTracks());
      return stream;
    };
  });
}

/** Counts the recorded tracks and those still live. */
export function readCameraTracks(page: Page): Promise<CameraTrackReport> {
  return page.evaluate(() => {
    const { tracks } = (window as unknown as { cameraTest: { tracks: MediaStreamTrack[] } }).cameraTest;
    return { total: tracks.length, live: tracks.filter((track) => track.readyState === 'live').length };
  });
}

/** Sets how the next getUserMedia calls behave. */
export function setCameraRequest(page: Page, behaviour: { delayMs?: number; failWith?: string }): Promise<void> {
  return page.evaluate((next) => {
    const state = (window as unknown as { cameraTest: { delayMs: number; failWith: string } }).cameraTest;
    state.delayMs = next.delayMs ?? 0;
    state.failWith = next.failWith ?? '';
  }, behaviour);
}
