import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { countCohorts, listCohortTrainees, listCohorts } from '$lib/server/db/queries/users';
import { pageFromUrl, pageInfo } from '$lib/server/pagination';

/** Cohorts per page: the list grows with the organisation by cohorts (each of a bounded size). */
const COHORTS_PER_PAGE = 10;

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, 'trainer', 'admin');
	const scope = user.roles.includes('admin') ? {} : { trainerId: user.id };
	const info = pageInfo(countCohorts(scope), pageFromUrl(event.url), COHORTS_PER_PAGE);
	const cohorts = listCohorts(scope, { limit: info.size, offset: info.offset });
	// Only trainees of the cohorts on this page (those are the cohorts this user leads, or any for an admin), with
	// the fields the list shows.
	const trainees = listCohortTrainees(cohorts.map((c) => c.id));
	return { cohorts, trainees, pageInfo: info };
};
