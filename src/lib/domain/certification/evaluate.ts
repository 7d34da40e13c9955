// Evaluates a trainee's evidence against programme rules: per-requirement progress (for visual
// counters such as "2 of 3 calls"), eligibility, re-certification and which certificates to issue.

import type { CallEvidence, HeldCertificate, TraineeEvidence } from './evidence';
import { orderByPhases, type CallRequirement, type ProgrammeDefinition } from './rules';
import {
	certificateStatus,
	expiryFor,
	isInForce,
	renewalWindowStart,
	type CertificateStatus
} from './status';

export type RequirementProgress =
	| {
			kind: 'course';
			key: string;
			courseSlug: string;
			done: number;
			required: 1;
			met: boolean;
			/** Must be (re)done inside the current re-certification window. */
			redo: boolean;
	  }
	| {
			kind: 'calls';
			key: string;
			requirement: CallRequirement;
			done: number;
			required: number;
			met: boolean;
			redo: boolean;
			/** Ids of the calls that count, best first. */
			callIds: string[];
	  }
	| {
			kind: 'prerequisite';
			key: string;
			programmeSlug: string;
			done: number;
			required: 1;
			met: boolean;
			redo: false;
	  };

export const PROGRAMME_STATES = [
	'in-progress',
	'eligible',
	'certified',
	'renewal-due',
	'expired',
	'revoked'
] as const;
export type ProgrammeState = (typeof PROGRAMME_STATES)[number];

/**
 * The one requirement counter shown on the dashboard, the trainee report PDF and the progress CSV:
 * it counts listed requirements (a "3 passed calls" item is one requirement), so "n of m" always
 * matches the list beside it.
 */
export function countRequirements(items: readonly Pick<RequirementProgress, 'met'>[]): { done: number; required: number } {
	return { done: items.filter((i) => i.met).length, required: items.length };
}

export interface ProgrammeEvaluation {
	programmeSlug: string;
	state: ProgrammeState;
	/** The cycle the next certificate would have (1 for the first, 2 for the first re-certification…). */
	nextCycle: number;
	/** Evidence for "redo" items only counts from this moment (null = any time). */
	since: Date | null;
	items: RequirementProgress[];
	done: number;
	required: number;
	/** Every requirement is met and nothing blocks issuing the next certificate now. */
	eligible: boolean;
	/** Latest certificate for this programme, with its status. */
	current: (HeldCertificate & { status: CertificateStatus }) | null;
}

function latestCertificate(held: HeldCertificate[], programmeSlug: string): HeldCertificate | null {
	let latest: HeldCertificate | null = null;
	for (const c of held) {
		if (c.programmeSlug === programmeSlug && (!latest || c.cycle > latest.cycle)) latest = c;
	}
	return latest;
}

export function callQualifies(call: CallEvidence, req: CallRequirement): boolean {
	if (call.total < req.minScore) return false;
	if (req.minRecordAccuracy !== null && (call.recordAccuracy ?? -1) < req.minRecordAccuracy) return false;
	if (req.angryOnly && !call.angryStart) return false;
	if (req.scenarios.length && !req.scenarios.includes(call.scenarioSlug)) return false;
	return true;
}

export function evaluateProgramme(
	programme: ProgrammeDefinition,
	evidence: TraineeEvidence,
	held: HeldCertificate[],
	now: Date
): ProgrammeEvaluation {
	const { rules } = programme;
	const latest = latestCertificate(held, programme.slug);
	const status = latest ? certificateStatus(latest, now) : null;

	// Re-certification: once the window opens (or the certificate expired), the "redo" items only
	// count with evidence from the window start; other items stay done from earlier cycles.
	const renewing = status === 'expiring' || status === 'expired';
	const since = renewing && latest?.expiresAt ? renewalWindowStart(latest.expiresAt) : null;
	const countsFrom = (redo: boolean, at: Date | null) =>
		!redo || since === null || (at !== null && at.getTime() >= since.getTime());

	const items: RequirementProgress[] = [];
	for (const pre of rules.prerequisites) {
		const met = held.some((c) => c.programmeSlug === pre && isInForce(c, now));
		items.push({ kind: 'prerequisite', key: `pre:${pre}`, programmeSlug: pre, done: met ? 1 : 0, required: 1, met, redo: false });
	}
	for (const slug of rules.courses) {
		const redo = since !== null && rules.recertify.courses.includes(slug);
		const course = evidence.courses.find((c) => c.slug === slug);
		const met = !!course?.passed && countsFrom(redo, course.completedAt);
		items.push({ kind: 'course', key: `course:${slug}`, courseSlug: slug, done: met ? 1 : 0, required: 1, met, redo });
	}
	rules.calls.forEach((req, i) => {
		const redo = since !== null && rules.recertify.calls;
		const qualifying = evidence.calls
			.filter((c) => callQualifies(c, req) && countsFrom(redo, c.endedAt))
			.sort((a, b) => b.total - a.total);
		const done = Math.min(qualifying.length, req.count);
		items.push({
			kind: 'calls',
			key: `calls:${i}`,
			requirement: req,
			done,
			required: req.count,
			met: qualifying.length >= req.count,
			redo,
			callIds: qualifying.slice(0, req.count).map((c) => c.id)
		});
	});

	const allMet = items.every((i) => i.met);
	let state: ProgrammeState;
	if (status === 'revoked') state = 'revoked';
	else if (status === 'valid') state = 'certified';
	else if (allMet) state = 'eligible';
	else if (status === 'expiring') state = 'renewal-due';
	else if (status === 'expired') state = 'expired';
	else state = 'in-progress';

	return {
		programmeSlug: programme.slug,
		state,
		nextCycle: latest ? latest.cycle + 1 : 1,
		since,
		items,
		...countRequirements(items),
		eligible: state === 'eligible',
		current: latest && status ? { ...latest, status } : null
	};
}

export interface Issuance {
	programmeSlug: string;
	cycle: number;
}

/**
 * Evaluates every programme in phase order. A programme that becomes eligible is treated as issued
 * right away, so a later phase that needs it can be issued in the same pass.
 * Revoked certificates block automatic re-issue for that programme; an admin decides what happens next.
 */
export function evaluateAll(
	programmes: ProgrammeDefinition[],
	evidence: TraineeEvidence,
	held: HeldCertificate[],
	now: Date
): { evaluations: ProgrammeEvaluation[]; issue: Issuance[] } {
	const heldSoFar = [...held];
	const evaluations: ProgrammeEvaluation[] = [];
	const issue: Issuance[] = [];
	for (const programme of orderByPhases(programmes)) {
		const evaluation = evaluateProgramme(programme, evidence, heldSoFar, now);
		evaluations.push(evaluation);
		if (evaluation.eligible) {
			issue.push({ programmeSlug: programme.slug, cycle: evaluation.nextCycle });
			heldSoFar.push({
				programmeSlug: programme.slug,
				cycle: evaluation.nextCycle,
				issuedAt: now,
				expiresAt: expiryFor(now, programme.rules.validityMonths),
				revokedAt: null
			});
		}
	}
	return { evaluations, issue };
}

/** What a holder must redo to re-certify, in words the UI can list. */
export function recertificationPlan(programme: ProgrammeDefinition): { courses: string[]; calls: CallRequirement[] } {
	return {
		courses: programme.rules.recertify.courses,
		calls: programme.rules.recertify.calls ? programme.rules.calls : []
	};
}
