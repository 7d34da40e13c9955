// Trainer review list: the calls of the trainees in the cohorts this trainer leads (admins: every cohort).
import { requireRole } from '$lib/server/auth/guards';
import { listCohorts, listUsers, visibleTraineeIds } from '$lib/server/db/queries/users';
import { listCallsOf } from '$lib/server/calls/service';
import { reviewedCallIds } from '$lib/server/calls/results';
import { listPublishedScenarios } from '$lib/server/scenarios/published';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'trainer', 'admin');
	const cohorts = listCohorts(user.roles.includes('admin') ? {} : { trainerId: user.id });
	const wanted = Number(event.url.searchParams.get('cohort'));
	const cohort = cohorts.find((c) => c.id === wanted) ?? null;
	const visible = new Set(visibleTraineeIds(user));
	const trainees = listUsers({ role: 'trainee', cohortId: cohort?.id }).filter((u) => visible.has(u.id));
	const names = new Map(trainees.map((t) => [t.id, { name: t.name, cohort: t.cohortName }]));
	const titles = new Map(listPublishedScenarios().map((e) => [e.scenario.slug, e.scenario.title]));
	const list = listCallsOf([...names.keys()]);
	const reviewed = reviewedCallIds(list.map((c) => c.id));
	const calls = list.map((c) => ({
		...c,
		traineeName: names.get(c.userId)?.name ?? '',
		cohortName: names.get(c.userId)?.cohort ?? null,
		title: titles.get(c.scenarioSlug) ?? c.scenarioSlug,
		reviewed: reviewed.has(c.id)
	}));
	return { cohorts: cohorts.map((c) => ({ id: c.id, name: c.name })), cohortId: cohort?.id ?? null, calls };
};
