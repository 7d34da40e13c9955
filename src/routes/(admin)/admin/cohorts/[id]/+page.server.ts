import { m } from '$lib/paraglide/messages';
import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { cohortMemberSchema, cohortSchema, cohortSearchSchema } from '$lib/schemas/auth';
import { parseForm } from '$lib/server/http';
import {
	addCohortMember,
	cohortNameTaken,
	countUsers,
	getCohort,
	getUser,
	isTrainee,
	listUsers,
	removeCohortMember,
	searchCohortCandidates,
	updateCohort
} from '$lib/server/db/queries/users';
import { pageFromUrl, pageInfo } from '$lib/server/pagination';
import { recordAudit } from '$lib/server/audit';

function loadCohort(event: RequestEvent) {
	const id = Number(event.params.id);
	const cohort = Number.isInteger(id) && id > 0 ? getCohort(id) : null;
	if (!cohort) error(404, { message: m.cohort_not_found(), requestId: event.locals.requestId });
	return cohort;
}

// Members one page at a time (by name) and the trainees to add found by search, a keyset page at a time: the page
// costs the same with 20 trainees or 2,000, and never lists the whole organisation.
export const load: PageServerLoad = (event) => {
	requireRole(event, 'admin');
	const cohort = loadCohort(event);
	const search = cohortSearchSchema.parse({ q: event.url.searchParams.get('q') ?? undefined, after: event.url.searchParams.get('after') ?? undefined });
	const members = pageInfo(countUsers({ cohortId: cohort.id }), pageFromUrl(event.url));
	const candidates = searchCohortCandidates(cohort.id, { search: search.q, after: search.after });
	return {
		cohort,
		trainers: listUsers({ role: 'trainer', active: true }),
		members: listUsers({ cohortId: cohort.id }, { limit: members.size, offset: members.offset }),
		membersPage: members,
		search: search.q,
		candidates: candidates.rows,
		nextCandidates: candidates.next === null ? null : String(candidates.next),
		anyTrainees: countUsers({ role: 'trainee' }) > 0
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
	add: async (event) => {
		const admin = requireRole(event, 'admin');
		const cohort = loadCohort(event);
		const parsed = await parseForm(event.request, cohortMemberSchema);
		if (!parsed.ok) return parsed.failure;
		const user = getUser(parsed.data.userId);
		if (!user || !isTrainee(user.id)) return fail(400, { errors: { userId: m.cohort_only_trainees() }, values: {} });
		if (user.cohortId === cohort.id) return fail(400, { errors: { userId: m.cohort_already_member({ name: user.name }) }, values: {} });
		addCohortMember(cohort.id, user.id);
		recordAudit({ actorId: admin.id, action: 'cohort.member_add', entityType: 'cohort', entityId: cohort.id, before: { userId: user.id, cohortId: user.cohortId }, after: { userId: user.id, cohortId: cohort.id } });
		return { saved: m.cohort_member_added({ name: user.name }) };
	},
	remove: async (event) => {
		const admin = requireRole(event, 'admin');
		const cohort = loadCohort(event);
		const parsed = await parseForm(event.request, cohortMemberSchema);
		if (!parsed.ok) return parsed.failure;
		const user = getUser(parsed.data.userId);
		if (!user || !removeCohortMember(cohort.id, user.id)) return fail(400, { errors: { userId: m.cohort_not_member() }, values: {} });
		recordAudit({ actorId: admin.id, action: 'cohort.member_remove', entityType: 'cohort', entityId: cohort.id, before: { userId: user.id, cohortId: cohort.id }, after: { userId: user.id, cohortId: null } });
		return { saved: m.cohort_member_removed({ name: user.name }) };
	}
};
