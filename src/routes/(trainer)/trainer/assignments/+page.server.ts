import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { assignableCohorts, countAssignableCohorts } from '$lib/server/assignments/assignments';
import { pageFromUrl, pageInfo } from '$lib/server/pagination';

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, 'trainer', 'admin');
	// Pages of 50 cohorts by name (an admin sees every cohort of the organisation).
	const info = pageInfo(countAssignableCohorts(user), pageFromUrl(event.url));
	return { cohorts: assignableCohorts(user, { limit: info.size, offset: info.offset }), pageInfo: info };
};
