// Per-trainee call aggregates (table trainee_call_stats): written on every change to a trainee's completed calls
// (scored, overridden, commented on), read by the trainer and admin dashboards in one narrow row per trainee instead
// of every call. The SQL (stats-sql.ts) is the one source of truth; migration 0009 runs the same SELECT as its backfill and
// `stats.test.ts` checks both against the values computed from the call results (callKpis, weakestSkills, the
// review count).
import { eq, getTableColumns, sql, sum } from 'drizzle-orm';
import { db, sqlite } from '$lib/server/db';
import { inIds } from '$lib/server/db/in-ids';
import { lazy } from '$lib/server/db/lazy';
import { traineeAssessmentStats, traineeCallStats, traineeScenarioStats } from '$lib/server/db/schema/calls';
import { SCORE_SECTION_LABELS } from '$lib/domain/call/score-sections';
import type { CallKpis, SkillAverage } from '$lib/domain/certification/kpis';
import { ASSESSMENT_STATS_SELECT, CALL_STATS_COLUMNS as COLUMNS, CALL_STATS_SELECT, MONTH_STATS_COLUMNS, MONTH_STATS_SELECT, SCENARIO_STATS_COLUMNS, SCENARIO_STATS_SELECT } from './stats-sql';

type Statement = ReturnType<typeof sqlite.prepare>;
let refreshOne: { del: Statement; ins: Statement; delAssessment: Statement; insAssessment: Statement; delMonths: Statement; insMonths: Statement } | null = null;

/** Rewrites one trainee's rows (all their calls, their assessment calls, per month; over that trainee's calls, by index). */
export function refreshCallStats(userId: number): void {
	refreshOne ??= {
		del: sqlite.prepare('DELETE FROM trainee_call_stats WHERE user_id = ?'),
		ins: sqlite.prepare(`INSERT INTO trainee_call_stats (${COLUMNS}) ${CALL_STATS_SELECT} AND c.user_id = ? GROUP BY c.user_id`),
		delAssessment: sqlite.prepare('DELETE FROM trainee_assessment_stats WHERE user_id = ?'),
		insAssessment: sqlite.prepare(`INSERT INTO trainee_assessment_stats (${COLUMNS}) ${ASSESSMENT_STATS_SELECT} AND c.user_id = ? GROUP BY c.user_id`),
		delMonths: sqlite.prepare('DELETE FROM trainee_month_stats WHERE user_id = ?'),
		insMonths: sqlite.prepare(`INSERT INTO trainee_month_stats (${MONTH_STATS_COLUMNS}) ${MONTH_STATS_SELECT} AND c.user_id = ? GROUP BY 1, 2`)
	};
	const { del, ins, delAssessment, insAssessment, delMonths, insMonths } = refreshOne;
	sqlite.transaction(() => {
		del.run(userId);
		ins.run(userId);
		// The same over their assessment calls (the per-trainee report).
		delAssessment.run(userId);
		insAssessment.run(userId);
		// The monthly aggregates of the cohort targets' counters and trend, from the same rows.
		delMonths.run(userId);
		insMonths.run(userId);
	})();
}

export type CallStatsRow = typeof traineeCallStats.$inferSelect;

// One trainee's row (their home page) and many trainees' rows (a trainer's cohorts: ids as one JSON array), prepared
// once. Every column is a number, so better-sqlite3's rows under the schema's names are the rows drizzle would map.
const callStatsOfOne = lazy(() => db.select().from(traineeCallStats).where(eq(traineeCallStats.userId, sql.placeholder('userId'))).prepare());
const callStatsOfMany = lazy(() =>
	sqlite.prepare<[string], CallStatsRow>(
		`select ${Object.entries(getTableColumns(traineeCallStats))
			.map(([key, column]) => `"${column.name}" as "${key}"`)
			.join(', ')} from "trainee_call_stats" where user_id in (select value from json_each(?))`
	)
);

