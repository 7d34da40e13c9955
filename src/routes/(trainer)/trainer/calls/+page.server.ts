// Trainer review list: the calls of the trainees in the cohorts this trainer leads (admins: every cohort), newest
// first, one keyset page at a time (?before=…, plain links), all of them or those waiting for review (?show=waiting).
import { requireRole } from '$lib/server/auth/guards';
import { cohortOptions } from '$lib/server/db/queries/users';
import { callReviewPage } from '$lib/server/calls/review-list';
import { cursorFromUrl } from '$lib/server/pagination';
import { listPublishedScenarios } from '$lib/server/scenarios/published';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'trainer', 'admin');
	const cohorts = cohortOptions(user.roles.includes('admin') ? {} : { trainerId: user.id });
	const wanted = Number(event.url.searchParams.get('cohort'));
	const cohort = cohorts.find((c) => c.id === wanted) ?? null;
	const titles = new Map(listPublishedScenarios().map((e) => [e.scenario.slug, e.scenario.title]));
	// ?show=waiting: only the finished calls no trainer has commented on or re-scored yet (the home card's link).
	const waiting = event.url.searchParams.get('show') === 'waiting';
	const page = cohorts.length ? callReviewPage(user, { cohortId: cohort?.id ?? null, before: cursorFromUrl(event.url), waiting }) : { calls: [], older: null };
	const calls = page.calls.map((c) => ({
		id: c.id,
		userId: c.userId,
		scenarioSlug: c.scenarioSlug,
		state: c.state,
		createdAt: c.createdAt,
		total: c.total,
		traineeName: c.traineeName,
		cohortName: c.cohortName,
		title: titles.get(c.scenarioSlug) ?? c.scenarioTitle ?? c.scenarioSlug,
		reviewed: c.reviewed
	}));
	return { cohorts, cohortId: cohort?.id ?? null, waiting, allCohorts: user.roles.includes('admin'), calls, older: page.older };
};
