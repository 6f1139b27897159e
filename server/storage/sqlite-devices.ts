import type { Database } from 'better-sqlite3';
import type { DeviceRecord, DeviceStore, DeviceSummary } from './storage.ts';

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
  const findDevice = db.prepare('SELECT device_id, store_id, device_name, revoked_at FROM devices WHERE token_hash = ?');
  const findRevokedAt = db.prepare('SELECT revoked_at FROM devices WHERE device_id = ?');
  const findPaired = db.prepare('SELECT 1 FROM devices WHERE device_id = ?').pluck();
  const markRevoked = db.prepare('UPDATE devices SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL');
  const listAll = db.prepare(`
    SELECT device_id, store_id, device_name, paired_at, revoked_at FROM devices
    WHERE @store IS NULL OR store_id = @store ORDER BY paired_at, device_id`);

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
      const row = findDevice.get(tokenHash) as DeviceSummary | undefined;
      if (!row) return null;
      const device: DeviceRecord = {
        deviceId: row.device_id,
        storeId: row.store_id,
        deviceName: row.device_name,
        revokedAt: row.revoked_at,
      };
      return device;
    },

    async revokeDevice(deviceId, now) {
      const row = findRevokedAt.get(deviceId) as { revoked_at: string | null } | undefined;
      if (row === undefined) return 'not_found';
      if (row.revoked_at !== null) return 'already_revoked';
      markRevoked.run(now, deviceId);
      return 'revoked';
    },

    async listDevices(storeId) {
      return listAll.all({ store: storeId }) as DeviceSummary[];
    },

    async hasDevice(deviceId) {
      return findPaired.get(deviceId) !== undefined;
    },
  };
}