export function callStatsFor(userIds: readonly number[]): Map<number, CallStatsRow> {
	if (userIds.length === 0) return new Map();
	const rows = userIds.length === 1 ? callStatsOfOne().all({ userId: userIds[0] }) : callStatsOfMany().all(JSON.stringify(userIds));
	return new Map(rows.map((r) => [r.userId, r]));
}

const avg = (total: number, n: number) => (n ? total / n : null);

type KpiRow = Pick<CallStatsRow, 'userId' | 'calls' | 'totalSum' | 'handleSum' | 'acwSum' | 'holdSum' | 'fcrKnown' | 'fcrYes'>;
// The KPI columns of these trainees' rows (a page of a cohort matrix): better-sqlite3 builds an object per row per
// column, so the matrix reads these eight, not all 21.
const kpiRowsOf = lazy(() =>
	sqlite.prepare<[string], KpiRow>(
		`select user_id as userId, calls, total_sum as totalSum, handle_sum as handleSum, acw_sum as acwSum, hold_sum as holdSum,
		        fcr_known as fcrKnown, fcr_yes as fcrYes
		   from "trainee_call_stats" where user_id in (select value from json_each(?))`
	)
);

/** These trainees' KPIs (trainees without a completed call have none), from the KPI columns of their rows. */
export function kpisFor(userIds: readonly number[]): Map<number, CallKpis> {
	return new Map(userIds.length ? kpiRowsOf().all(JSON.stringify(userIds)).map((r) => [r.userId, kpisOf(r)]) : []);
}

/** The home-page KPIs of one trainee (same shape and values as callKpis over their call results). */
export function kpisOf(row: KpiRow | undefined): CallKpis {
	if (!row) return { calls: 0, averageScore: null, averageHandleSeconds: null, averageAcwSeconds: null, averageHoldSeconds: null, firstContactResolution: null };
	return {
		calls: row.calls,
		averageScore: avg(row.totalSum, row.calls),
		averageHandleSeconds: avg(row.handleSum, row.calls),
		averageAcwSeconds: avg(row.acwSum, row.calls),
		averageHoldSeconds: avg(row.holdSum, row.calls),
		firstContactResolution: row.fcrKnown ? row.fcrYes / row.fcrKnown : null
	};
}

const SECTION_COLUMNS = [
	['accuracy', 'accuracySum', 'accuracyN'],
	['completeness', 'completenessSum', 'completenessN'],
	['consistency', 'consistencySum', 'consistencyN'],
	['etiquette', 'etiquetteSum', 'etiquetteN'],
	['angerControl', 'angerControlSum', 'angerControlN'],
	['afterCallWork', 'afterCallWorkSum', 'afterCallWorkN']
] as const;

type SectionSums = Pick<CallStatsRow, (typeof SECTION_COLUMNS)[number][1 | 2]>;
// The section sums over a set of trainees' rows, added up in SQLite: one row, whatever the number of trainees.
const sectionSumsOf = lazy(() =>
	sqlite.prepare<[string], SectionSums>(
		`select ${SECTION_COLUMNS.flatMap(([, s, n]) => [s, n])
			.map((key) => `coalesce(sum("${getTableColumns(traineeCallStats)[key].name}"), 0) as "${key}"`)
			.join(', ')} from "trainee_call_stats" where user_id in (select value from json_each(?))`
	)
);

/** Average per score section over these trainees' calls, weakest first (weakestSkillsOf their rows, summed in SQL). */
export function weakestSkillsOfTrainees(userIds: readonly number[]): SkillAverage[] {
	return userIds.length ? weakestSkillsOf([sectionSumsOf().get(JSON.stringify(userIds))!]) : [];
}

/** Average per score section over the trainees' calls, weakest first (same values as weakestSkills). */
export function weakestSkillsOf(rows: Iterable<SectionSums>): SkillAverage[] {
	const sums = new Map<string, { total: number; n: number }>();
	for (const row of rows) {
		for (const [skill, s, n] of SECTION_COLUMNS) {
			if (!row[n]) continue;
			const acc = sums.get(skill) ?? { total: 0, n: 0 };
			acc.total += row[s];
			acc.n += row[n];
			sums.set(skill, acc);
		}
	}
	return [...sums.entries()]
		.map(([skill, { total, n }]) => ({ skill, label: (SCORE_SECTION_LABELS as Record<string, string>)[skill] ?? skill, average: total / n, calls: n }))
		.sort((a, b) => a.average - b.average || a.skill.localeCompare(b.skill));
}

