// Per-trainee call aggregates: written on scoring, override and comment; equal to the KPIs, weakest skills and
// review count computed from every call; the migration's backfill reproduces them exactly; the queries use indexes.
import { beforeAll, describe, expect, it } from 'vitest';
import { migrationStatement } from '$lib/server/db/migration-statement';
import { and, count, eq, inArray, notExists } from 'drizzle-orm';
import { createCohort, createUser, updateUser } from '$lib/server/db/queries/users';
import { importContentScenarios } from '$lib/server/scenarios/versions';
import { playScriptedCall } from '$lib/server/certification/demo-work';
import { db, sqlite } from '$lib/server/db';
import { callComments, calls, traineeCallStats } from '$lib/server/db/schema/calls';
import { userRoles, users } from '$lib/server/db/schema/users';
import { callKpis, weakestSkills } from '$lib/domain/certification/kpis';
import { getCallResultsFor } from './results';
import { addComment, overrideSectionScore } from './review';
import { callReviewPage } from './review-list';
import { callStatsFor, callsToReview, kpisFor, refreshCallStats, kpisOf, weakestSkillsOf, weakestSkillsOfTrainees } from './stats';

let trainer: number;
const trainees: number[] = [];
const DAY = 86_400_000;
const callRow = (id: string) => db.select().from(calls).where(eq(calls.id, id)).get()!;

/** What the dashboards computed before the aggregates: from every call result. */
function computed(userIds: number[]) {
	const results = getCallResultsFor(userIds);
	const all = userIds.flatMap((id) => results.get(id) ?? []);
	const evidence = (rs: typeof all) => rs.map((r) => ({ ...r, id: r.callId }));
	const toReview =
		db
			.select({ n: count() })
			.from(calls)
			.where(
				and(
					inArray(calls.userId, userIds),
					eq(calls.state, 'completed'),
					eq(calls.overridden, false),
					notExists(db.select({ x: callComments.id }).from(callComments).where(eq(callComments.callId, calls.id)))
				)
			)
			.get()?.n ?? 0;
	return {
		kpis: userIds.map((id) => callKpis(evidence(results.get(id) ?? []))),
		weakest: weakestSkills(evidence(all)),
		toReview
	};
}
function stored(userIds: number[]) {
	const stats = callStatsFor(userIds);
	// many trainees' rows (read without drizzle) are exactly the rows drizzle maps, one trainee's too
	const byId = (a: { userId: number }, b: { userId: number }) => a.userId - b.userId;
	expect([...stats.values()].sort(byId)).toEqual(db.select().from(traineeCallStats).where(inArray(traineeCallStats.userId, userIds)).all().sort(byId));
	for (const id of userIds) expect(callStatsFor([id]).get(id)).toEqual(stats.get(id));
	// the cohort matrix's narrow reads: KPI columns only, section sums added up in SQL
	expect(kpisFor(userIds)).toEqual(new Map([...stats.values()].map((r) => [r.userId, kpisOf(r)])));
	const summed = weakestSkillsOfTrainees(userIds);
	const added = weakestSkillsOf(stats.values());
	expect(summed.map((w) => [w.skill, w.calls])).toEqual(added.map((w) => [w.skill, w.calls]));
	for (const [i, w] of summed.entries()) expect(w.average).toBeCloseTo(added[i].average, 9);
	return { kpis: userIds.map((id) => kpisOf(stats.get(id))), weakest: weakestSkillsOf(stats.values()), toReview: callsToReview(userIds) };
}
/** Floating sums may add in another order: equal to 1e-9, counts exactly. */
function expectSame(a: ReturnType<typeof stored>, b: ReturnType<typeof computed>) {
	expect(a.toReview).toBe(b.toReview);
	expect(a.kpis.map((k) => k.calls)).toEqual(b.kpis.map((k) => k.calls));
	for (const [i, k] of a.kpis.entries()) {
		for (const key of ['averageScore', 'averageHandleSeconds', 'averageAcwSeconds', 'averageHoldSeconds', 'firstContactResolution'] as const) {
			if (b.kpis[i][key] === null) expect(k[key]).toBeNull();
			else expect(k[key]).toBeCloseTo(b.kpis[i][key]!, 9);
		}
	}
	expect(a.weakest.map((w) => [w.skill, w.calls])).toEqual(b.weakest.map((w) => [w.skill, w.calls]));
	for (const [i, w] of a.weakest.entries()) expect(w.average).toBeCloseTo(b.weakest[i].average, 9);
}

