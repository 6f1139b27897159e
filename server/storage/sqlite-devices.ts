import type { Database } from 'better-sqlite3';
import type { DeviceRecord, DeviceStore } from './storage.ts';

/** Creates the store of pairing codes and paired devices. Codes and tokens are kept as SHA-256 hashes only. */
export function createSqliteDeviceStore(db: Database): DeviceStore {
  const insertCode = db.prepare(
    'INSERT INTO pairing_codes (code_hash, store_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
  );
  const findUsableCode = db
    .prepare('SELECT store_id FROM pairing_codes WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?')
    .pluck();
  const insertDevice = db.prepare(
    'INSERT INTO devices (device_id, token_hash, store_id, device_name, paired_at) VALUES (?, ?, ?, ?, ?)',
  );
  const markUsed = db.prepare('UPDATE pairing_codes SET used_at = ?, device_id = ? WHERE code_hash = ?');
  const findDevice = db.prepare('SELECT device_id, store_id, device_name FROM devices WHERE token_hash = ?');

  const redeem = db.transaction(
    (request: { codeHash: string; now: string; deviceId: string; tokenHash: string; deviceName: string | null }) => {
      const storeId = findUsableCode.get(request.codeHash, request.now) as string | undefined;
      if (storeId === undefined) return null;
      insertDevice.run(request.deviceId, request.tokenHash, storeId, request.deviceName, request.now);
      markUsed.run(request.now, request.deviceId, request.codeHash);
      return { storeId };
    },
  );

  return {
    async createPairingCode(record) {
      insertCode.run(record.codeHash, record.storeId, record.createdAt, record.expiresAt);
    },

    async redeemPairingCode(request) {
      return redeem(request);
    },

    async findDeviceByTokenHash(tokenHash) {
      const row = findDevice.get(tokenHash) as
        | { device_id: string; store_id: string; device_name: string | null }
        | undefined;
      if (!row) return null;
      const device: DeviceRecord = { deviceId: row.device_id, storeId: row.store_id, deviceName: row.device_name };
      return device;
    },
  };
}
