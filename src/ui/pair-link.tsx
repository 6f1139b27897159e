import { useEffect, useRef } from 'preact/hooks';
import { pairDevice } from './device-state.ts';
import { navigate, parseRoute } from './route.ts';
import type { Services } from './services.ts';

/**
 * Opened from the server's pairing link (`#/pair?code=...`): pairs with that code, then
 * goes to Checkout on success or to Settings to try another code. An associate who went
 * to another screen while the catalog downloaded stays there.
 */
export function PairLink({ services, code }: { services: Services; code: string }) {
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void pairDevice(services, code).then((paired) => {
      // The address itself, not the route signal: the signal changes only when the browser
      // fires hashchange, so just after the associate moved on it can still read "pair".
      if (parseRoute(location.hash).screen === 'pair') navigate(paired ? 'checkout' : 'settings');
    });
  }, [services, code]);

  return (
    <section class="screen" aria-live="polite">
      <h1>Pairing</h1>
      <p>Pairing this device with code {code}…</p>
    </section>
  );
}
