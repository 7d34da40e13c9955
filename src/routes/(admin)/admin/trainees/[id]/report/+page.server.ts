import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { traineeReport } from '$lib/server/certification/trainee-report';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const id = Number(event.params.id);
	const report = Number.isInteger(id) && id > 0 ? await traineeReport(id) : null;
	if (!report) error(404, { message: 'No user with that id.', requestId: event.locals.requestId });
	return { report };
};
