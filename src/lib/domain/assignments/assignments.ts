// Assignments: what a trainer asks a cohort (or some of its trainees) to do by a due date, and how far each trainee
// got. Pure rules: the server counts the evidence, these functions turn counts into a status and counter text.

import { CALL_MODES, type CallMode } from '../call-lifecycle';
import { m } from '../../paraglide/messages';
import { formatDigits } from '../../i18n/format';

export const ASSIGNMENT_KINDS = ['course', 'scenario', 'programme'] as const;
export type AssignmentKind = (typeof ASSIGNMENT_KINDS)[number];
/** Getters over messages/*.json: reading one gives the current interface language. */
export const ASSIGNMENT_KIND_LABELS: Record<AssignmentKind, string> = {
	get course() {
		return m.assignment_kind_course();
	},
	get scenario() {
		return m.assignment_kind_scenario();
	},
	get programme() {
		return m.assignment_kind_programme();
	}
};

/** A scenario is assigned for practice (any call counts) or as an assessment (assessment calls only), at or above the minimum score. */
export const SCENARIO_MODES = CALL_MODES;
export type ScenarioMode = CallMode;
export const SCENARIO_MODE_LABELS: Record<ScenarioMode, string> = {
	get practice() {
		return m.assignment_mode_practice();
	},
	get assessment() {
		return m.assignment_mode_assessment();
	}
};

/** Why an assignment exists: a trainer set it, or a significant content update asks certificate holders to retrain. */
export const ASSIGNMENT_REASONS = ['assigned', 'retraining'] as const;
export type AssignmentReason = (typeof ASSIGNMENT_REASONS)[number];

export const MAX_ASSIGNED_CALLS = 50;

export const ASSIGNMENT_STATUSES = ['done', 'in-progress', 'not-started', 'overdue'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export const ASSIGNMENT_STATUS_LABELS: Record<AssignmentStatus, string> = {
	get done() {
		return m.assignment_status_done();
	},
	get 'in-progress'() {
		return m.assignment_status_in_progress();
	},
	get 'not-started'() {
		return m.assignment_status_not_started();
	},
	get overdue() {
		return m.assignment_status_overdue();
	}
};

/** What one trainee has done towards one assignment, as counted by the server. */
export interface AssignmentEvidence {
	/** Scenario: completed calls at or above the minimum score since the assignment was made. */
	goodCalls: number;
	/** Any sign of work since the assignment was made (a call, a lesson read, a quiz). */
	started: boolean;
	/** Course passed / certificate in force (for scenarios: goodCalls reached callCount). */
	complete: boolean;
}

export interface AssignmentTerms {
	kind: AssignmentKind;
	callCount: number | null;
	minScore: number | null;
	dueAt: Date;
}

export function isDone(terms: AssignmentTerms, ev: AssignmentEvidence): boolean {
	return terms.kind === 'scenario' ? ev.goodCalls >= (terms.callCount ?? 1) : ev.complete;
}

/** done wins; otherwise overdue once the due moment has passed; otherwise in progress or not started. */
export function assignmentStatus(terms: AssignmentTerms, ev: AssignmentEvidence, now: Date): AssignmentStatus {
	if (isDone(terms, ev)) return 'done';
	if (now.getTime() > terms.dueAt.getTime()) return 'overdue';
	return ev.started || ev.goodCalls > 0 ? 'in-progress' : 'not-started';
}

/** "3 of 5 calls ≥ 80" for scenarios; null for courses and programmes (they are done or not). */
export function callCounter(terms: AssignmentTerms, ev: AssignmentEvidence): string | null {
	if (terms.kind !== 'scenario') return null;
	const need = terms.callCount ?? 1;
	const min = terms.minScore ?? 0;
	const shown = Math.min(ev.goodCalls, need);
	const counts = { shown: formatDigits(shown), need: formatDigits(need) };
	return (need === 1 ? m.asg_counter_one(counts) : m.asg_counter_other(counts)) + (min > 0 ? m.asg_counter_min({ min: formatDigits(min) }) : '');
}

/** "7 of 12 trainees done". */
export function doneCounter(done: number, total: number): string {
	const counts = { done: formatDigits(done), total: formatDigits(total) };
	return total === 1 ? m.asg_done_one(counts) : m.asg_done_other(counts);
}

/** A due date typed as YYYY-MM-DD is due at the end of that day (UTC). */
export function dueAtFromDate(date: string): Date {
	return new Date(`${date}T23:59:59.999Z`);
}

export function isoDay(d: Date): string {
	return d.toISOString().slice(0, 10);
}

/** Whole days from now to the due moment, rounded down (negative once overdue). */
export function daysLeft(dueAt: Date, now: Date): number {
	return Math.floor((dueAt.getTime() - now.getTime()) / 86_400_000);
}

/** What the trainee is asked to do, in words. */
export function describeAssignment(
	a: { kind: AssignmentKind; mode: ScenarioMode | null; callCount: number | null; minScore: number | null; reason?: AssignmentReason },
	title: string
): string {
	// A retraining course is done by reading its changed lessons again (the course was passed already).
	if (a.kind === 'course' && a.reason === 'retraining') return m.asg_desc_retrain({ title });
	if (a.kind === 'course') return m.asg_desc_course({ title });
	if (a.kind === 'programme') return m.asg_desc_programme({ title });
	const n = a.callCount ?? 1;
	const words = { mode: SCENARIO_MODE_LABELS[a.mode === 'assessment' ? 'assessment' : 'practice'], n: formatDigits(n), title };
	const min = a.minScore ?? 0;
	return (n === 1 ? m.asg_desc_calls_one(words) : m.asg_desc_calls_other(words)) + (min > 0 ? m.asg_desc_min({ min: formatDigits(min) }) : '');
}

/** Order for a trainee's "To do": unfinished first, soonest due first; finished ones last. */
export function byDueDate<T extends { status: AssignmentStatus; dueAt: Date }>(a: T, b: T): number {
	const doneA = a.status === 'done' ? 1 : 0;
	const doneB = b.status === 'done' ? 1 : 0;
	return doneA - doneB || a.dueAt.getTime() - b.dueAt.getTime();
}