const callIds: string[] = [];
beforeAll(async () => {
	importContentScenarios();
	trainer = await createUser({ email: 'st-trainer@test', name: 'Stan Trainer', password: 'x-password-1', roles: ['trainer'] });
	const cohort = createCohort('Stats', trainer);
	for (const n of ['a', 'b', 'c']) {
		trainees.push(await createUser({ email: `st-${n}@test`, name: `Agent ${n}`, password: 'x-password-1', roles: ['trainee'], cohortId: cohort }));
	}
	const base = Date.now() - 10 * DAY;
	const plays: [number, string][] = [
		[0, 'angry-billing-dispute'],
		[0, 'sales-enquiry'],
		[0, 'address-change-verification'],
		[1, 'angry-billing-dispute'],
		[1, 'sales-enquiry']
	];
	for (const [i, [who, slug]] of plays.entries()) callIds.push(playScriptedCall(trainees[who], slug, new Date(base + i * DAY))!);
});

describe('trainee call stats', () => {
	it('are written when a call is scored and equal the KPIs, weakest skills and review count computed from every call', () => {
		expect(callIds.every(Boolean)).toBe(true);
		const s = stored(trainees);
		expect(s.kpis.map((k) => k.calls)).toEqual([3, 2, 0]);
		expect(s.toReview).toBe(5);
		expect(s.weakest).toHaveLength(6);
		expectSame(s, computed(trainees));
		expect(kpisOf(undefined)).toEqual(callKpis([])); // a trainee without calls
	});

	it('follow an override (totals, section averages, review count) and a comment (review count)', () => {
		const before = stored(trainees);
		overrideSectionScore(trainer, callRow(callIds[0]), { section: 'etiquette', score: 3, reason: 'Reviewed the recording' });
		const after = stored(trainees);
		expect(after.toReview).toBe(4);
		expect(after.kpis[0].averageScore).not.toBe(before.kpis[0].averageScore);
		expect(after.weakest.find((w) => w.skill === 'etiquette')!.average).toBeLessThan(before.weakest.find((w) => w.skill === 'etiquette')!.average);
		expectSame(after, computed(trainees));
		addComment(trainer, callRow(callIds[3]), 'Good opening');
		expect(stored(trainees).toReview).toBe(3);
		expectSame(stored(trainees), computed(trainees));
	});

	it('are backfilled by migration 0009 exactly as they are maintained', () => {
		const maintained = sqlite.prepare('select * from trainee_call_stats order by user_id').all();
		expect(maintained).toHaveLength(2);
		sqlite.exec('delete from trainee_call_stats');
		expect(callsToReview(trainees)).toBe(0);
		const backfill = migrationStatement('_calls_trainee_stats.sql', 'INSERT INTO trainee_call_stats');
		sqlite.exec(backfill);
		expect(sqlite.prepare('select * from trainee_call_stats order by user_id').all()).toEqual(maintained);
		expectSame(stored(trainees), computed(trainees));
	});
});

