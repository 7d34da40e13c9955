// The call review list in keyset pages: a trainer sees only their cohorts' trainees' calls, an admin every trainee's;
// following the "older" cursors visits every call once, newest first (ties on the same moment broken by id); and
// the page query walks an index instead of sorting the organisation's calls.
import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { db, sqlite } from '$lib/server/db';
import { calls } from '$lib/server/db/schema/calls';
import { createCohort, createUser } from '$lib/server/db/queries/users';
import { cursorFromUrl } from '$lib/server/pagination';
import { callReviewPage } from './review-list';

let admin: number;
let trainerA: number;
let trainerB: number;
const mine: string[] = [];
const others: string[] = [];
const BASE = Date.parse('2026-03-01T09:00:00Z');

function insertCall(userId: number, at: number): string {
	const id = randomUUID();
	db.insert(calls)
		.values({ id, userId, scenarioSlug: 'sales-enquiry', scenarioHash: 'h', scenarioVersion: 1, scenarioSnapshot: {}, state: 'completed', createdAt: new Date(at), total: 70, scenarioTitle: 'Sales enquiry' })
		.run();
	return id;
}

beforeAll(async () => {
	admin = await createUser({ email: 'rl-admin@test', name: 'Ada Admin', password: 'x-password-1', roles: ['admin'] });
	trainerA = await createUser({ email: 'rl-a@test', name: 'Tia Trainer', password: 'x-password-1', roles: ['trainer'] });
	trainerB = await createUser({ email: 'rl-b@test', name: 'Tom Trainer', password: 'x-password-1', roles: ['trainer'] });
	const a = createCohort('Review A', trainerA);
	const b = createCohort('Review B', trainerB);
	const t1 = await createUser({ email: 'rl-t1@test', name: 'Ann', password: 'x-password-1', roles: ['trainee'], cohortId: a });
	const t2 = await createUser({ email: 'rl-t2@test', name: 'Ben', password: 'x-password-1', roles: ['trainee'], cohortId: b });
	// 23 calls in cohort A (three share one moment), 7 in cohort B.
	for (let i = 0; i < 20; i++) mine.push(insertCall(t1, BASE + i * 60_000));
	for (let i = 0; i < 3; i++) mine.push(insertCall(t1, BASE + 5 * 60_000));
	for (let i = 0; i < 7; i++) others.push(insertCall(t2, BASE + i * 90_000));
});

function walk(viewer: { id: number; roles: ('admin' | 'trainer' | 'trainee')[] }, size: number) {
	const seen: { id: string; at: number }[] = [];
	let before = null;
	for (let pages = 0; pages < 100; pages++) {
		const page = callReviewPage(viewer, { before, size });
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
		const trainer = plan(
			"select id from calls where user_id in (select id from users where cohort_id in (select id from cohorts where trainer_id = 1)) and user_id in (select user_id from user_roles where role = 'trainee') order by created_at desc, id desc limit 51"
		);
		expect(trainer).toMatch(/SEARCH calls USING INDEX calls_user_(state_ended_)?idx \(user_id=\?\)/);
		expect(trainer).toMatch(/users_cohort_idx/);
	});
});
