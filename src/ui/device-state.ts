import { signal } from '@preact/signals';
import type { ConfigInForce } from '../domain/types.ts';
import { getConfigInForce } from '../storage/config-store.ts';
import { requestPersistentStorage } from '../storage/persistent-storage.ts';
import { countProducts } from '../storage/product-store.ts';
import { clearDevice, getDevice, setDevice, type Device } from '../storage/sync-state-store.ts';
import { showNotice } from './notice.ts';
import type { Services } from './services.ts';

/** Device details that the screens show, read again from IndexedDB after each sync. */
export const device = signal<Device | undefined>(undefined);
export const configInForce = signal<ConfigInForce | undefined>(undefined);
export const productCount = signal(0);

export async function refreshDeviceState({ db }: Services): Promise<void> {
  const [paired, config, count] = await Promise.all([getDevice(db), getConfigInForce(db), countProducts(db)]);
  device.value = paired;
  configInForce.value = config;
  productCount.value = count;
}

/** Pairs with the server by a single-use code, then downloads the catalog and configuration. */
export async function pairDevice(services: Services, rawCode: string): Promise<boolean> {
  const code = rawCode.trim().toUpperCase();
  try {
    const paired = await services.api.pair(code, navigator.userAgent.slice(0, 100));
    await setDevice(services.db, {
      device_id: paired.device_id,
      device_token: paired.device_token,
      store_id: paired.store_id,
      paired_at: new Date().toISOString(),
    });
  } catch (error) {
    showNotice({ tone: 'error', text: describePairingError(code, error) });
    return false;
  }
  // A paired device will hold unsent sales, which the browser must not evict for space.
  void requestPersistentStorage();
  await refreshDeviceState(services);
  showNotice({ tone: 'success', text: `Paired with store ${device.value?.store_id}. Downloading the catalog.` });
  await services.engine.syncNow();
  await refreshDeviceState(services);
  return true;
}

export async function unpairDevice(services: Services): Promise<void> {
  await clearDevice(services.db);
  await refreshDeviceState(services);
  showNotice({ tone: 'info', text: 'This device is no longer paired. Sales not sent yet stay on the device.' });
}

function describePairingError(code: string, error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'ApiError' && (error as { code?: string }).code === 'invalid_pairing_code') {
    return `Pairing code ${code} is unknown, already used or expired. Ask your administrator for a new code.`;
  }
  if (name === 'NetworkError' || name === 'TimeoutError') {
    return 'The server could not be reached, and pairing needs a connection. Connect the device and try again.';
  }
  const detail = error instanceof Error ? error.message : String(error);
  return `Pairing with code ${code} failed: ${detail}. Check the code and try again.`;
}
