import type { AuditEntry } from './storage.ts';

/** A row of the `audit_log` table, as both databases return it. */
export interface AuditRow {
  audit_id: number | string;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details_json: string;
}

/** Turns a stored audit row into the entry the API lists. */
export function toAuditEntry(row: AuditRow): AuditEntry & { id: number } {
  return {
    id: Number(row.audit_id),
    at: row.at,
    actor: row.actor,
    action: row.action,
    target: row.target,
    details: JSON.parse(row.details_json) as Record<string, unknown>,
  };
}
