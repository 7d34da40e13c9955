// Certificate queries: public verification, a holder's certificates, the admin list, revocation.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { certificates } from '$lib/server/db/schema/certification';
import { users } from '$lib/server/db/schema/users';
import { recordAudit } from '$lib/server/audit';
import { certificateStatus, type CertificateStatus } from '$lib/domain/certification/status';
import { VERIFY_CODE_PATTERN } from '$lib/schemas/certification';
import type { CertificateRow } from './issue';
import { storeProgress } from './progress';

export interface PublicCertificate {
	/** The code as printed (upper case), whatever case it was typed in. */
	code: string;
	holderName: string;
	programmeTitle: string;
	issuedAt: Date;
	expiresAt: Date | null;
	status: CertificateStatus;
}

// Prepared on first use (not at import: the build imports this module without a migrated database).
let byCode: ReturnType<typeof prepareByCode> | null = null;
function prepareByCode() {
	return db
		.select({
			holderName: certificates.holderName,
			programmeTitle: certificates.programmeTitle,
			issuedAt: certificates.issuedAt,
			expiresAt: certificates.expiresAt,
			revokedAt: certificates.revokedAt
		})
		.from(certificates)
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
	return {
		code: normalised,
		holderName: row.holderName,
		programmeTitle: row.programmeTitle,
		issuedAt: row.issuedAt,
		expiresAt: row.expiresAt,
		status: certificateStatus(row, now)
	};
}

export function getCertificate(id: number): CertificateRow | undefined {
	return db.select().from(certificates).where(eq(certificates.id, id)).get();
}

export function certificatesOf(userId: number): CertificateRow[] {
	return db.select().from(certificates).where(eq(certificates.userId, userId)).orderBy(desc(certificates.issuedAt)).all();
}

/** A holder's certificates, newest first, as dashboards and reports list them. */
export function certificateViews(userId: number, now = new Date()) {
	return certificatesOf(userId).map((c) => ({
		id: c.id,
		code: c.code,
		programmeTitle: c.programmeTitle,
		issuedAt: c.issuedAt,
		expiresAt: c.expiresAt,
		revokedReason: c.revokedReason,
		status: certificateStatus(c, now)
	}));
}

export type CertificateView = ReturnType<typeof certificateViews>[number];

/** The latest cycle of every holder × programme, narrow (the admin overview). Index: certificates_user_programme_cycle. */
export function latestCertificates() {
	return db
		.select({
			id: certificates.id,
			userId: certificates.userId,
			programmeId: certificates.programmeId,
			holderName: certificates.holderName,
			programmeTitle: certificates.programmeTitle,
			expiresAt: certificates.expiresAt,
			revokedAt: certificates.revokedAt
		})
		.from(certificates)
		.where(
			sql`${certificates.cycle} = (select max(c2.cycle) from ${certificates} c2 where c2.user_id = ${certificates.userId} and c2.programme_id = ${certificates.programmeId})`
		)
		.all();
}
export type LatestCertificate = ReturnType<typeof latestCertificates>[number];

export type CertificateListRow = CertificateRow & { holderEmail: string; cohortId: number | null };

export function allCertificates(): CertificateListRow[] {
	return db
		.select({ cert: certificates, holderEmail: users.email, cohortId: users.cohortId })
		.from(certificates)
		.innerJoin(users, eq(users.id, certificates.userId))
		.orderBy(desc(certificates.issuedAt))
		.all()
		.map((r) => ({ ...r.cert, holderEmail: r.holderEmail, cohortId: r.cohortId }));
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
			before: { status: certificateStatus({ ...row, revokedAt: null }, now), holder: row.holderName, programme: row.programmeTitle },
			after: { status: 'revoked', reason }
		},
		now
	);
	storeProgress([row.userId], now); // the dashboards' stored progress shows the revocation
	return true;
}
