import { m } from '$lib/paraglide/messages';
import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { cohortSchema } from '$lib/schemas/auth';
import { parseForm } from '$lib/server/http';
import { cohortNameTaken, createCohort, listCohorts, listUsers } from '$lib/server/db/queries/users';
import { recordAudit } from '$lib/server/audit';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'admin');
	return { cohorts: listCohorts(), trainers: listUsers({ role: 'trainer' }).filter((u) => u.active) };
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
