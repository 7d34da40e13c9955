import type { PageServerLoad } from './$types';
import { z } from 'zod';
import { requireRole } from '$lib/server/auth/guards';
import { countUsers, cohortOptions, listUsers } from '$lib/server/db/queries/users';
import { pageFromUrl, pageInfo } from '$lib/server/pagination';
import { ROLES } from '$lib/domain/roles';

const filters = z.object({
	q: z.string().trim().max(100).optional().catch(undefined),
	role: z.enum(ROLES).optional().catch(undefined),
	status: z.enum(['active', 'inactive']).optional().catch(undefined)
});

export const load: PageServerLoad = (event) => {
	requireRole(event, 'admin');
	const f = filters.parse(Object.fromEntries(event.url.searchParams));
	const filter = { search: f.q || undefined, role: f.role, active: f.status ? f.status === 'active' : undefined };
	// One page of users in name order (limit/offset: ?page=N, plain links) and the count of all that match.
	const info = pageInfo(countUsers(filter), pageFromUrl(event.url));
	const users = listUsers(filter, { limit: info.size, offset: info.offset });
	return { users, cohorts: cohortOptions(), filters: f, pageInfo: info };
};
