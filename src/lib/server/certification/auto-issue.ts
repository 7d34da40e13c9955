// Automatic issuance: evaluateAndIssue(userId) is called when evidence changes — a course is completed, a call
// is scored or re-scored, rules change — and never while a page is read (a GET writes nothing).
import { and, desc, eq, inArray, or } from 'drizzle-orm';
import { setImmediate as yieldToRequests } from 'node:timers/promises';
import { db } from '$lib/server/db';
import { userRoles, users } from '$lib/server/db/schema/users';
import { auditLog } from '$lib/server/db/schema/audit';
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
	if (!user) return { evaluations: [], issued: [] };
	const evidence = preloaded?.evidence ?? loadEvidence(userId);
	if (!user.active) {
		// A deactivated account is issued nothing, but its stored progress follows its evidence (a trainer's override on
		// an old call): the progress CSV lists deactivated trainees from those rows.
		storeProgress([userId], now, new Map([[userId, evidence]]));
		return { evaluations: [], issued: [] };
	}
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

/** Users whose evidence is read in one go (a few queries per batch instead of a set per user). */
const EVIDENCE_BATCH = 250;

/** The audit action written when a background re-evaluation has gone through every active user and every trainee. */
export const REEVALUATED = 'certification.reevaluate';

/** The id of the newest programme audit row (a programme created or changed): the rules a pass must cover. */
function lastRuleChange(): number {
	return db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.entityType, 'programme')).orderBy(desc(auditLog.id)).limit(1).get()?.id ?? 0;
}

let running: Promise<number> | null = null;
let again = false;

/**
 * Re-evaluates every active user, and stores the progress of deactivated trainees (issuing them nothing), off the
 * request (after a programme is saved or a course published): a batch of users at a time with the
 * event loop free between batches, so pages keep answering. Calls while one runs are folded into one more pass.
 * When a pass ends it writes a `certification.reevaluate` audit row; start-up runs a pass if a rule change is newer
 * than that row (the app stopped mid-way), so no eligible trainee is missed. Resolves to the certificates issued.
 */
export function reevaluateInBackground(): Promise<number> {
	if (running) {
		again = true;
		return running;
	}
	running = (async () => {
		let issued = 0;
		do {
			again = false;
			const upTo = lastRuleChange();
			try {
				const n = await evaluateAllInBatches();
				issued += n;
				recordAudit({ actorId: null, action: REEVALUATED, entityType: 'certification', entityId: null, after: { issued: n, upTo } });
			} catch (e) {
				console.error('[certification] background re-evaluation failed; it runs again at the next start or rule change', e);
				break;
			}
		} while (again);
		return issued;
	})().finally(() => {
		running = null;
	});
	return running;
}

/** The background pass under way, if any (tests await it). */
export function reevaluationRunning(): Promise<number> | null {
	return running;
}

async function evaluateAllInBatches(): Promise<number> {
	// Deactivated trainees as well: the progress CSV lists them from their stored rows, which a course publish or a rule
	// change makes stale.
	const everyone = db
		.select({ id: users.id, name: users.name, active: users.active })
		.from(users)
		.where(or(eq(users.active, true), inArray(users.id, db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, 'trainee')))))
		.all();
	let issued = 0;
	for (let i = 0; i < everyone.length; i += EVIDENCE_BATCH) {
		await yieldToRequests();
		const batch = everyone.slice(i, i + EVIDENCE_BATCH);
		const evidence = loadEvidenceForUsers(batch.map((u) => u.id));
		const now = new Date();
		for (const u of batch) issued += evaluateAndIssue(u.id, now, { name: u.name, active: u.active, evidence: evidence.get(u.id)! }).issued.length;
	}
	return issued;
}

/** True when a programme changed after the rules the last finished pass covered (start-up then resumes). */
export function reevaluationPending(): boolean {
	const done = db
		.select({ after: auditLog.after })
		.from(auditLog)
		.where(and(eq(auditLog.entityType, 'certification'), eq(auditLog.action, REEVALUATED)))
		.orderBy(desc(auditLog.id))
		.limit(1)
		.get();
	const covered = (done?.after as { upTo?: number } | null)?.upTo ?? 0;
	return lastRuleChange() > covered;
}
