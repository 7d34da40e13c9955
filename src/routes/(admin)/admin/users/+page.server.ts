import type { PageServerLoad } from './$types';
import { z } from 'zod';
import { requireRole } from '$lib/server/auth/guards';
import { listCohorts, listUsers } from '$lib/server/db/queries/users';
import { ROLES } from '$lib/domain/roles';

const filters = z.object({
	q: z.string().trim().max(100).optional().catch(undefined),
	role: z.enum(ROLES).optional().catch(undefined),
	status: z.enum(['active', 'inactive']).optional().catch(undefined)
});

export const load: PageServerLoad = (event) => {
	requireRole(event, 'admin');
	const f = filters.parse(Object.fromEntries(event.url.searchParams));
	let users = listUsers({ search: f.q || undefined, role: f.role });
	if (f.status) users = users.filter((u) => u.active === (f.status === 'active'));
	return { users, cohorts: listCohorts(), filters: f };
};
