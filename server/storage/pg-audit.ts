import type { Pool } from 'pg';
import { toAuditEntry, type AuditRow } from './audit-entry.ts';
import type { AuditStore } from './storage.ts';

/** Creates the audit log of admin changes on PostgreSQL. */
export function createPostgresAuditStore(pool: Pool): AuditStore {
  return {
    async record(entry) {
      await pool.query('INSERT INTO audit_log (at, actor, action, target, details_json) VALUES ($1, $2, $3, $4, $5)', [
        entry.at,
        entry.actor,
        entry.action,
        entry.target,
        JSON.stringify(entry.details),
      ]);
    },

    async list({ limit, beforeId }) {
      const result = await pool.query<AuditRow>(
        'SELECT * FROM audit_log WHERE audit_id < $1 ORDER BY audit_id DESC LIMIT $2',
        [beforeId ?? Number.MAX_SAFE_INTEGER, limit],
      );
      return result.rows.map(toAuditEntry);
    },
  };
}
