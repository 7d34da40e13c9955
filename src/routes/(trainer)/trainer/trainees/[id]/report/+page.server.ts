import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { ApiFailure } from '$lib/server/http';
import { traineeReportFor } from '$lib/server/certification/trainee-report';

export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'trainer', 'admin');
	try {
		return { report: traineeReportFor(user, Number(event.params.id)), isAdmin: user.roles.includes('admin') };
	} catch (err) {
		if (err instanceof ApiFailure) error(err.status, { message: err.message, code: err.code, requestId: event.locals.requestId });
		throw err;
	}
};