// The trainees of a trainer's cohorts (visibleTraineeIds for a trainer), but the trainer: their rows summed in SQLite.
const toReviewOfTrainer = lazy(() =>
	sqlite.prepare<[number, number], { n: number }>(
		`select coalesce(sum(s.to_review), 0) as n from "cohorts" c join "users" u on u.cohort_id = c.id join "trainee_call_stats" s on s.user_id = u.id
		  where c.trainer_id = ? and u.id <> ? and exists (select 1 from "user_roles" r where r.user_id = u.id and r.role = 'trainee')`
	)
);

// Every trainee's rows summed, kept as one row by the triggers of migration 0027 (organisation_totals).
const organisationToReview = lazy(() => sqlite.prepare<[], number>("select n from \"organisation_totals\" where name = 'calls_to_review'").pluck());

/**
 * Calls of these trainees waiting for review (one sum over their rows); `allTrainees`: every trainee's, one row kept by triggers;
 * `{ trainer }` the rows of the trainees in the cohorts that trainer leads, but their own.
 */
export function callsToReview(userIds: readonly number[] | 'allTrainees' | { trainer: number }): number {
	if (typeof userIds === 'object' && 'trainer' in userIds) return toReviewOfTrainer().get(userIds.trainer, userIds.trainer)?.n ?? 0;
	if (userIds === 'allTrainees') return organisationToReview().get() ?? 0;
	if (userIds.length === 0) return 0;
	const row = db.select({ n: sum(traineeCallStats.toReview) }).from(traineeCallStats).where(inIds(traineeCallStats.userId, userIds)).get();
	return Number(row?.n ?? 0);
}

let refreshScenarios: { del: ReturnType<typeof sqlite.prepare>; ins: ReturnType<typeof sqlite.prepare> } | null = null;

/** Rewrites one trainee's rows of trainee_scenario_stats (attempts and best total per scenario), by index. */
export function refreshScenarioStats(userId: number): void {
	refreshScenarios ??= {
		del: sqlite.prepare('DELETE FROM trainee_scenario_stats WHERE user_id = ?'),
		ins: sqlite.prepare(
			`INSERT INTO trainee_scenario_stats (${SCENARIO_STATS_COLUMNS}) ${SCENARIO_STATS_SELECT} AND c.user_id = ? GROUP BY c.user_id, c.scenario_slug`
		)
	};
	const { del, ins } = refreshScenarios;
	sqlite.transaction(() => {
		del.run(userId);
		ins.run(userId);
	})();
}

const scenarioStatsOfOne = lazy(() =>
	db
		.select({ slug: traineeScenarioStats.scenarioSlug, attempts: traineeScenarioStats.attempts, best: traineeScenarioStats.best })
		.from(traineeScenarioStats)
		.where(eq(traineeScenarioStats.userId, sql.placeholder('userId')))
		.prepare()
);

/** One trainee's scored attempts and best total per scenario slug (one primary-key range read). */
export function scenarioStatsOf(userId: number): Map<string, { attempts: number; best: number }> {
	const rows = scenarioStatsOfOne().all({ userId });
	return new Map(rows.map((r) => [r.slug, { attempts: r.attempts, best: r.best }]));
}

const assessmentStatsOfOne = lazy(() => db.select().from(traineeAssessmentStats).where(eq(traineeAssessmentStats.userId, sql.placeholder('userId'))).prepare());

/** One trainee's aggregates over their assessment calls (undefined without one): one primary-key read. */
export function assessmentStatsOf(userId: number): CallStatsRow | undefined {
	return assessmentStatsOfOne().get({ userId });
}
