// Stored call results: the narrow columns lists and dashboards read equal what the score and scenario JSON give,
// an override rewrites them, the migration's backfill reproduces them exactly, and the hot queries use indexes.
import { beforeAll, describe, expect, it } from 'vitest';
import { migrationStatement } from '$lib/server/db/migration-statement';
import { eq } from 'drizzle-orm';
import { createCohort, createUser, visibleTraineeIds } from '$lib/server/db/queries/users';
import { importContentScenarios } from '$lib/server/scenarios/versions';
import { playScriptedCall } from '$lib/server/certification/demo-work';
import { db, sqlite } from '$lib/server/db';
import { calls } from '$lib/server/db/schema/calls';
import { callsDashboard, getCallResults, getCallResultsFor, summarise } from './results';
import { listCallsOf } from './service';
import { recordStatements } from '$lib/server/db/record-statements';
import { overrideSectionScore } from './review';

let trainer: number;
let trainee: number;
let second: number;
const ids: string[] = [];
const DAY = 86_400_000;
const row = (id: string) => db.select().from(calls).where(eq(calls.id, id)).get()!;
/** What the results used to be: computed from each call's score, scenario and overrides. */
const computed = (userId: number) =>
	db
		.select()
		.from(calls)
		.where(eq(calls.userId, userId))
		.all()
		.map(summarise)
		.filter((r) => r !== null)
		.sort((a, b) => b.endedAt.getTime() - a.endedAt.getTime());

beforeAll(async () => {
	importContentScenarios();
	trainer = await createUser({ email: 'sr-trainer@test', name: 'Ria Trainer', password: 'x-password-1', roles: ['trainer'] });
	const cohort = createCohort('Stored results', trainer);
	trainee = await createUser({ email: 'sr-a@test', name: 'Ana Agent', password: 'x-password-1', roles: ['trainee'], cohortId: cohort });
	second = await createUser({ email: 'sr-b@test', name: 'Ben Agent', password: 'x-password-1', roles: ['trainee'], cohortId: cohort });
	const base = Date.now() - 10 * DAY;
	for (const [i, slug] of ['angry-billing-dispute', 'sales-enquiry', 'address-change-verification'].entries()) {
		ids.push(playScriptedCall(trainee, slug, new Date(base + i * DAY))!);
	}
	ids.push(playScriptedCall(second, 'angry-billing-dispute', new Date(base))!);
});

describe('stored call results', () => {
	it('are written at after-call work and equal the results computed from the score and scenario', () => {
		expect(ids.every(Boolean)).toBe(true);
		const stored = getCallResults(trainee);
		expect(stored).toHaveLength(3);
		expect(stored).toEqual(computed(trainee));
		expect(stored.find((r) => r.scenarioSlug === 'angry-billing-dispute')!.angryStart).toBe(true);
		expect(stored.find((r) => r.scenarioSlug === 'sales-enquiry')!.angryStart).toBe(false);
	});

	it('are rewritten by an override: total, section score and the overridden flag change', () => {
		const before = getCallResults(trainee).find((r) => r.callId === ids[0])!;
		const target = before.sections.etiquette > 50 ? 10 : 95;
		overrideSectionScore(trainer, row(ids[0]), { section: 'etiquette', score: target, reason: 'Reviewed the recording' });
		const after = getCallResults(trainee).find((r) => r.callId === ids[0])!;
		expect(after.sections.etiquette).toBe(target);
		expect(after.total).not.toBe(before.total);
		expect(after.overridden).toBe(true);
		expect(before.overridden).toBe(false);
		expect(getCallResults(trainee)).toEqual(computed(trainee));
	});

	it('are read for many users in one query, grouped per user', () => {
		const many = getCallResultsFor([trainee, second, 999_999]);
		expect(many.get(trainee)).toEqual(computed(trainee));
		expect(many.get(second)).toEqual(computed(second));
		expect(many.has(999_999)).toBe(false);
	});

	it('are backfilled by the migration exactly as they were computed', () => {
		const expected = [computed(trainee), computed(second)];
		sqlite.exec('update calls set scenario_title = null, angry_start = null, overridden = null');
		expect(getCallResults(trainee)[0].overridden).toBe(false); // wiped: the override is no longer visible
		const backfill = migrationStatement('_calls_stored_results.sql', 'UPDATE `calls`');
		sqlite.exec(backfill);
		expect([getCallResults(trainee), getCallResults(second)]).toEqual(expected);
		expect(getCallResults(trainee).some((r) => r.overridden)).toBe(true);
	});

	it('give the trainer the calls still waiting for review with one counting query', () => {
		// Three of the four calls are unreviewed; the overridden one counts as reviewed.
		expect(callsDashboard({ id: trainer, roles: ['trainer'] }, [trainee, second]).toReview).toBe(3);
		// the trainer home asks for their cohorts' trainees by the trainer, and gets the same sum over visibleTraineeIds
		expect(visibleTraineeIds({ id: trainer, roles: ['trainer'] }).sort()).toEqual([trainee, second].sort());
		expect(callsDashboard({ id: trainer, roles: ['trainer'] }, 'myCohorts').toReview).toBe(3);
	});
});

describe('query plans of the hot call queries', () => {
	const plan = (sql: string) =>
		(sqlite.prepare(`explain query plan ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');

	it("a user's completed calls, newest first, use the (user, state, ended) index", () => {
		const p = plan("select * from calls where user_id = 1 and state = 'completed' order by ended_at desc");
		expect(p).toMatch(/USING INDEX calls_user_state_ended_idx/);
		expect(p).not.toMatch(/TEMP B-TREE/);
	});

	it("reads a user's results and call list from the index alone, never the row behind its ~12 KB of JSON", () => {
		const { result, statements } = recordStatements(() => ({ results: getCallResults(trainee, 20), list: listCallsOf([trainee], 200) }));
		expect(result.results).toHaveLength(3);
		expect(result.list.map((c) => c.id).sort()).toEqual(ids.slice(0, 3).sort());
		const plans = statements.map((q) => (sqlite.prepare(`explain query plan ${q.sql}`).all(...(q.params as never[])) as { detail: string }[]).map((r) => r.detail).join('\n'));
		expect(plans).toHaveLength(2);
		expect(plans[0]).toMatch(/^SEARCH calls USING COVERING INDEX calls_user_state_ended_idx \(user_id=\? AND state=\? AND ended_at>\?\)$/);
		expect(plans[1]).toMatch(/^SEARCH calls USING COVERING INDEX calls_user_idx \(user_id=\?\)$/);
	});

	it('a set of users reads by index too', () => {
		expect(plan("select * from calls where user_id in (1, 2, 3) and state = 'completed' order by ended_at desc")).toMatch(/USING INDEX calls_user/);
	});

	it('the review count searches calls and comments by index', () => {
		const p = plan(
			"select count(*) from calls where user_id in (1, 2) and state = 'completed' and overridden = 0 and not exists (select 1 from call_comments c where c.call_id = calls.id)"
		);
		expect(p).toMatch(/USING (COVERING )?INDEX calls_user/);
		expect(p).toMatch(/SEARCH c USING (COVERING )?INDEX call_comments_call_idx/);
	});
});