describe('query plans of the stats queries', () => {
	const plan = (q: string) => (sqlite.prepare(`explain query plan ${q}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');

	it("one trainee's refresh reads their completed calls by index and comments by index", () => {
		const p = plan(
			"select c.user_id, count(*) from calls c where c.state = 'completed' and c.total is not null and c.user_id = 1 and not exists (select 1 from call_comments cc where cc.call_id = c.id) group by c.user_id"
		);
		expect(p).toMatch(/SEARCH c USING COVERING INDEX calls_user_state_ended_idx/);
		expect(p).toMatch(/call_comments_call_idx/);
		expect(p).not.toMatch(/SCAN c\b/);
	});

	it('the dashboards read stats rows by primary key', () => {
		expect(plan('select * from trainee_call_stats where user_id in (1, 2, 3)')).toMatch(/SEARCH trainee_call_stats USING INTEGER PRIMARY KEY/);
	});
});

describe("the organisation's calls to review (the admin home)", () => {
	/** Computed from every call: completed, not re-scored, not commented on, of a user who holds the trainee role. */
	const everyTrainees = () => {
		const ids = db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, 'trainee')).all().map((r) => r.id);
		return computed(ids).toReview;
	};
	const kept = () => sqlite.prepare("select n from organisation_totals where name = 'calls_to_review'").pluck().get() as number;

	it('is one row kept by triggers equal to the count over every trainee, through scoring, review, role changes and deletions', async () => {
		expect(callsToReview('allTrainees')).toBe(everyTrainees());
		expect(kept()).toBe(everyTrainees());
		expect(kept()).toBeGreaterThan(0);
		// [what, step, how the count moves]: calls 1, 2 (trainee a) and 4 (trainee b) wait for review at this point.
		const steps: [string, () => unknown, number][] = [
			['trainee c scores a call', () => playScriptedCall(trainees[2], 'sales-enquiry', new Date(Date.now() - DAY)), +1],
			['a trainer who is not a trainee makes a call', () => playScriptedCall(trainer, 'sales-enquiry', new Date(Date.now() - DAY)), 0],
			["a comment on a's call", () => addComment(trainer, callRow(callIds[1]), 'Clear summary'), -1],
			["an override of b's call", () => overrideSectionScore(trainer, callRow(callIds[4]), { section: 'etiquette', score: 4, reason: 'Listened again' }), -1],
			["a's trainee role is taken away", () => updateUser(trainees[0], { name: 'Agent a', roles: ['trainer'], cohortId: null }), -1],
			['and given back', () => updateUser(trainees[0], { name: 'Agent a', roles: ['trainee'], cohortId: null }), +1],
			['the trainer becomes a trainee too: their call counts', () => updateUser(trainer, { name: 'Stan Trainer', roles: ['trainer', 'trainee'], cohortId: null }), +1],
			[
				"that trainee role row's user changes to one who has no calls",
				async () => {
					const other = await createUser({ email: 'st-e@test', name: 'Agent e', password: 'x-password-1', roles: ['admin'] });
					sqlite.prepare("update user_roles set user_id = ? where user_id = ? and role = 'trainee'").run(other, trainer);
				},
				-1
			],
			["a's stored rows are rebuilt", () => refreshCallStats(trainees[0]), 0],
			[
				"a's stored row is updated in place (up by 2, then back)",
				() => {
					const before = kept();
					const move = sqlite.prepare('update trainee_call_stats set to_review = to_review + ? where user_id = ?');
					move.run(2, trainees[0]);
					expect(kept()).toBe(before + 2);
					move.run(-2, trainees[0]);
				},
				0
			],
			['trainee c is deleted (cascades to roles and stats)', () => db.delete(users).where(eq(users.id, trainees[2])).run(), -1]
		];
		for (const [what, step, delta] of steps) {
			const before = kept();
			await step();
			expect(kept() - before, what).toBe(delta);
			expect(kept(), what).toBe(everyTrainees());
			expect(callsToReview('allTrainees'), what).toBe(kept());
			// the review list's "waiting for review" shows the calls the count counts
			expect(callReviewPage({ id: trainer, roles: ['admin'] }, { waiting: true, size: 1_000 }).calls.length, what).toBe(kept());
		}
	});

	it("is backfilled by migration 0027 from every trainee's row", () => {
		const before = kept();
		sqlite.exec("delete from organisation_totals where name = 'calls_to_review'");
		const backfill = migrationStatement('_calls_to_review_total.sql', 'INSERT INTO `organisation_totals`');
		sqlite.exec(backfill);
		expect(kept()).toBe(before);
		expect(kept()).toBe(everyTrainees());
	});
});
