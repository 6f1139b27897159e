import type { Database } from 'better-sqlite3';
import { toAuditEntry, type AuditRow } from './audit-entry.ts';
import type { AuditStore } from './storage.ts';

/** Creates the audit log of admin changes on SQLite. */
export function createSqliteAuditStore(db: Database): AuditStore {
  const insert = db.prepare('INSERT INTO audit_log (at, actor, action, target, details_json) VALUES (?, ?, ?, ?, ?)');
  const listNewest = db.prepare('SELECT * FROM audit_log WHERE audit_id < ? ORDER BY audit_id DESC LIMIT ?');

  return {
    async record(entry) {
      insert.run(entry.at, entry.actor, entry.action, entry.target, JSON.stringify(entry.details));
    },

    async list({ limit, beforeId }) {
      const rows = listNewest.all(beforeId ?? Number.MAX_SAFE_INTEGER, limit) as AuditRow[];
      return rows.map(toAuditEntry);
    },
  };
}
