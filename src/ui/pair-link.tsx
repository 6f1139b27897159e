import { useEffect, useRef } from 'preact/hooks';
import { pairDevice } from './device-state.ts';
import { navigate } from './route.ts';
import type { Services } from './services.ts';

/**
 * Opened from the server's pairing link (`#/pair?code=...`): pairs with that code, then
 * goes to Checkout on success or to Settings to try another code.
 */
export function PairLink({ services, code }: { services: Services; code: string }) {
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void pairDevice(services, code).then((paired) => navigate(paired ? 'checkout' : 'settings'));
  }, [services, code]);

  return (
    <section class="screen" aria-live="polite">
      <h1>Pairing</h1>
      <p>Pairing this device with code {code}…</p>
    </section>
  );
}
