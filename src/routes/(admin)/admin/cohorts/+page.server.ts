import { m } from '$lib/paraglide/messages';
import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { cohortSchema } from '$lib/schemas/auth';
import { parseForm } from '$lib/server/http';
import { cohortNameTaken, countCohorts, createCohort, listCohorts, listUsers } from '$lib/server/db/queries/users';
import { pageFromUrl, pageInfo } from '$lib/server/pagination';
import { recordAudit } from '$lib/server/audit';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'admin');
	// Pages of 50 by name: each page counts the members of its own cohorts only.
	const info = pageInfo(countCohorts(), pageFromUrl(event.url));
	return {
		cohorts: listCohorts({}, { limit: info.size, offset: info.offset }),
		pageInfo: info,
		trainers: listUsers({ role: 'trainer', active: true })
	};
};

export const actions: Actions = {
	create: async (event) => {
		const admin = requireRole(event, 'admin');
		const parsed = await parseForm(event.request, cohortSchema);
		if (!parsed.ok) return parsed.failure;
		if (cohortNameTaken(parsed.data.name)) return fail(400, { errors: { name: m.cohort_name_taken() }, values: parsed.values });
		const id = createCohort(parsed.data.name, parsed.data.trainerId);
		recordAudit({ actorId: admin.id, action: 'cohort.create', entityType: 'cohort', entityId: id, after: parsed.data });
		redirect(303, `/admin/cohorts/${id}`);
	}
};
