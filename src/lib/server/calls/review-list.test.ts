// The call review list in keyset pages: a trainer sees only their cohorts' trainees' calls, an admin every trainee's;
// following the "older" cursors visits every call once, newest first (ties on the same moment broken by id); and
// the page query walks an index instead of sorting the organisation's calls. "Waiting for review" shows exactly the
// finished calls with no comment and no re-score (what the home card counts), by a partial index.
import { beforeAll, describe, expect, it } from 'vitest';
import { migrationStatement } from '$lib/server/db/migration-statement';
import { randomUUID } from 'node:crypto';
import { db, sqlite } from '$lib/server/db';
import { eq } from 'drizzle-orm';
import { callComments, calls } from '$lib/server/db/schema/calls';
import { recordStatements } from '$lib/server/db/record-statements';
import { createCohort, createUser } from '$lib/server/db/queries/users';
import { cursorFromUrl } from '$lib/server/pagination';
import { callReviewPage, nextCallWaiting } from './review-list';

let admin: number;
let trainerA: number;
let trainerB: number;
let t1: number;
let t2: number;
const mine: string[] = [];
const others: string[] = [];
const BASE = Date.parse('2026-03-01T09:00:00Z');

function insertCall(userId: number, at: number, state: 'completed' | 'active' = 'completed'): string {
	const id = randomUUID();
	db.insert(calls)
		.values({ id, userId, scenarioSlug: 'sales-enquiry', scenarioHash: 'h', scenarioVersion: 1, scenarioSnapshot: {}, state, createdAt: new Date(at), total: 70, scenarioTitle: 'Sales enquiry', overridden: state === 'completed' ? false : null }) // written when scored, as the call completes
		.run();
	return id;
}

beforeAll(async () => {
	admin = await createUser({ email: 'rl-admin@test', name: 'Ada Admin', password: 'x-password-1', roles: ['admin'] });
	trainerA = await createUser({ email: 'rl-a@test', name: 'Tia Trainer', password: 'x-password-1', roles: ['trainer'] });
	trainerB = await createUser({ email: 'rl-b@test', name: 'Tom Trainer', password: 'x-password-1', roles: ['trainer'] });
	const a = createCohort('Review A', trainerA);
	const b = createCohort('Review B', trainerB);
	t1 = await createUser({ email: 'rl-t1@test', name: 'Ann', password: 'x-password-1', roles: ['trainee'], cohortId: a });
	t2 = await createUser({ email: 'rl-t2@test', name: 'Ben', password: 'x-password-1', roles: ['trainee'], cohortId: b });
	// 23 calls in cohort A (three share one moment), 7 in cohort B.
	for (let i = 0; i < 20; i++) mine.push(insertCall(t1, BASE + i * 60_000));
	for (let i = 0; i < 3; i++) mine.push(insertCall(t1, BASE + 5 * 60_000));
	for (let i = 0; i < 7; i++) others.push(insertCall(t2, BASE + i * 90_000));
});

function walk(viewer: { id: number; roles: ('admin' | 'trainer' | 'trainee')[] }, size: number, waiting = false) {
	const seen: { id: string; at: number }[] = [];
	let before = null;
	for (let pages = 0; pages < 100; pages++) {
		const page = callReviewPage(viewer, { before, size, waiting });
		seen.push(...page.calls.map((c) => ({ id: c.id, at: c.createdAt.getTime() })));
		if (!page.older) break;
		before = cursorFromUrl(new URL(`http://x/?before=${page.older}`));
	}
	return seen;
}

