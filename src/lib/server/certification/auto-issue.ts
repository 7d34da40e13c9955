// Automatic issuance: evaluateAndIssue(userId) is called when a course is completed, when a call
// ends or is re-scored, when rules change and on dashboard load (safety net).
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema/users';
import { recordAudit } from '$lib/server/audit';
import { loadEvidence } from './evidence';
import { issueEligible, type CertificateRow } from './issue';
import type { ProgrammeEvaluation } from '$lib/domain/certification/evaluate';

export function evaluateAndIssue(
	userId: number,
	now = new Date()
): { evaluations: ProgrammeEvaluation[]; issued: CertificateRow[] } {
	const user = db.select({ name: users.name, active: users.active }).from(users).where(eq(users.id, userId)).get();
	if (!user || !user.active) return { evaluations: [], issued: [] };
	const evidence = loadEvidence(userId);
	return issueEligible(db, {
		userId,
		holderName: user.name,
		evidence,
		now,
		onIssued: (cert) =>
			recordAudit(
				{
					actorId: null,
					action: 'certificate.issue',
					entityType: 'certificate',
					entityId: cert.id,
					after: { userId, programme: cert.programmeTitle, programmeVersion: cert.programmeVersion, cycle: cert.cycle, expiresAt: cert.expiresAt }
				},
				now
			)
	});
}

/**
 * For the completion hooks in other features (course completed, call scored, score overridden): a
 * certification failure must not fail the trainee's course or call, so it is logged instead; the
 * dashboard's safety net issues anything missed on the next load.
 */
export function evaluateAndIssueSafely(userId: number, now = new Date()): void {
	try {
		evaluateAndIssue(userId, now);
	} catch (e) {
		console.error(`[certification] issuing for user ${userId} failed; the dashboard will retry`, e);
	}
}

/** Re-evaluates every active user (after a rule change): new certificates only, nothing revoked. */
export function evaluateAndIssueForAll(now = new Date()): CertificateRow[] {
	const ids = db.select({ id: users.id }).from(users).where(eq(users.active, true)).all();
	const issued: CertificateRow[] = [];
	for (const { id } of ids) issued.push(...evaluateAndIssue(id, now).issued);
	return issued;
}
