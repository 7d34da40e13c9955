// Scores a finished call with the pure scorer and stores the score, then the section scores and total after the
// trainer's overrides (the latest override of a section wins).
import { asc, eq, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { lazy } from '$lib/server/db/lazy';
import { calls, callScoreOverrides } from '$lib/server/db/schema/calls';
import { users } from '$lib/server/db/schema/users';
import { scoreCall, totalWithOverrides } from '$lib/scoring';
import type { CallScore } from '$lib/scoring/types';
import type { Scenario } from '$lib/schemas/scenario';
import { recordFromTimeline, type ScoreSection } from '$lib/domain/call';
import { callKpis } from '$lib/domain/call-kpis';
import { scenarioOf } from './scenario-snapshots';
import { loadEvents } from './timeline';
import { refreshCallStats, refreshScenarioStats } from './stats';

export interface SectionOverride {
	section: string;
	newScore: number;
}

/** Section scores and weighted total with overrides applied (the latest override of a section wins). */
export function applyOverrides(
	score: CallScore,
	overrides: readonly SectionOverride[]
): { sections: Record<ScoreSection, number>; total: number } {
	const latest: Partial<Record<ScoreSection, number>> = {};
	for (const o of overrides) latest[o.section as ScoreSection] = o.newScore;
	const sections = Object.fromEntries(score.sections.map((s) => [s.section, latest[s.section] ?? s.score])) as Record<ScoreSection, number>;
	return { sections, total: overrides.length ? totalWithOverrides(score, latest) : score.total };
}

export function overridesOf(callId: string) {
	return overridesOfCall().all({ callId });
}
const overridesOfCall = lazy(() =>
	db.select().from(callScoreOverrides).where(eq(callScoreOverrides.callId, sql.placeholder('callId'))).orderBy(asc(callScoreOverrides.id)).prepare()
);

/**
 * The stored results of a call (after scoring, and after each override): section scores and total after
 * overrides, the scenario's title, whether the caller started upset and whether it was overridden. Lists and
 * dashboards read these columns instead of the score and scenario JSON.
 */
export function refreshTotals(callId: string): void {
	const row = db.select({ userId: calls.userId, score: calls.score, scenario: calls.scenarioSnapshot }).from(calls).where(eq(calls.id, callId)).get();
	if (!row?.score) return;
	const overrides = overridesOf(callId);
	const { sections, total } = applyOverrides(row.score as CallScore, overrides);
	const scenario = row.scenario as Scenario;
	db.update(calls)
		.set({
			sectionScores: sections,
			total,
			scenarioTitle: scenario.title,
			angryStart: scenario.anger.start >= scenario.anger.calmBelow,
			overridden: overrides.length > 0
		})
		.where(eq(calls.id, callId))
		.run();
	refreshCallStats(row.userId);
	refreshScenarioStats(row.userId);
}

/** Score the stored timeline of a completed call. Deterministic: the same timeline gives the same score. */
export function scoreStoredCall(callId: string): CallScore {
	const call = db.select().from(calls).where(eq(calls.id, callId)).get();
	if (!call) throw new Error(`no call ${callId}`);
	const trainee = db.select({ name: users.name }).from(users).where(eq(users.id, call.userId)).get();
	const events = loadEvents(callId).map((e) => e.event);
	const score = scoreCall(scenarioOf(call), events, { traineeName: trainee?.name });
	const kpis = callKpis(
		events,
		recordFromTimeline(events).record,
		score.fields.map((f) => f.credit)
	);
	db.update(calls).set({ score, kpis }).where(eq(calls.id, callId)).run();
	refreshTotals(callId);
	return score;
}
