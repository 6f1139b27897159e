/** Turns an error from device storage into a message for the associate. */
export function describeStorageError(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'QuotaExceededError') {
    return 'The device is out of storage space, so nothing was saved. Free up space on the device, then try again.';
  }
  if (name === 'InvalidStateError' || name === 'UnknownError') {
    return 'Device storage stopped working, so nothing was saved. Reload the app and try again.';
  }
  const detail = error instanceof Error ? error.message : String(error);
  if (name === 'SerialPolicyLoadError' || name === 'Gs1ParserLoadError') {
    return `The scan was not used, because ${detail}. Reload the app, then scan again.`;
  }
  return `Saving on the device failed (${detail}), so nothing was saved. Try again; if it keeps failing, reload the app.`;
}
