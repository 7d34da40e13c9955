// Reading the append-only audit log: filtered pages for the viewer and the CSV export.
// (Writing is recordAudit in ./audit; nothing here or anywhere updates or deletes entries.)
import { and, asc, desc, eq, gt, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { db } from './db';
import { auditLog } from './db/schema/audit';
import { users } from './db/schema/users';
import type { AuditFilter } from '$lib/schemas/audit';
import { csvStream, toCsv, type CsvCell } from './csv';
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

export const AUDIT_EXPORT_BATCH = 1000;

const auditCsvHeader = () => [m.csv_audit_when(), m.csv_audit_actor(), m.csv_audit_actor_id(), m.csv_audit_action(), m.csv_audit_entity(), m.csv_audit_entity_id(), m.csv_audit_before(), m.csv_audit_after()];

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));
const auditCsvRow = (r: AuditRow): CsvCell[] => [r.at, r.actorName ?? (r.actorId === null ? 'system' : `user ${r.actorId}`), r.actorId, r.action, r.entityType, r.entityId, json(r.before), json(r.after)];

/**
 * The filtered entries oldest first, `batch` rows per query: keyset pagination on (at, id) (audit_at_idx carries
 * the rowid), so each query costs the same however far into the log it is and memory holds one batch.
 */
export function* auditCsvBatches(f: AuditFilter, batch = AUDIT_EXPORT_BATCH): Generator<CsvCell[][]> {
	let last: { at: Date; id: number } | undefined;
	for (;;) {
		const after = last ? or(gt(auditLog.at, last.at), and(eq(auditLog.at, last.at), gt(auditLog.id, last.id))) : undefined;
		const rows = db
			.select(columns)
			.from(auditLog)
			.leftJoin(users, eq(users.id, auditLog.actorId))
			.where(and(where(f), after))
			.orderBy(asc(auditLog.at), asc(auditLog.id))
			.limit(batch)
			.all();
		if (rows.length === 0) return;
		yield rows.map(auditCsvRow);
		if (rows.length < batch) return;
		const end = rows[rows.length - 1];
		last = { at: end.at, id: end.id };
	}
}

/** The whole export as one string (small logs, tests); the download streams auditCsvStream instead. */
export function auditCsv(f: AuditFilter): string {
	return toCsv(auditCsvHeader(), [...auditCsvBatches(f)].flat());
}

/** The export streamed batch by batch; the header is translated now, in the request's locale. */
export function auditCsvStream(f: AuditFilter, batch = AUDIT_EXPORT_BATCH): ReadableStream<Uint8Array> {
	return csvStream(auditCsvHeader(), auditCsvBatches(f, batch));
}
