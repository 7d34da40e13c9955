// Certificate queries: public verification, a holder's certificates, the admin list, revocation.
import { and, count, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { lazy } from '$lib/server/db/lazy';
import { certificates } from '$lib/server/db/schema/certification';
import { users } from '$lib/server/db/schema/users';
import { recordAudit } from '$lib/server/audit';
import { certificateStatus, EXPIRING_SOON_DAYS, type CertificateStatus } from '$lib/domain/certification/status';
import { BASE_LOCALE, type Locale } from '$lib/i18n/locales';
import { VERIFY_CODE_PATTERN } from '$lib/schemas/certification';
import type { CertificateRow } from './issue';
import { storeProgress } from './progress';
import { isLatestCycle } from './latest-cycle';
import { retrainingOverdueSql, updatesDue } from '$lib/server/retraining/progress';

export interface PublicCertificate {
	/** The code as printed (upper case), whatever case it was typed in. */
	code: string;
	holderName: string;
	programmeTitle: string;
	issuedAt: Date;
	expiresAt: Date | null;
	status: CertificateStatus;
	/** Lapsed: the due date of the retraining update that is overdue (shown as the reason it is not in force). */
	lapsedSince: Date | null;
	/** The holder's interface language: the certificate PDF is printed in it. */
	language: Locale;
}

// Prepared on first use (not at import: the build imports this module without a migrated database).
let byCode: ReturnType<typeof prepareByCode> | null = null;
function prepareByCode() {
	return db
		.select({
			id: certificates.id,
			holderName: certificates.holderName,
			programmeTitle: certificates.programmeTitle,
			issuedAt: certificates.issuedAt,
			expiresAt: certificates.expiresAt,
			revokedAt: certificates.revokedAt,
			holderLocale: users.locale
		})
		.from(certificates)
		.leftJoin(users, eq(users.id, certificates.userId))
		.where(eq(certificates.code, sql.placeholder('code')))
		.prepare();
}

/**
 * What the public verify page may show, and nothing more. Well-formed codes always cost one indexed
 * lookup whether they exist or not, so a miss is not measurably faster than a hit.
 */
export function verifyCertificate(code: string, now = new Date()): PublicCertificate | null {
	const normalised = code.trim().toUpperCase();
	if (!VERIFY_CODE_PATTERN.test(normalised)) return null;
	byCode ??= prepareByCode();
	const row = byCode.get({ code: normalised });
	if (!row) return null;
	const [c] = withStatus([row], now);
	return {
		code: normalised,
		holderName: row.holderName,
		programmeTitle: row.programmeTitle,
		issuedAt: row.issuedAt,
		expiresAt: row.expiresAt,
		status: c.status,
		lapsedSince: c.status === 'lapsed' ? c.updateDue!.dueAt : null,
		language: row.holderLocale ?? BASE_LOCALE
	};
}

/**
 * Certificates with their status and open retraining update (the soonest not completed), one read for all rows:
 * a certificate whose update is past its due date is lapsed until the update is completed. Nothing is written.
 */
export function withStatus<T extends { id: number; expiresAt: Date | null; revokedAt: Date | null }>(rows: T[], now: Date) {
	const updates = updatesDue(
		rows.map((r) => r.id),
		now
	);
	return rows.map((r) => {
		const updateDue = updates.get(r.id) ?? null;
		return { ...r, updateDue, status: certificateStatus({ expiresAt: r.expiresAt, revokedAt: r.revokedAt, retrainingDueAt: updateDue?.dueAt }, now) };
	});
}

export function getCertificate(id: number): CertificateRow | undefined {
	return db.select().from(certificates).where(eq(certificates.id, id)).get();
}

export function certificatesOf(userId: number): CertificateRow[] {
	return certificatesOfOne().all({ userId });
}
const certificatesOfOne = lazy(() =>
	db.select().from(certificates).where(eq(certificates.userId, sql.placeholder('userId'))).orderBy(desc(certificates.issuedAt)).prepare()
);

/** A holder's certificates, newest first, as dashboards and reports list them. */
export function certificateViews(userId: number, now = new Date()) {
	return withStatus(certificatesOf(userId), now).map((c) => ({
		id: c.id,
		code: c.code,
		programmeTitle: c.programmeTitle,
		issuedAt: c.issuedAt,
		expiresAt: c.expiresAt,
		revokedReason: c.revokedReason,
		status: c.status,
		/** Retraining after a significant content change; the certificate lapses when it is overdue. */
		updateDue: c.updateDue
	}));
}

export type CertificateView = ReturnType<typeof certificateViews>[number];

/**
 * SQL condition for one certificate status at `now` (the same boundaries as certificateStatus; tested against it).
 * Written as ranges on expires_at (the window's start `expires_at - W <= now` as `expires_at <= now + W`), so a
 * status filter can walk certificates_expires_idx.
 */
export function statusCondition(status: CertificateStatus, now: Date) {
	const t = now.getTime();
	const windowEnd = t + EXPIRING_SOON_DAYS * 86_400_000;
	const lapsed = retrainingOverdueSql(certificates.id, now);
	switch (status) {
		case 'revoked':
			return isNotNull(certificates.revokedAt);
		case 'expired':
			return sql`${certificates.revokedAt} is null and ${certificates.expiresAt} <= ${t}`;
		case 'lapsed':
			return sql`${certificates.revokedAt} is null and (${certificates.expiresAt} is null or ${certificates.expiresAt} > ${t}) and ${lapsed}`;
		case 'expiring':
			return sql`${certificates.revokedAt} is null and ${certificates.expiresAt} > ${t} and ${certificates.expiresAt} <= ${windowEnd} and not ${lapsed}`;
		case 'valid':
			return sql`${certificates.revokedAt} is null and (${certificates.expiresAt} is null or ${certificates.expiresAt} > ${windowEnd}) and not ${lapsed}`;
	}
}

/** In force at `now` (isInForce: valid or expiring; not lapsed). */
export function inForceCondition(now: Date) {
	return sql`${certificates.revokedAt} is null and (${certificates.expiresAt} is null or ${certificates.expiresAt} > ${now.getTime()}) and not ${retrainingOverdueSql(certificates.id, now)}`;
}

export { isLatestCycle } from './latest-cycle';

export interface CertificateFilter {
	q?: string;
	status?: CertificateStatus;
	programmeId?: number;
}

function certificateConditions(f: CertificateFilter, now: Date) {
	const conds = [];
	if (f.status) conds.push(statusCondition(f.status, now));
	if (f.programmeId) conds.push(eq(certificates.programmeId, f.programmeId));
	if (f.q) {
		const q = `%${f.q.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
		conds.push(sql`(${certificates.holderName} || ' ' || ${users.email} || ' ' || ${certificates.code}) like ${q} escape '\\'`);
	}
	return conds.length ? and(...conds) : undefined;
}

/** How many certificates match the admin list's filters. */
export function countCertificates(f: CertificateFilter, now: Date): number {
	return db.select({ n: count() }).from(certificates).innerJoin(users, eq(users.id, certificates.userId)).where(certificateConditions(f, now)).get()?.n ?? 0;
}

/** One page of the admin's certificate list, newest first, filtered in SQL. */
export function certificatesPage(f: CertificateFilter, now: Date, page: { limit: number; offset: number }): CertificateListRow[] {
	return db
		.select({ cert: certificates, holderEmail: users.email, cohortId: users.cohortId })
		.from(certificates)
		.innerJoin(users, eq(users.id, certificates.userId))
		.where(certificateConditions(f, now))
		.orderBy(desc(certificates.issuedAt), desc(certificates.id))
		.limit(page.limit)
		.offset(page.offset)
		.all()
		.map((r) => ({ ...r.cert, holderEmail: r.holderEmail, cohortId: r.cohortId }));
}

export type CertificateListRow = CertificateRow & { holderEmail: string; cohortId: number | null };

/** One page of every certificate, newest first, after `last` (exported for its query-plan test). */
export function certificateBatchQuery(last: { issuedAt: Date; id: number } | undefined, batch: number) {
	// a row-value comparison, so SQLite starts the index scan at the last row instead of filtering from the top
	const before = last ? sql`(${certificates.issuedAt}, ${certificates.id}) < (${last.issuedAt.getTime()}, ${last.id})` : undefined;
	return db
		.select({ cert: certificates, holderEmail: users.email, cohortId: users.cohortId })
		.from(certificates)
		.innerJoin(users, eq(users.id, certificates.userId))
		.where(before)
		.orderBy(desc(certificates.issuedAt), desc(certificates.id))
		.limit(batch);
}

/**
 * Every certificate, newest first, `batch` rows per query: keyset pagination on (issued_at, id)
 * (certificates_issued_idx carries the rowid), so each query costs the same however far the export is and
 * memory holds one batch.
 */
export function* certificateBatches(batch = 500): Generator<CertificateListRow[]> {
	let last: { issuedAt: Date; id: number } | undefined;
	for (;;) {
		const rows = certificateBatchQuery(last, batch)
			.all()
			.map((r) => ({ ...r.cert, holderEmail: r.holderEmail, cohortId: r.cohortId }));
		if (rows.length === 0) return;
		yield rows;
		if (rows.length < batch) return;
		const end = rows[rows.length - 1];
		last = { issuedAt: end.issuedAt, id: end.id };
	}
}

/** Revokes a certificate in force and audits it; false when it does not exist or was already revoked. */
export function revokeCertificate(id: number, reason: string, actorId: number, now = new Date()): boolean {
	const row = db
		.update(certificates)
		.set({ revokedAt: now, revokedReason: reason, revokedBy: actorId })
		.where(and(eq(certificates.id, id), isNull(certificates.revokedAt)))
		.returning()
		.get();
	if (!row) return false;
	recordAudit(
		{
			actorId,
			action: 'certificate.revoke',
			entityType: 'certificate',
			entityId: id,
			before: { status: withStatus([{ ...row, revokedAt: null }], now)[0].status, holder: row.holderName, programme: row.programmeTitle },
			after: { status: 'revoked', reason }
		},
		now
	);
	storeProgress([row.userId], now); // the dashboards' stored progress shows the revocation
	return true;
}