describe('call review pages', () => {
	it('show a trainer every call of their cohorts once, newest first, over keyset pages', () => {
		const seen = walk({ id: trainerA, roles: ['trainer'] }, 5);
		expect(seen.map((s) => s.id).sort()).toEqual([...mine].sort());
		const order = [...seen].sort((x, y) => y.at - x.at || (y.id < x.id ? -1 : y.id > x.id ? 1 : 0));
		expect(seen).toEqual(order);
		expect(walk({ id: trainerB, roles: ['trainer'] }, 5).map((s) => s.id).sort()).toEqual([...others].sort());
	});

	it('show an admin every trainee call, and nothing to a trainee', () => {
		expect(walk({ id: admin, roles: ['admin'] }, 7).map((s) => s.id).sort()).toEqual([...mine, ...others].sort());
		expect(callReviewPage({ id: admin, roles: ['trainee'] }).calls).toEqual([]);
	});

	it("read one index range for an admin, and a trainer's cohorts by the per-user index", () => {
		const plan = (q: string) => (sqlite.prepare(`explain query plan ${q}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
		const admin = plan(
			"select id from calls where +user_id in (select user_id from user_roles where role = 'trainee') and (created_at, id) < (1, 'x') order by created_at desc, id desc limit 51"
		);
		expect(admin).toMatch(/SEARCH calls USING INDEX calls_created_idx \(\(created_at,id\)<\(\?,\?\)\)/);
		expect(admin).not.toMatch(/TEMP B-TREE/);
		expect(admin).toMatch(/user_roles_role_idx/);
		// A trainer's: each trainee's newest calls by one range of the per-user index, no sort of the cohorts' calls.
		const { statements } = recordStatements(() => callReviewPage({ id: trainerA, roles: ['trainer'] }, { size: 5 }));
		const perTrainee = statements.find((s) => /from calls where user_id = \?/i.test(s.sql))!;
		const trainer = (sqlite.prepare(`explain query plan ${perTrainee.sql}`).all(...(perTrainee.params as never[])) as { detail: string }[]).map((r) => r.detail).join('\n');
		expect(trainer).toMatch(/SEARCH calls USING COVERING INDEX calls_user_idx \(user_id=\? AND \(created_at,id\)<\(\?,\?\)\)/);
		expect(statements.some((s) => /order by "calls"\."created_at" desc/i.test(s.sql)), 'no statement sorts the cohorts’ calls').toBe(false);
	});

	it("read a few of each trainee's calls for a trainer's page, however many calls the trainee has made", async () => {
		const cohort = createCohort('Review deep', trainerA);
		const busy = await createUser({ email: 'rl-busy@test', name: 'Busy', password: 'x-password-1', roles: ['trainee'], cohortId: cohort });
		const quiet = await createUser({ email: 'rl-quiet@test', name: 'Quiet', password: 'x-password-1', roles: ['trainee'], cohortId: cohort });
		const late = BASE + 10 * 86_400_000; // newer than every other call of trainer A's cohorts
		for (let i = 0; i < 200; i++) insertCall(busy, late + i * 60_000);
		const quietCall = insertCall(quiet, late + 30 * 60_000 + 30_000); // between Busy's 31st and 32nd call
		const reads = (size: number) => {
			const { result, statements } = recordStatements(() => callReviewPage({ id: trainerA, roles: ['trainer'] }, { cohortId: cohort, size }));
			return { ids: result.calls.map((c) => c.id), perTrainee: statements.filter((s) => /from calls where user_id = \?/i.test(s.sql)) };
		};
		const page = reads(5);
		// Busy's five newest; the quiet trainee's call is older than those.
		expect(page.ids).toHaveLength(5);
		expect(page.ids).not.toContain(quietCall);
		// One read per trainee, then Busy's next rows once (4 + 8 ≥ 6): not Busy's 200 calls.
		expect(page.perTrainee.map((s) => s.params.at(-1))).toEqual([4, 4, 8]);
		// The whole cohort, walked page by page, is every call once, newest first.
		const all: string[] = [];
		let before = null;
		for (let i = 0; i < 100; i++) {
			const p = callReviewPage({ id: trainerA, roles: ['trainer'] }, { cohortId: cohort, size: 7, before });
			all.push(...p.calls.map((c) => c.id));
			if (!p.older) break;
			before = cursorFromUrl(new URL(`http://x/?before=${p.older}`));
		}
		expect(all).toHaveLength(201);
		expect(new Set(all).size).toBe(201);
		expect(all.indexOf(quietCall)).toBe(169); // after Busy's 169 newer calls
		sqlite.prepare('delete from calls where user_id in (?, ?)').run(busy, quiet);
		sqlite.prepare('delete from users where id in (?, ?)').run(busy, quiet);
		sqlite.prepare('delete from cohorts where id = ?').run(cohort);
	});
});

describe('calls waiting for review', () => {
	const ids = (viewer: { id: number; roles: ('admin' | 'trainer' | 'trainee')[] }) => walk(viewer, 4, true).map((c) => c.id);
	const adminView = { id: admin, roles: ['admin' as const] };
	/** Finished, not re-scored, no comment: computed call by call. */
	const expected = (of: string[]) =>
		of.filter((id) => {
			const c = db.select().from(calls).where(eq(calls.id, id)).get()!;
			return c.state === 'completed' && c.overridden === false && !db.select().from(callComments).where(eq(callComments.callId, id)).get();
		});

	it('are the finished calls with no comment and no re-score, newest first, for a trainer and an admin', async () => {
		const open = insertCall(t1, BASE + 30 * 60_000, 'active');
		const comment = (callId: string) => db.insert(callComments).values({ callId, authorId: trainerA, body: 'Good', createdAt: new Date() }).run();
		comment(mine[0]);
		comment(mine[0]); // two comments, then one removed: still reviewed
		comment(mine[4]);
		db.update(calls).set({ overridden: true }).where(eq(calls.id, mine[7])).run();
		db.delete(callComments).where(eq(callComments.id, Number(db.select().from(callComments).where(eq(callComments.callId, mine[0])).get()!.id))).run();
		const all = [...mine, ...others, open];
		expect(ids(adminView).sort()).toEqual(expected(all).sort());
		expect(ids(adminView)).not.toContain(open);
		expect(ids(adminView)).not.toContain(mine[0]);
		expect(ids(adminView)).not.toContain(mine[4]);
		expect(ids(adminView)).not.toContain(mine[7]);
		expect(ids(adminView)).toHaveLength(mine.length + others.length - 3);
		expect(ids({ id: trainerA, roles: ['trainer'] }).sort()).toEqual(expected(mine).sort());
		expect(ids({ id: trainerB, roles: ['trainer'] }).sort()).toEqual(expected(others).sort());
		// newest first, like the whole list
		const seen = walk(adminView, 4, true);
		expect(seen).toEqual([...seen].sort((x, y) => y.at - x.at || (y.id < x.id ? -1 : y.id > x.id ? 1 : 0)));
		// the last comment removed: waiting again; a comment moved to another call moves the wait with it
		db.delete(callComments).where(eq(callComments.callId, mine[0])).run();
		expect(ids(adminView)).toContain(mine[0]);
		db.update(callComments).set({ callId: mine[5] }).where(eq(callComments.callId, mine[4])).run();
		expect(ids(adminView)).toContain(mine[4]);
		expect(ids(adminView)).not.toContain(mine[5]);
		expect(ids(adminView).sort()).toEqual(expected(all).sort());
	});

	it("page by one range of the partial index for an admin, and filter a trainer's cohorts", () => {
		const plan = (q: { sql: string; params: unknown[] }) =>
			(sqlite.prepare(`explain query plan ${q.sql}`).all(...(q.params as never[])) as { detail: string }[]).map((r) => r.detail).join('\n');
		const first = callReviewPage(adminView, { waiting: true, size: 4 });
		const before = cursorFromUrl(new URL(`http://x/?before=${first.older}`));
		const { statements } = recordStatements(() => callReviewPage(adminView, { waiting: true, size: 4, before }));
		const admin = plan(statements.find((s) => /from "calls"/i.test(s.sql) && /order by/i.test(s.sql))!);
		expect(admin).toMatch(/SEARCH calls USING INDEX calls_to_review_idx \(\(created_at,id\)<\(\?,\?\)\)/);
		expect(admin).not.toMatch(/TEMP B-TREE/);
		const trainer = recordStatements(() => callReviewPage({ id: trainerA, roles: ['trainer'] }, { waiting: true, size: 4 })).statements;
		const perTrainee = trainer.find((s) => /from calls where user_id = \?/i.test(s.sql))!;
		expect(perTrainee.sql).toContain('overridden = 0 and comments = 0');
		// only the waiting calls of each of the cohorts' trainees, not every call's row
		expect(plan(perTrainee)).toMatch(/SEARCH calls USING COVERING INDEX calls_user_to_review_idx \(user_id=\? AND \(created_at,id\)<\(\?,\?\)\)/);
	});

	it("are backfilled by migration 0028: each call's comments counted", () => {
		const counts = () => sqlite.prepare('select id, comments from calls order by id').all();
		const kept = counts();
		expect(kept.some((c) => (c as { comments: number }).comments > 0)).toBe(true);
		sqlite.exec('update calls set comments = 0');
		const backfill = migrationStatement('_calls_review_filter.sql', 'UPDATE `calls` SET `comments`');
		sqlite.exec(backfill);
		expect(counts()).toEqual(kept);
	});

	it("give the review page's next call: the newest other waiting call the viewer reviews, by index", () => {
		for (const viewer of [adminView, { id: trainerA, roles: ['trainer' as const] }, { id: trainerB, roles: ['trainer' as const] }]) {
			const waiting = ids(viewer);
			expect(waiting.length).toBeGreaterThan(2);
			expect(nextCallWaiting(viewer, waiting[0])).toBe(waiting[1]);
			expect(nextCallWaiting(viewer, waiting[2])).toBe(waiting[0]);
			expect(nextCallWaiting(viewer, others[0] === waiting[0] ? mine[1] : others[0])).toBe(waiting[0]);
		}
		expect(nextCallWaiting({ id: t1, roles: ['trainee'] }, mine[1])).toBeNull();
		// a trainer with no waiting call left gets none
		const { statements } = recordStatements(() => nextCallWaiting({ id: trainerB, roles: ['trainer'] }, 'x'));
		const plan = (sqlite.prepare(`explain query plan ${statements[0].sql}`).all({ except: 'x', trainer: trainerB }) as { detail: string }[]).map((r) => r.detail).join('\n');
		expect(plan).toMatch(/SEARCH c USING COVERING INDEX calls_user_to_review_idx \(user_id=\?\)/);
		expect(plan).toMatch(/SEARCH calls USING (INDEX sqlite_autoindex_calls_1|PRIMARY KEY) \(id=\?\)/);
		expect(plan).not.toMatch(/SCAN calls|SCAN c\b/);
		const adminStatement = recordStatements(() => nextCallWaiting(adminView, 'x')).statements.find((s) => /order by/i.test(s.sql))!;
		const adminPlan = (sqlite.prepare(`explain query plan ${adminStatement.sql}`).all(...(adminStatement.params as never[])) as { detail: string }[])
			.map((r) => r.detail)
			.join('\n');
		expect(adminPlan).toMatch(/SCAN calls USING INDEX calls_to_review_idx/);
		expect(adminPlan).not.toMatch(/TEMP B-TREE/);
	});
});
