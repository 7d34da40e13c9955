// Cohort targets: storing a month's targets, and the cohort's actual figures per month from stored aggregates
// (trainee_month_stats for calls and record accuracy, certificates for those held) — a few indexed queries per
// cohort whatever the number of calls; no call row or JSON is read.
import { db, sqlite } from '$lib/server/db';
import { lazy } from '$lib/server/db/lazy';
import { keptPerKeyUntilChange } from '$lib/server/db/generation';
import { cohortTargets } from '$lib/server/db/schema/targets';
import { recordAudit } from '$lib/server/audit';
import { cohortTrainees } from '$lib/server/assignments/assignments';
import { overdueUpdateClause } from '$lib/server/retraining/progress';
import { lastMonths, monthEnd, monthOf, TARGET_METRICS, type Actuals, type TargetMetric, type Targets } from '$lib/domain/targets/targets';

const NO_TARGETS: Targets = { assessmentCalls: null, recordAccuracy: null, certificates: null };

// The trainer home reads these for every cohort it shows: prepared once, lists as JSON arrays, rows straight from
// better-sqlite3 (every column read is a number or the month's text).
const targetRows = lazy(() =>
	sqlite.prepare<[number, string], { month: string; assessmentCalls: number | null; recordAccuracy: number | null; certificates: number | null }>(
		`select month, assessment_calls as assessmentCalls, record_accuracy as recordAccuracy, certificates from "cohort_targets"
		  where cohort_id = ? and month in (select value from json_each(?))`
	)
);
const monthSums = lazy(() =>
	sqlite.prepare<[string, string], { month: string; calls: number; acc: number; n: number }>(
		`select month, sum(assessment_calls) as calls, sum(accuracy_sum) as acc, sum(accuracy_n) as n from "trainee_month_stats"
		  where user_id in (select value from json_each(?)) and month in (select value from json_each(?)) group by month`
	)
);

/** Targets of a cohort for the given months (months without a row: none set). */
export function targetsFor(cohortId: number, months: string[]): Map<string, Targets> {
	const rows = targetRows().all(cohortId, JSON.stringify(months));
	const out = new Map(months.map((m) => [m, { ...NO_TARGETS }]));
	for (const r of rows) out.set(r.month, { assessmentCalls: r.assessmentCalls, recordAccuracy: r.recordAccuracy, certificates: r.certificates });
	return out;
}

export function setTargets(cohortId: number, month: string, targets: Targets, actorId: number, now = new Date()): void {
	const before = targetsFor(cohortId, [month]).get(month);
	db.insert(cohortTargets)
		.values({ cohortId, month, ...targets, setBy: actorId, updatedAt: now })
		.onConflictDoUpdate({ target: [cohortTargets.cohortId, cohortTargets.month], set: { ...targets, setBy: actorId, updatedAt: now } })
		.run();
	recordAudit({ actorId, action: 'cohort.targets', entityType: 'cohort', entityId: cohortId, before: { month, ...before }, after: { month, ...targets } }, now);
}

const heldAt = lazy(() =>
	sqlite.prepare<[{ ids: string; at: number }], { n: number }>(
		`select count(distinct c.user_id) as n from certificates c
		  where c.user_id in (select value from json_each(@ids)) and c.issued_at < @at
		    and (c.expires_at is null or c.expires_at > @at) and (c.revoked_at is null or c.revoked_at > @at)
		    and not exists (select 1 from certificate_updates cu join retraining_notes n on n.id = cu.note_id
		                     where cu.certificate_id = c.id and ${overdueUpdateClause('@at')})`
	)
);

const heldAtTime = (ids: string, at: Date) => heldAt().get({ ids, at: at.getTime() })?.n ?? 0;
// A past month's count reads certificates, retraining updates and notes, and calls by holders with an update, at a
// fixed moment (the month's end): it changes only when one of those is written, which moves the certificate_status
// counter (migration 0026). Kept per (month, trainees) until then: a cohort's targets page
// (/trainer/assignments/[cohort]) shows five past months. This month's count is at "now" and read every time (the trainer
// home reads only this month's).
const heldAtPastMonth = keptPerKeyUntilChange<number>('certificate_status', 2_000);

/**
 * The cohort's figures per month for its current active trainees: assessment calls completed, average record accuracy
 * (null without a scored call), and trainees holding a certificate in force at the month's end (now for this month; a
 * certificate lapsed then by an overdue retraining update is not in force).
 */
export function actualsFor(traineeIds: number[], months: string[], now = new Date()): Map<string, Actuals> {
	const out = new Map<string, Actuals>(months.map((m) => [m, { assessmentCalls: 0, recordAccuracy: null, certificates: 0 }]));
	if (!traineeIds.length) return out;
	// Added up in SQLite: one row per month, whatever the number of trainees.
	const sums = new Map(monthSums().all(JSON.stringify(traineeIds), JSON.stringify(months)).map((r) => [r.month, r]));
	const ids = JSON.stringify(traineeIds);
	const current = monthOf(now);
	for (const month of months) {
		const s = sums.get(month);
		const at = month === current ? now : monthEnd(month);
		out.set(month, {
			assessmentCalls: s?.calls ?? 0,
			recordAccuracy: s && s.n ? Math.round((s.acc / s.n) * 10) / 10 : null,
			certificates: month === current ? heldAtTime(ids, at) : heldAtPastMonth(`${at.getTime()} ${ids}`, () => heldAtTime(ids, at))
		});
	}
	return out;
}

export interface TargetMonth {
	month: string;
	targets: Targets;
	actuals: Actuals;
}

export interface CohortTargetsView {
	trainees: number;
	/** Oldest first; the last one is the current month. */
	months: TargetMonth[];
}

export function cohortTargetsView(cohortId: number, now = new Date()): CohortTargetsView {
	const months = lastMonths(now);
	const trainees = cohortTrainees(cohortId).map((t) => t.id);
	const targets = targetsFor(cohortId, months);
	const actuals = actualsFor(trainees, months, now);
	return { trainees: trainees.length, months: months.map((month) => ({ month, targets: targets.get(month)!, actuals: actuals.get(month)! })) };
}

/** The current month's targets, or (none set yet) the latest month's before it, as the form's starting values. */
export function suggestedTargets(view: CohortTargetsView): Targets {
	const set = (t: Targets) => TARGET_METRICS.some((k: TargetMetric) => t[k] !== null);
	const latest = [...view.months].reverse().find((m) => set(m.targets));
	return latest ? latest.targets : { ...NO_TARGETS };
}

/** One cohort's targets and figures for the month of `now` (the trainer home's counters). */
export function currentMonthTargets(cohortId: number, traineeIds: number[], now = new Date()): TargetMonth {
	const month = monthOf(now);
	return { month, targets: targetsFor(cohortId, [month]).get(month)!, actuals: actualsFor(traineeIds, [month], now).get(month)! };
}
