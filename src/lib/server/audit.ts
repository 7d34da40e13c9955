// Writes the append-only audit log. Call it from every admin/trainer action that changes something.
import { db } from './db';
import { auditLog } from './db/schema/audit';

export interface AuditEntry {
	actorId: number | null;
	action: string; // e.g. 'user.create', 'cohort.rename', 'course.publish', 'score.override', 'certificate.revoke'
	entityType: string; // e.g. 'user', 'cohort', 'course', 'call', 'certificate'
	entityId?: string | number | null;
	before?: unknown;
	after?: unknown;
}

export function recordAudit(entry: AuditEntry, at = new Date()): void {
	db.insert(auditLog)
		.values({
			at,
			actorId: entry.actorId,
			action: entry.action,
			entityType: entry.entityType,
			entityId: entry.entityId == null ? null : String(entry.entityId),
			before: entry.before ?? null,
			after: entry.after ?? null
		})
		.run();
}
