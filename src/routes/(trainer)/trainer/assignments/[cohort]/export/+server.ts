import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { csvResponse } from '$lib/server/csv';
import { cohortMatrixCsv, requireAssignableCohort } from '$lib/server/assignments/assignments';

export const GET: RequestHandler = (event) => {
	const user = requireRole(event, 'trainer', 'admin');
	const cohort = requireAssignableCohort(event, user);
	const day = new Date().toISOString().slice(0, 10);
	return csvResponse(`assignments-${cohort.name.replace(/[^A-Za-z0-9]+/g, '-')}-${day}.csv`, cohortMatrixCsv(cohort.id));
};
