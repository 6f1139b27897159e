import type { IDBPDatabase } from 'idb';
import { openDeviceDb, type DeviceDbSchema } from '../storage/schema.ts';
import { getDevice } from '../storage/sync-state-store.ts';
import { createApiClient } from '../sync/api-client.ts';
import type { SyncEngine } from '../sync/sync-engine.ts';
import { createLazySyncEngine } from './lazy-sync-engine.ts';
import { showNotice } from './notice.ts';
import { whenNoWorkOpen, workOpenInTab } from './open-work.ts';

export type DeviceDb = IDBPDatabase<DeviceDbSchema>;
export type ApiClient = ReturnType<typeof createApiClient>;
export type { SyncEngine };

/** The device database, the server API and the sync engine, shared by every screen. */
export interface Services {
  db: DeviceDb;
  api: ApiClient;
  engine: SyncEngine;
}

/**
 * Opens device storage and creates the sync engine, which the caller starts once the first
 * screen shows. The server is the origin the app was loaded from.
 */
export async function startServices(): Promise<Services> {
  const db = await openDeviceDb({
    onBlocked() {
      showNotice({
        tone: 'error',
        text: 'Another tab of Serial Capture is open with an older version. This tab opens once the sale or pick open there is completed, or once that tab is closed.',
      });
    },
    async whenFreeToClose() {
      if (workOpenInTab.value) {
        showNotice({
          tone: 'info',
          text: 'A newer version of Serial Capture is opening in another tab. Complete the sale or pick open here; this tab then moves to the new version.',
        });
      }
      await whenNoWorkOpen();
    },
    onCatalogMove() {
      showNotice({
        tone: 'info',
        text: 'Updating device storage for this version: moving the cached catalog. A large catalog can take a minute or more. Sales on this device are kept.',
      });
    },
    onVersionChange() {
      showNotice({
        tone: 'info',
        text: 'A newer version of Serial Capture opened in another tab. Reload this tab to keep working.',
      });
    },
  });
  const api = createApiClient({
    baseUrl: location.origin,
    getToken: async () => (await getDevice(db))?.device_token,
  });
  const engine = createLazySyncEngine({ db, api });
  return { db, api, engine };
}
