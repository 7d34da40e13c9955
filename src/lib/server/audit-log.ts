// Reading the append-only audit log: filtered pages for the viewer and the CSV export.
// (Writing is recordAudit in ./audit; nothing here or anywhere updates or deletes entries.)
import { and, asc, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { db } from './db';
import { auditLog } from './db/schema/audit';
import { users } from './db/schema/users';
import type { AuditFilter } from '$lib/schemas/audit';
import { toCsv } from './csv';
import { m } from '$lib/paraglide/messages';

export const AUDIT_PAGE_SIZE = 50;
const DAY_MS = 86_400_000;

function where(f: AuditFilter): SQL | undefined {
	const conds: SQL[] = [];
	if (f.actor !== undefined) conds.push(eq(auditLog.actorId, f.actor));
	if (f.action) conds.push(eq(auditLog.action, f.action));
	if (f.entityType) conds.push(eq(auditLog.entityType, f.entityType));
	if (f.entityId) conds.push(eq(auditLog.entityId, f.entityId));
	if (f.from) conds.push(gte(auditLog.at, new Date(`${f.from}T00:00:00Z`)));
	if (f.to) conds.push(lt(auditLog.at, new Date(new Date(`${f.to}T00:00:00Z`).getTime() + DAY_MS)));
	return conds.length ? and(...conds) : undefined;
}

const columns = {
	id: auditLog.id,
	at: auditLog.at,
	actorId: auditLog.actorId,
	actorName: users.name,
	action: auditLog.action,
	entityType: auditLog.entityType,
	entityId: auditLog.entityId,
	before: auditLog.before,
	after: auditLog.after
};

const entries = (f: AuditFilter) => db.select(columns).from(auditLog).leftJoin(users, eq(users.id, auditLog.actorId)).where(where(f));

export type AuditRow = { id: number; at: Date; actorId: number | null; actorName: string | null; action: string; entityType: string; entityId: string | null; before: unknown; after: unknown };

export function auditPage(f: AuditFilter): { rows: AuditRow[]; total: number; page: number; pages: number } {
	const total = db.select({ n: sql<number>`count(*)` }).from(auditLog).where(where(f)).get()!.n;
	const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
	const page = Math.min(f.page ?? 1, pages);
	const rows = entries(f)
		.orderBy(desc(auditLog.at), desc(auditLog.id))
		.limit(AUDIT_PAGE_SIZE)
		.offset((page - 1) * AUDIT_PAGE_SIZE)
		.all();
	return { rows, total, page, pages };
}

/** Distinct values for the filter drop-downs. */
export function auditFacets() {
	return {
		actions: db.selectDistinct({ v: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action)).all().map((r) => r.v),
		entityTypes: db.selectDistinct({ v: auditLog.entityType }).from(auditLog).orderBy(asc(auditLog.entityType)).all().map((r) => r.v),
		actors: db
			.selectDistinct({ id: users.id, name: users.name })
			.from(auditLog)
			.innerJoin(users, eq(users.id, auditLog.actorId))
			.orderBy(asc(users.name))
			.all()
	};
}

export function auditCsv(f: AuditFilter): string {
	const rows = entries(f).orderBy(asc(auditLog.at), asc(auditLog.id)).all();
	const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));
	return toCsv(
		[m.csv_audit_when(), m.csv_audit_actor(), m.csv_audit_actor_id(), m.csv_audit_action(), m.csv_audit_entity(), m.csv_audit_entity_id(), m.csv_audit_before(), m.csv_audit_after()],
		rows.map((r) => [r.at, r.actorName ?? (r.actorId === null ? 'system' : `user ${r.actorId}`), r.actorId, r.action, r.entityType, r.entityId, json(r.before), json(r.after)])
	);
}
