// Append-only audit trail for money movement and privilege changes (guideline 2.2e: who, when, why, how, what).
import { db } from '../db/client';

export interface AuditEntry {
  actor: string;
  action: 'refund' | 'payout' | 'role-change' | 'key-rotation';
  target: string;
  reason: string;
  details?: Record<string, unknown>;
}

export const auditLog = {
  async record(entry: AuditEntry & { ip?: string }): Promise<void> {
    await db.query(
      'INSERT INTO audit_log (actor, action, target, reason, ip, details, at) VALUES ($1, $2, $3, $4, $5, $6, now())',
      [entry.actor, entry.action, entry.target, entry.reason, entry.ip ?? null, JSON.stringify(entry.details ?? {})],
    );
  },
};
