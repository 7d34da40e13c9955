import { m } from '$lib/paraglide/messages';
import { formatInteger } from '$lib/i18n/format';
import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { cohortMembersSchema, cohortSchema } from '$lib/schemas/auth';
import { parseForm } from '$lib/server/http';
import { cohortNameTaken, getCohort, listUsers, setCohortMembers, updateCohort } from '$lib/server/db/queries/users';
import { recordAudit } from '$lib/server/audit';

function loadCohort(event: RequestEvent) {
	const id = Number(event.params.id);
	const cohort = Number.isInteger(id) && id > 0 ? getCohort(id) : null;
	if (!cohort) error(404, { message: m.cohort_not_found(), requestId: event.locals.requestId });
	return cohort;
}

export const load: PageServerLoad = (event) => {
	requireRole(event, 'admin');
	const cohort = loadCohort(event);
	return {
		cohort,
		trainers: listUsers({ role: 'trainer' }).filter((u) => u.active),
		trainees: listUsers({ role: 'trainee' })
	};
};

export const actions: Actions = {
	update: async (event) => {
		const admin = requireRole(event, 'admin');
		const cohort = loadCohort(event);
		const parsed = await parseForm(event.request, cohortSchema);
		if (!parsed.ok) return parsed.failure;
		if (cohortNameTaken(parsed.data.name, cohort.id)) return fail(400, { errors: { name: m.cohort_name_taken() }, values: parsed.values });
		updateCohort(cohort.id, parsed.data);
		recordAudit({ actorId: admin.id, action: 'cohort.update', entityType: 'cohort', entityId: cohort.id, before: { name: cohort.name, trainerId: cohort.trainerId }, after: parsed.data });
		return { saved: m.cohort_saved() };
	},
	members: async (event) => {
		const admin = requireRole(event, 'admin');
		const cohort = loadCohort(event);
		const parsed = await parseForm(event.request, cohortMembersSchema);
		if (!parsed.ok) return parsed.failure;
		const traineeIds = new Set(listUsers({ role: 'trainee' }).map((u) => u.id));
		const ids = parsed.data.trainees.filter((id) => traineeIds.has(id));
		if (ids.length !== parsed.data.trainees.length) return fail(400, { errors: { trainees: m.cohort_only_trainees() }, values: {} });
		const before = listUsers({ cohortId: cohort.id }).map((u) => u.id);
		setCohortMembers(cohort.id, ids);
		recordAudit({ actorId: admin.id, action: 'cohort.members', entityType: 'cohort', entityId: cohort.id, before: { trainees: before }, after: { trainees: ids } });
		return { saved: (ids.length === 1 ? m.cohort_members_saved_one : m.cohort_members_saved_other)({ count: formatInteger(ids.length) }) };
	}
};
