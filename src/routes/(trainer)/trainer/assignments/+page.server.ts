import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { assignableCohorts } from '$lib/server/assignments/assignments';

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, 'trainer', 'admin');
	return { cohorts: assignableCohorts(user) };
};
