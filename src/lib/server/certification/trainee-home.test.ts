// The trainee's own home page reads stored rows only: programmes from programme_progress, the call count and average
// from trainee_call_stats, the trend and last call from their newest results by index. Equal to what it computed
// before from every call (live evaluation of all evidence, every call result).
import { beforeAll, describe, expect, it } from 'vitest';
import { sqlite } from '$lib/server/db';
import { createCohort, createUser } from '$lib/server/db/queries/users';
import { importContentScenarios } from '$lib/server/scenarios/versions';
import { importContentCourses } from '$lib/server/courses/catalogue';
import { scoreTrend } from '$lib/domain/certification/kpis';
import { titleOf } from '$lib/domain/certification/describe';
import { callsDashboard, getCallResults } from '$lib/server/calls/results';
import { completeCourseAs, playScriptedCall } from './demo-work';
import { seedDemoProgrammes } from './seed';
import { progressFor, traineesNeedingProgress } from './progress';
import { certificateViews } from './certificates';
import { traineeDashboard } from './dashboards';

const DAY = 86_400_000;
const NOW = new Date();
const ids: number[] = [];

/** The trainee home as it was computed before the stored rows: live from every call and course. */
function computed(userId: number) {
	const { programmes, evidence, names } = progressFor(userId, NOW);
	const mine = getCallResults(userId);
	return {
		certification: {
			programmes,
			trend: scoreTrend(evidence.calls).map((p) => ({ at: p.at, total: p.total, label: titleOf(names.scenarios, p.scenarioSlug) })),
			certificates: certificateViews(userId, NOW)
		},
		calls: {
			completed: mine.length,
			average: mine.length ? Math.round((mine.reduce((a, r) => a + r.total, 0) / mine.length) * 10) / 10 : null,
			last: mine[0] ? { callId: mine[0].callId, title: mine[0].scenarioTitle, total: mine[0].total } : null,
			toReview: null
		}
	};
}

beforeAll(async () => {
	importContentCourses();
	importContentScenarios();
	seedDemoProgrammes(new Date(NOW.getTime() - 60 * DAY));
	const admin = await createUser({ email: 'th-admin@test', name: 'Ada Admin', password: 'x-password-1', roles: ['admin'] });
	const cohort = createCohort('Trainee home', admin);
	for (const n of ['a', 'b', 'c']) {
		ids.push(await createUser({ email: `th-${n}@test`, name: `Trainee ${n}`, password: 'x-password-1', roles: ['trainee'], cohortId: cohort }));
	}
	const start = NOW.getTime() - 40 * DAY;
	// a: Level 1 complete and more than 20 calls (the trend shows the newest 20); b: a little; c: nothing.
	completeCourseAs(ids[0], 'working-in-the-crm', new Date(start));
	completeCourseAs(ids[0], 'telephone-etiquette', new Date(start + DAY));
	const slugs = ['address-change-verification', 'appointment-booking', 'sales-enquiry', 'angry-billing-dispute'];
	for (let i = 0; i < 22; i++) playScriptedCall(ids[0], slugs[i % slugs.length], new Date(start + 2 * DAY + i * 3_600_000));
	playScriptedCall(ids[1], 'sales-enquiry', new Date(start + 2 * DAY));
});

describe('trainee home from stored rows', () => {
	it('equals the live computation from every call and course, for trainees with many, few and no calls', () => {
		expect(traineesNeedingProgress(NOW)).toEqual([ids[2]]); // a and b have stored progress; c never had evidence
		for (const id of ids) {
			const before = computed(id);
			expect(traineeDashboard(id, NOW)).toEqual(before.certification);
			expect(callsDashboard({ id, roles: ['trainee'] }, [])).toEqual(before.calls);
		}
		const a = traineeDashboard(ids[0], NOW);
		expect(a.trend).toHaveLength(20);
		expect(a.programmes.find((p) => p.slug === 'crm-call-handling-level-1')!.state).toBe('certified');
		expect(callsDashboard({ id: ids[0], roles: ['trainee'] }, []).completed).toBe(22);
		expect(callsDashboard({ id: ids[2], roles: ['trainee'] }, [])).toMatchObject({ completed: 0, average: null, last: null });
	});

	it("reads the newest results by the (user_id, state, ended_at) index, stopping after the limit", () => {
		const plan = (sqlite.prepare("explain query plan select id from calls where user_id = 1 and state = 'completed' and total is not null order by ended_at desc limit 20").all() as { detail: string }[])
			.map((r) => r.detail)
			.join('\n');
		expect(plan).toMatch(/SEARCH calls USING COVERING INDEX calls_user_state_ended_idx/);
		expect(plan).not.toMatch(/TEMP B-TREE/);
	});
});
