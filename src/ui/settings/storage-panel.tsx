import { useEffect, useState } from 'preact/hooks';
import { readPersistence, requestPersistentStorage, type PersistenceState } from '../../storage/persistent-storage.ts';
import { readStorageEstimate, type StorageEstimate } from '../../storage/storage-estimate.ts';

const PERSISTENCE_TEXT: Record<PersistenceState, string> = {
  granted: 'Kept: the browser will not delete this data to free space',
  denied: 'Not guaranteed: the browser may delete this data when the device runs short of space',
  unsupported: 'Unknown: this browser does not say whether it keeps this data',
};

/** Shows whether the browser keeps device storage, and how much of the quota is used. */
export function StoragePanel() {
  const [persistence, setPersistence] = useState<PersistenceState | undefined>(undefined);
  const [estimate, setEstimate] = useState<StorageEstimate | undefined>(undefined);

  useEffect(() => {
    void readPersistence().then(setPersistence);
    void readStorageEstimate().then(setEstimate);
  }, []);

  async function askToKeep() {
    setPersistence(await requestPersistentStorage());
    setEstimate(await readStorageEstimate());
  }

  return (
    <section class="panel" aria-labelledby="storage-heading">
      <h2 id="storage-heading">Device storage</h2>
      <dl>
        <dt>Sales and catalog data</dt>
        <dd data-persistence={persistence}>{persistence === undefined ? 'checking…' : PERSISTENCE_TEXT[persistence]}</dd>
        <dt>Space used</dt>
        <dd data-storage-usage>{estimate === undefined ? 'unknown' : `${formatBytes(estimate.usage)} of ${formatBytes(estimate.quota)}`}</dd>
      </dl>
      {persistence === 'denied' && (
        <button type="button" class="secondary" onClick={() => void askToKeep()}>
          Ask the browser to keep this data
        </button>
      )}
    </section>
  );
}

const BYTE_UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'];

function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}
