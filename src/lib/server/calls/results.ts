// Results of finished practice calls, after trainer overrides.
//
// STABLE CONTRACT (read by certification rules and KPI reports — keep it backwards compatible):
//   getCallResults(userId: number): CallResultSummary[]
//     Completed calls of that user (after-call work done, scored), newest first. Fields:
//     - callId, scenarioSlug, scenarioTitle
//     - angryStart: the caller started upset (scenario anger.start >= its calmBelow threshold)
//     - total: weighted total 0–100 after overrides
//     - sections: { accuracy, completeness, consistency, etiquette, angerControl, afterCallWork } each 0–100
//       after overrides (keys: SCORE_SECTIONS in $lib/domain/call/score-sections)
//     - recordAccuracy: mean credit of the checked CRM fields, 0–100
//     - endedAt: Date the call ended; handleSeconds: answer → hang-up; acwSeconds: hang-up → after-call work done
//     - holdSeconds: time on hold; resolvedFirstContact: logged Resolved/Closed and not transferred
//     - overridden: whether a trainer changed any section score
//     - mode: 'practice' (live coaching; certification ignores it) or 'assessment' (the default; certification counts it)
import { and, asc, count, desc, eq, inArray, isNotNull, notExists, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { lazy } from '$lib/server/db/lazy';
import { callComments, calls, callScoreOverrides } from '$lib/server/db/schema/calls';
import { users } from '$lib/server/db/schema/users';
import type { Scenario } from '$lib/schemas/scenario';
import type { CallScore } from '$lib/scoring/types';
import { replayConsequences } from '$lib/scoring/consequences';
import type { ScoreSection } from '$lib/domain/call';
import type { CallKpis } from '$lib/domain/call-kpis';
import type { CallMode } from '$lib/domain/call-lifecycle';
import type { CallRow } from './service';
import type { CallResultView, ResultPageView } from '$lib/sim/result-view';
import { timelineRows } from '$lib/sim/timeline-rows';
import { loadCrmRecord, loadEvents } from './timeline';
import { callOutcomeSummary } from '$lib/domain/call/outbound';
import { applyOverrides, overridesOf } from './scoring';
import { callStatsFor, callsToReview } from './stats';
import { callClockMs, recordingInfo } from '$lib/server/recordings/store';
import { toneWordsOf } from './tone-words';

export interface CallResultSummary {
	callId: string;
	scenarioSlug: string;
	scenarioTitle: string;
	angryStart: boolean;
	total: number;
	sections: Record<ScoreSection, number>;
	recordAccuracy: number;
	endedAt: Date;
	handleSeconds: number;
	acwSeconds: number;
	holdSeconds: number;
	resolvedFirstContact: boolean;
	overridden: boolean;
	mode: CallMode;
}

const seconds = (from: Date | null, to: Date | null) =>
	from && to ? Math.max(0, Math.round((to.getTime() - from.getTime()) / 100) / 10) : 0;

export function angryStart(scenario: Pick<Scenario, 'anger'>): boolean {
	return scenario.anger.start >= scenario.anger.calmBelow;
}

/** A call's result computed from its score and scenario JSON (the one-call pages; the stored results equal it). */
export function summarise(call: CallRow): CallResultSummary | null {
	if (call.state !== 'completed' || !call.score || !call.endedAt) return null;
	const scenario = call.scenarioSnapshot as Scenario;
	const score = call.score as CallScore;
	const overrides = overridesOf(call.id);
	const { sections, total } = applyOverrides(score, overrides);
	const kpis = (call.kpis as CallKpis | null) ?? { holdSeconds: 0, resolvedFirstContact: false, recordAccuracy: 0 };
	return {
		callId: call.id,
		scenarioSlug: call.scenarioSlug,
		scenarioTitle: scenario.title,
		angryStart: angryStart(scenario),
		total,
		sections,
		recordAccuracy: kpis.recordAccuracy,
		endedAt: call.endedAt,
		handleSeconds: seconds(call.startedAt, call.endedAt),
		acwSeconds: seconds(call.endedAt, call.acwEndedAt),
		holdSeconds: kpis.holdSeconds,
		resolvedFirstContact: kpis.resolvedFirstContact,
		overridden: overrides.length > 0,
		mode: call.mode
	};
}

/**
 * A user's completed calls from the stored results (narrow columns written when the call was scored and at every
 * override): one indexed query, no score or scenario JSON parsed, no query per call.
 */
export function getCallResults(userId: number, limit?: number): CallResultSummary[] {
	return getCallResultsFor([userId], limit).get(userId) ?? [];
}

const resultColumns = {
	userId: calls.userId,
	callId: calls.id,
	scenarioSlug: calls.scenarioSlug,
	scenarioTitle: calls.scenarioTitle,
	angryStart: calls.angryStart,
	total: calls.total,
	sections: calls.sectionScores,
	kpis: calls.kpis,
	startedAt: calls.startedAt,
	endedAt: calls.endedAt,
	acwEndedAt: calls.acwEndedAt,
	overridden: calls.overridden,
	mode: calls.mode
};
const scoredCall = [eq(calls.state, 'completed'), isNotNull(calls.total), isNotNull(calls.sectionScores), isNotNull(calls.endedAt)];
// One user's results (their home page, certification of one trainee): prepared once.
const resultsOfOne = lazy(() =>
	db
		.select(resultColumns)
		.from(calls)
		.where(and(eq(calls.userId, sql.placeholder('userId')), ...scoredCall))
		.orderBy(desc(calls.endedAt))
		.limit(sql.placeholder('limit'))
		.prepare()
);

// One user's assessment results, newest first (the per-trainee report's recent calls): by the (user_id, state,
// ended_at) index, the few practice calls among them skipped.
const assessmentResultsOfOne = lazy(() =>
	db
		.select(resultColumns)
		.from(calls)
		.where(and(eq(calls.userId, sql.placeholder('userId')), eq(calls.mode, 'assessment'), ...scoredCall))
		.orderBy(desc(calls.endedAt))
		.limit(sql.placeholder('limit'))
		.prepare()
);

type ResultRow = ReturnType<ReturnType<typeof resultsOfOne>['all']>[number];

function toSummary(r: ResultRow): CallResultSummary | null {
	if (r.total === null || !r.sections || !r.endedAt) return null;
	const kpis = (r.kpis as CallKpis | null) ?? { holdSeconds: 0, resolvedFirstContact: false, recordAccuracy: 0 };
	return {
		callId: r.callId,
		scenarioSlug: r.scenarioSlug,
		scenarioTitle: r.scenarioTitle ?? r.scenarioSlug,
		angryStart: !!r.angryStart,
		total: r.total,
		sections: r.sections as Record<ScoreSection, number>,
		recordAccuracy: kpis.recordAccuracy,
		endedAt: r.endedAt,
		handleSeconds: seconds(r.startedAt, r.endedAt),
		acwSeconds: seconds(r.endedAt, r.acwEndedAt),
		holdSeconds: kpis.holdSeconds,
		resolvedFirstContact: kpis.resolvedFirstContact,
		overridden: !!r.overridden,
		mode: r.mode
	};
}

/**
 * Completed calls of several users at once (one query), newest first per user. `limit` caps the rows of the whole
 * query (meant for one user: their newest `limit` results, read by the (user_id, state, ended_at) index).
 */
export function getCallResultsFor(userIds: readonly number[], limit?: number): Map<number, CallResultSummary[]> {
	const out = new Map<number, CallResultSummary[]>();
	if (userIds.length === 0) return out;
	const rows =
		userIds.length === 1
			? resultsOfOne().all({ userId: userIds[0], limit: limit ?? -1 })
			: db
					.select(resultColumns)
					.from(calls)
					.where(and(inArray(calls.userId, [...userIds]), ...scoredCall))
					.orderBy(desc(calls.endedAt))
					.limit(limit ?? -1)
					.all();
	for (const r of rows) {
		const summary = toSummary(r);
		if (!summary) continue;
		const list = out.get(r.userId);
		if (list) list.push(summary);
		else out.set(r.userId, [summary]);
	}
	return out;
}

/** One user's newest `limit` completed, scored assessment calls (the calls certification counts), newest first. */
export function getAssessmentResultsOf(userId: number, limit: number): CallResultSummary[] {
	return assessmentResultsOfOne()
		.all({ userId, limit })
		.map(toSummary)
		.filter((r): r is CallResultSummary => r !== null);
}

/** Everything the results page and GET /api/calls/:id/result show about one completed call. */
export function callResultView(call: CallRow): CallResultView | null {
	const timeline = loadEvents(call.id);
	const rest = resultWithout(call, timeline);
	return rest && { ...rest, timeline, toneWords: toneWordsOf(call.id, timeline) };
}

/** The same for the results page and the trainer's review: the timeline as compact rows (see ResultPageView). */
export function callResultPage(call: CallRow, allLines = false): ResultPageView | null {
	const timeline = loadEvents(call.id);
	const rest = resultWithout(call, timeline);
	return rest && { ...rest, lines: timelineRows(timeline, toneWordsOf(call.id, timeline)), allLines };
}

const traineeName = lazy(() => db.select({ name: users.name }).from(users).where(eq(users.id, sql.placeholder('id'))).prepare());

function resultWithout(call: CallRow, timeline: ReturnType<typeof loadEvents>): Omit<CallResultView, 'timeline' | 'toneWords'> | null {
	const summary = summarise(call);
	if (!summary) return null;
	const scenario = call.scenarioSnapshot as Scenario;
	const trainee = traineeName().get({ id: call.userId });
	const outcome = callOutcomeSummary(scenario);
	return {
		callId: call.id,
		mode: call.mode,
		traineeName: trainee?.name ?? 'Unknown',
		endedAt: summary.endedAt,
		total: summary.total,
		sections: summary.sections,
		handleSeconds: summary.handleSeconds,
		acwSeconds: summary.acwSeconds,
		holdSeconds: summary.holdSeconds,
		scenario: {
			slug: scenario.slug,
			title: scenario.title,
			company: scenario.company,
			difficulty: scenario.difficulty,
			learningGoals: scenario.learningGoals
		},
		score: call.score as CallScore,
		consequences: replayConsequences(scenario, (call.score as CallScore).fields, timeline.map((e) => e.event)),
		overrides: overrideHistory(call.id),
		comments: commentsOf(call.id),
		recording: recordingInfo(call.id, callClockMs(call)),
		outcome: outcome && { ...outcome, entered: loadCrmRecord(call.id)?.interaction.status || null }
	};
}

/** Every override of the call, oldest first, with who made it (shown to the trainee too). */
export function overrideHistory(callId: string) {
	return overrideHistoryOf().all({ callId });
}
const overrideHistoryOf = lazy(() =>
	db
		.select({
			id: callScoreOverrides.id,
			section: callScoreOverrides.section,
			oldScore: callScoreOverrides.oldScore,
			newScore: callScoreOverrides.newScore,
			reason: callScoreOverrides.reason,
			createdAt: callScoreOverrides.createdAt,
			trainerName: users.name
		})
		.from(callScoreOverrides)
		.innerJoin(users, eq(callScoreOverrides.trainerId, users.id))
		.where(eq(callScoreOverrides.callId, sql.placeholder('callId')))
		.orderBy(asc(callScoreOverrides.id))
		.prepare()
);

export function commentsOf(callId: string) {
	return commentsOfCall().all({ callId });
}
const commentsOfCall = lazy(() =>
	db
		.select({ id: callComments.id, body: callComments.body, atMs: callComments.atMs, createdAt: callComments.createdAt, authorName: users.name })
		.from(callComments)
		.innerJoin(users, eq(callComments.authorId, users.id))
		.where(eq(callComments.callId, sql.placeholder('callId')))
		.orderBy(asc(callComments.id))
		.prepare()
);

/** Which of these calls a trainer has already reviewed (commented on or re-scored). */
export function reviewedCallIds(callIds: string[]): Set<string> {
	if (callIds.length === 0) return new Set();
	const commented = db.select({ id: callComments.callId }).from(callComments).where(inArray(callComments.callId, callIds)).all();
	const rescored = db.select({ id: callScoreOverrides.callId }).from(callScoreOverrides).where(inArray(callScoreOverrides.callId, callIds)).all();
	return new Set([...commented, ...rescored].map((r) => r.id));
}

/** Home-dashboard figures: a trainee's recent calls and averages; a trainer's calls waiting for review. */
export function callsDashboard(user: { id: number; roles: readonly string[] }, visibleTrainees: number[] | 'allTrainees' | 'myCohorts') {
	// The trainee's own count and average from their stored aggregates (trainee_call_stats), the last call by index.
	const stats = user.roles.includes('trainee') ? callStatsFor([user.id]).get(user.id) : undefined;
	const last = stats ? getCallResults(user.id, 1)[0] : undefined;
	let toReview: number | null = null;
	if (user.roles.includes('trainer') || user.roles.includes('admin')) {
		// One sum over the visible trainees' stored aggregates (trainee_call_stats), not a count over their calls; the
		// user's own calls (a trainer who also trains) are not theirs to review.
		toReview = callsToReview(
			visibleTrainees === 'allTrainees'
				? 'allTrainees'
				: visibleTrainees === 'myCohorts'
					? { trainer: user.id }
					: visibleTrainees.filter((id) => id !== user.id)
		);
		if (visibleTrainees === 'allTrainees' && stats) toReview -= stats.toReview;
	}
	return {
		completed: stats?.calls ?? 0,
		average: stats?.calls ? Math.round((stats.totalSum / stats.calls) * 10) / 10 : null,
		last: last ? { callId: last.callId, title: last.scenarioTitle, total: last.total } : null,
		toReview
	};
}
