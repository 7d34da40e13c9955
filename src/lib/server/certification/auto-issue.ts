// Automatic issuance: evaluateAndIssue(userId) is called when evidence changes — a course is completed, a call
// is scored or re-scored, rules change — and never while a page is read (a GET writes nothing).
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema/users';
import { recordAudit } from '$lib/server/audit';
import { loadEvidence, loadEvidenceForUsers } from './evidence';
import type { TraineeEvidence } from '$lib/domain/certification/evidence';
import { issueEligible, type CertificateRow } from './issue';
import { storeProgress } from './progress';
import type { ProgrammeEvaluation } from '$lib/domain/certification/evaluate';

export function evaluateAndIssue(
	userId: number,
	now = new Date(),
	preloaded?: { name: string; active: boolean; evidence: TraineeEvidence }
): { evaluations: ProgrammeEvaluation[]; issued: CertificateRow[] } {
	const user = preloaded ?? db.select({ name: users.name, active: users.active }).from(users).where(eq(users.id, userId)).get();
	if (!user || !user.active) return { evaluations: [], issued: [] };
	const evidence = preloaded?.evidence ?? loadEvidence(userId);
	const result = issueEligible(db, {
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
	// The dashboards' stored progress, evaluated again now that any new certificate is held.
	storeProgress([userId], now, new Map([[userId, evidence]]));
	return result;
}

/**
 * For the completion hooks in other features (course completed, call scored, score overridden): a
 * certification failure must not fail the trainee's course or call, so it is logged instead; the
 * next evidence change (or rule change) issues anything missed.
 */
export function evaluateAndIssueSafely(userId: number, now = new Date()): void {
	try {
		evaluateAndIssue(userId, now);
	} catch (e) {
		console.error(`[certification] issuing for user ${userId} failed; the dashboard will retry`, e);
	}
}

/**
 * Re-evaluates every active user (after a rule change): new certificates only, nothing revoked. Evidence is read
 * in bulk, a few hundred users per query, instead of one set of queries per user.
 */
export function evaluateAndIssueForAll(now = new Date()): CertificateRow[] {
	const active = db.select({ id: users.id, name: users.name }).from(users).where(eq(users.active, true)).all();
	const issued: CertificateRow[] = [];
	for (let i = 0; i < active.length; i += EVIDENCE_BATCH) {
		const batch = active.slice(i, i + EVIDENCE_BATCH);
		const evidence = loadEvidenceForUsers(batch.map((u) => u.id));
		for (const u of batch) {
			issued.push(...evaluateAndIssue(u.id, now, { name: u.name, active: true, evidence: evidence.get(u.id)! }).issued);
		}
	}
	return issued;
}

const EVIDENCE_BATCH = 250;
