/** Shown instead of a blank screen when device storage cannot be opened at start. */
export function StartupError({ error }: { error: unknown }) {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const detail = error instanceof Error ? error.message : String(error);
  const advice =
    name === 'InvalidStateError' || name === 'SecurityError'
      ? 'This browser does not allow storage here (for example in a private window). Open Serial Capture in a normal window.'
      : 'Reload the app. If this keeps happening, restart the browser.';

  return (
    <main class="screen startup-error">
      <div role="alert">
      <h1>Serial Capture cannot start</h1>
      <p>Device storage could not be opened: {detail}</p>
      <p>{advice}</p>
      </div>
    </main>
  );
}
