import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { listCohorts, listUsers, visibleTraineeIds } from '$lib/server/db/queries/users';

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, 'trainer', 'admin');
	const visible = new Set(visibleTraineeIds(user));
	const cohorts = user.roles.includes('admin') ? listCohorts() : listCohorts({ trainerId: user.id });
	return { cohorts, trainees: listUsers({ role: 'trainee' }).filter((u) => visible.has(u.id)) };
};
