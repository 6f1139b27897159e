// The torch (the light beside a phone's rear camera) is switched through a constraint that
// only some browsers and cameras support: Chrome on Android does, desktop browsers and
// Safari mostly do not, so the button is shown only when the track reports it.

/** The torch capability and constraint, which TypeScript's DOM types do not list yet. */
interface TorchCapabilities extends MediaTrackCapabilities {
  torch?: boolean;
}

/** True when `track` reports that it can switch its torch. */
export function supportsTorch(track: MediaStreamTrack | undefined): boolean {
  if (track === undefined || typeof track.getCapabilities !== 'function') return false;
  try {
    return (track.getCapabilities() as TorchCapabilities).torch === true;
  } catch {
    // Some browsers throw from getCapabilities for a track that has just been stopped.
    return false;
  }
}

/** Switches the torch; rejects with the browser's error when the camera refuses. */
export async function setTorch(track: MediaStreamTrack, on: boolean): Promise<void> {
  const constraint = { torch: on } as MediaTrackConstraintSet;
  await track.applyConstraints({ advanced: [constraint] });
}
