// Per trainee × scenario attempts and best total (trainee_scenario_stats): written when a call is scored and at
// every override, equal to what the scenario picker computed from the trainee's calls, reproduced exactly by the
// migration's backfill, read by primary key.
import { beforeAll, describe, expect, it } from 'vitest';
import { migrationStatement } from '$lib/server/db/migration-statement';
import { desc, eq } from 'drizzle-orm';
import { createCohort, createUser } from '$lib/server/db/queries/users';
import { importContentScenarios } from '$lib/server/scenarios/versions';
import { playScriptedCall } from '$lib/server/certification/demo-work';
import { db, sqlite } from '$lib/server/db';
import { calls } from '$lib/server/db/schema/calls';
import { overrideSectionScore } from './review';
import { scenarioStatsOf } from './stats';

let trainer: number;
const trainees: number[] = [];
const callIds: string[] = [];
const DAY = 86_400_000;

/** What /calls computed before the stored rows: from the trainee's calls (every call has a total or not). */
function computed(userId: number): Map<string, { attempts: number; best: number }> {
	const rows = db.select({ slug: calls.scenarioSlug, total: calls.total }).from(calls).where(eq(calls.userId, userId)).orderBy(desc(calls.createdAt)).all();
	const out = new Map<string, { attempts: number; best: number }>();
	for (const slug of new Set(rows.map((r) => r.slug))) {
		const scored = rows.filter((r) => r.slug === slug && r.total !== null).map((r) => r.total as number);
		if (scored.length) out.set(slug, { attempts: scored.length, best: Math.max(...scored) });
	}
	return out;
}
const sorted = (m: Map<string, unknown>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b));

beforeAll(async () => {
	importContentScenarios();
	trainer = await createUser({ email: 'ss-trainer@test', name: 'Sam Trainer', password: 'x-password-1', roles: ['trainer'] });
	const cohort = createCohort('Scenario stats', trainer);
	for (const n of ['a', 'b', 'c']) {
		trainees.push(await createUser({ email: `ss-${n}@test`, name: `Agent ${n}`, password: 'x-password-1', roles: ['trainee'], cohortId: cohort }));
	}
	const base = Date.now() - 10 * DAY;
	const plays: [number, string][] = [
		[0, 'angry-billing-dispute'],
		[0, 'angry-billing-dispute'],
		[0, 'sales-enquiry'],
		[1, 'address-change-verification']
	];
	for (const [i, [who, slug]] of plays.entries()) callIds.push(playScriptedCall(trainees[who], slug, new Date(base + i * DAY))!);
});

describe('trainee scenario stats', () => {
	it('are written when a call is scored and equal the attempts and best score computed from the calls', () => {
		expect(callIds.every(Boolean)).toBe(true);
		expect(scenarioStatsOf(trainees[0]).get('angry-billing-dispute')?.attempts).toBe(2);
		expect(scenarioStatsOf(trainees[0]).get('sales-enquiry')?.attempts).toBe(1);
		expect(scenarioStatsOf(trainees[2]).size).toBe(0); // no calls, no rows
		for (const t of trainees) expect(sorted(scenarioStatsOf(t))).toEqual(sorted(computed(t)));
	});

	it('follow an override that changes the best total', () => {
		const call = db.select().from(calls).where(eq(calls.id, callIds[3])).get()!;
		const before = scenarioStatsOf(trainees[1]).get('address-change-verification')!;
		overrideSectionScore(trainer, call, { section: 'etiquette', score: 0, reason: 'Reviewed the recording' });
		const after = scenarioStatsOf(trainees[1]).get('address-change-verification')!;
		expect(after.attempts).toBe(1);
		expect(after.best).toBeLessThan(before.best);
		for (const t of trainees) expect(sorted(scenarioStatsOf(t))).toEqual(sorted(computed(t)));
	});

	it("are backfilled by the migration exactly as they are maintained", () => {
		const all = 'select * from trainee_scenario_stats order by user_id, scenario_slug';
		const maintained = sqlite.prepare(all).all();
		expect(maintained).toHaveLength(3);
		sqlite.exec('delete from trainee_scenario_stats');
		const backfill = migrationStatement('_trainee_scenario_stats.sql', 'INSERT INTO trainee_scenario_stats');
		sqlite.exec(backfill);
		expect(sqlite.prepare(all).all()).toEqual(maintained);
	});

	it("read one trainee's rows by primary key and refresh them from the trainee's calls by index", () => {
		const plan = (q: string) => (sqlite.prepare(`explain query plan ${q}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
		expect(plan('select * from trainee_scenario_stats where user_id = 1')).toMatch(/SEARCH trainee_scenario_stats USING (PRIMARY KEY|INDEX sqlite_autoindex)/);
		const refresh = plan('select c.user_id, c.scenario_slug, count(*), max(c.total) from calls c where c.total is not null and c.user_id = 1 group by c.user_id, c.scenario_slug');
		expect(refresh).toMatch(/SEARCH c USING COVERING INDEX calls_user_idx/);
		expect(refresh).not.toMatch(/SCAN c\b/);
		expect(plan("select id from calls where user_id = 1 and state != 'completed' order by created_at desc")).toMatch(/SEARCH calls USING COVERING INDEX calls_user_idx/);
	});
});
