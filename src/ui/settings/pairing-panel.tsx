import { useState } from 'preact/hooks';
import type { Device } from '../../storage/sync-state-store.ts';

interface PairingPanelProps {
  device: Device | undefined;
  onPair(code: string): Promise<void>;
  onUnpair(): Promise<void>;
}

/** Pairs the device with a store by a single-use code, or shows the store it is paired with. */
export function PairingPanel({ device, onPair, onUnpair }: PairingPanelProps) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    try {
      await onPair(code);
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  const form = (
    <form onSubmit={submit}>
      <label for="pairing-code">{device ? 'New pairing code from your administrator' : 'Pairing code from your administrator'}</label>
      <input
        id="pairing-code"
        value={code}
        autoComplete="off"
        autoCapitalize="characters"
        onInput={(event) => setCode((event.currentTarget as HTMLInputElement).value)}
      />
      <button type="submit" class="primary" disabled={busy || code.trim() === ''}>
        Pair
      </button>
    </form>
  );

  if (device) {
    // A rejected token cannot sync again. The device pairs again with a new code, which
    // replaces the pairing and keeps every sale that is not sent yet.
    const tokenRejected = device.token_rejected_at !== undefined;
    return (
      <section class="panel" aria-labelledby="pairing-heading">
        <h2 id="pairing-heading">Pairing</h2>
        <p>
          Paired with store <strong data-store-id>{device.store_id}</strong> since {new Date(device.paired_at).toLocaleString()}.
        </p>
        {tokenRejected && (
          <>
            <p class="banner" role="note">
              The server no longer accepts this device. Ask your administrator for a new pairing code and enter it here;
              sales not sent yet stay on the device and are sent once it is paired.
            </p>
            {form}
          </>
        )}
        <button type="button" class="secondary" onClick={() => void onUnpair()}>
          Unpair this device
        </button>
        <p class="hint">Unpairing keeps sales that are not sent yet; they are sent after the device is paired again.</p>
      </section>
    );
  }

  return (
    <section class="panel" aria-labelledby="pairing-heading">
      <h2 id="pairing-heading">Pairing</h2>
      {form}
    </section>
  );
}
