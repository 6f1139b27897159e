import type { Pool } from 'pg';
import { withTransaction } from './pg-transaction.ts';
import type { DeviceRecord, DeviceStore, DeviceSummary } from './storage.ts';

/** Creates the store of pairing codes and paired devices on PostgreSQL. Codes and tokens are kept as SHA-256 hashes only. */
export function createPostgresDeviceStore(pool: Pool): DeviceStore {
  return {
    async createPairingCode(record) {
      await pool.query('INSERT INTO pairing_codes (code_hash, store_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
        record.codeHash,
        record.storeId,
        record.createdAt,
        record.expiresAt,
      ]);
    },

    async redeemPairingCode(request) {
      return withTransaction(pool, async (client) => {
        // FOR UPDATE makes a second redemption of the same code wait, then re-check used_at
        // against the first one's commit, so a code pairs one device only.
        const found = await client.query<{ store_id: string }>(
          'SELECT store_id FROM pairing_codes WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 FOR UPDATE',
          [request.codeHash, request.now],
        );
        const storeId = found.rows[0]?.store_id;
        if (storeId === undefined) return null;
        await client.query('INSERT INTO devices (device_id, token_hash, store_id, device_name, paired_at) VALUES ($1, $2, $3, $4, $5)', [
          request.deviceId,
          request.tokenHash,
          storeId,
          request.deviceName,
          request.now,
        ]);
        await client.query('UPDATE pairing_codes SET used_at = $1, device_id = $2 WHERE code_hash = $3', [
          request.now,
          request.deviceId,
          request.codeHash,
        ]);
        return { storeId };
      });
    },

    async findDeviceByTokenHash(tokenHash) {
      const result = await pool.query<DeviceSummary>(
        'SELECT device_id, store_id, device_name, revoked_at FROM devices WHERE token_hash = $1',
        [tokenHash],
      );
      const row = result.rows[0];
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
      return withTransaction(pool, async (client) => {
        const found = await client.query<{ revoked_at: string | null }>(
          'SELECT revoked_at FROM devices WHERE device_id = $1 FOR UPDATE',
          [deviceId],
        );
        const row = found.rows[0];
        if (row === undefined) return 'not_found' as const;
        if (row.revoked_at !== null) return 'already_revoked' as const;
        await client.query('UPDATE devices SET revoked_at = $1 WHERE device_id = $2', [now, deviceId]);
        return 'revoked' as const;
      });
    },

    async listDevices(storeId) {
      const result = await pool.query<DeviceSummary>(
        `SELECT device_id, store_id, device_name, paired_at, revoked_at FROM devices
         WHERE $1::text IS NULL OR store_id = $1 ORDER BY paired_at COLLATE "C", device_id COLLATE "C"`,
        [storeId],
      );
      return result.rows;
    },

    async hasDevice(deviceId) {
      const result = await pool.query('SELECT 1 FROM devices WHERE device_id = $1', [deviceId]);
      return result.rowCount === 1;
    },
  };
}
