import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { parseForm } from '$lib/server/http';
import { recordAudit } from '$lib/server/audit';
import { assignmentFormSchema, assignmentIdSchema } from '$lib/schemas/assignments';
import { dueAtFromDate, isoDay } from '$lib/domain/assignments/assignments';
import {
	assignableItems,
	cohortMatrix,
	cohortTrainees,
	createAssignment,
	deleteAssignment,
	getAssignment,
	requireAssignableCohort
} from '$lib/server/assignments/assignments';

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, 'trainer', 'admin');
	const cohort = requireAssignableCohort(event, user);
	const now = new Date();
	return {
		matrix: cohortMatrix(cohort.id, now)!,
		items: assignableItems(),
		trainees: cohortTrainees(cohort.id),
		today: isoDay(now),
		now
	};
};

export const actions: Actions = {
	create: async (event) => {
		const user = requireRole(event, 'trainer', 'admin');
		const cohort = requireAssignableCohort(event, user);
		const parsed = await parseForm(event.request, assignmentFormSchema(isoDay(new Date())));
		if (!parsed.ok) return parsed.failure;
		const { target, trainees, dueDate, mode, minScore, callCount, note } = parsed.data;
		const item = assignableItems().find((i) => i.kind === target.kind && i.slug === target.slug);
		if (!item) return fail(400, { errors: { target: 'Choose what to assign from the list.' }, values: parsed.values });
		const members = new Set(cohortTrainees(cohort.id).map((t) => t.id));
		if (trainees.some((id) => !members.has(id))) {
			return fail(400, { errors: { trainees: `Pick trainees of ${cohort.name} only.` }, values: parsed.values });
		}
		const input = {
			cohortId: cohort.id,
			kind: item.kind,
			refSlug: item.slug,
			mode,
			minScore,
			callCount,
			dueAt: dueAtFromDate(dueDate),
			traineeIds: trainees,
			note,
			createdBy: user.id
		};
		const id = createAssignment(input);
		recordAudit({ actorId: user.id, action: 'assignment.create', entityType: 'assignment', entityId: id, after: input });
		const who = trainees.length ? `${trainees.length} trainee${trainees.length === 1 ? '' : 's'}` : `everyone in ${cohort.name}`;
		return { saved: `Assigned “${item.title}” to ${who}, due ${dueDate}.` };
	},
	remove: async (event) => {
		const user = requireRole(event, 'trainer', 'admin');
		const cohort = requireAssignableCohort(event, user);
		const parsed = await parseForm(event.request, assignmentIdSchema);
		if (!parsed.ok) return parsed.failure;
		const row = getAssignment(parsed.data.id);
		if (!row || row.cohortId !== cohort.id) return fail(404, { errors: { _form: 'That assignment is not in this cohort (it may have been removed already).' }, values: {} });
		deleteAssignment(row.id);
		recordAudit({ actorId: user.id, action: 'assignment.delete', entityType: 'assignment', entityId: row.id, before: row });
		return { saved: 'Assignment removed.' };
	}
};
