import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { parseForm } from '$lib/server/http';
import { recordAudit } from '$lib/server/audit';
import { assignmentFormSchema, assignmentIdSchema } from '$lib/schemas/assignments';
import { describeAssignment, dueAtFromDate, isoDay } from '$lib/domain/assignments/assignments';
import {
	assignableItems,
	cohortMatrix,
	cohortTrainees,
	createAssignment,
	deleteAssignment,
	getAssignment,
	requireAssignableCohort,
	targetsOfAssignment,
	taskHref
} from '$lib/server/assignments/assignments';
import { inRecipientLanguage, notify } from '$lib/server/notifications/notify';
import { formatDigits, formatInteger } from '$lib/i18n/format';
import { cohortTargetsView, setTargets, suggestedTargets } from '$lib/server/targets/targets';
import { settableMonths } from '$lib/domain/targets/targets';
import { targetsFormSchema } from '$lib/schemas/targets';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, 'trainer', 'admin');
	const cohort = requireAssignableCohort(event, user);
	const now = new Date();
	const targets = cohortTargetsView(cohort.id, now);
	return {
		targets,
		suggestedTargets: suggestedTargets(targets),
		targetMonths: settableMonths(now),
		matrix: cohortMatrix(cohort.id, now)!,
		items: assignableItems(),
		trainees: cohortTrainees(cohort.id),
		today: isoDay(now),
		now
	};
};

export const actions: Actions = {
	targets: async (event) => {
		const user = requireRole(event, 'trainer', 'admin');
		const cohort = requireAssignableCohort(event, user);
		const now = new Date();
		const parsed = await parseForm(event.request, targetsFormSchema(settableMonths(now)));
		if (!parsed.ok) return fail(400, { targetErrors: parsed.failure.data.errors, targetValues: parsed.failure.data.values });
		const { month, ...targets } = parsed.data;
		setTargets(cohort.id, month, targets, user.id, now);
		return { targetsSaved: m.targets_saved({ month }) };
	},
	create: async (event) => {
		const user = requireRole(event, 'trainer', 'admin');
		const cohort = requireAssignableCohort(event, user);
		const parsed = await parseForm(event.request, assignmentFormSchema(isoDay(new Date())));
		if (!parsed.ok) return parsed.failure;
		const { target, trainees, dueDate, mode, minScore, callCount, note } = parsed.data;
		const item = assignableItems().find((i) => i.kind === target.kind && i.slug === target.slug);
		if (!item) return fail(400, { errors: { target: m.srv_assign_pick_item() }, values: parsed.values });
		const members = new Set(cohortTrainees(cohort.id).map((t) => t.id));
		if (trainees.some((id) => !members.has(id))) {
			return fail(400, { errors: { trainees: m.srv_assign_cohort_only({ cohort: cohort.name }) }, values: parsed.values });
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
		const row = getAssignment(id)!;
		notify(
			targetsOfAssignment(row).map((userId) =>
				inRecipientLanguage(userId, () => ({
					userId,
					kind: 'assignment-new' as const,
					title: m.notif_assignment_new_title({ title: item.title }),
					body: m.notif_assignment_new_body({ what: describeAssignment(row, item.title), date: formatDigits(dueDate) }) + (note ? `\n\n${note}` : ''),
					href: taskHref(row),
					dedupeKey: `assignment:${id}:new`
				}))
			)
		);
		recordAudit({ actorId: user.id, action: 'assignment.create', entityType: 'assignment', entityId: id, after: input });
		const due = formatDigits(dueDate);
		const saved = !trainees.length
			? m.srv_assigned_cohort({ title: item.title, cohort: cohort.name, date: due })
			: trainees.length === 1
				? m.srv_assigned_one({ title: item.title, date: due })
				: m.srv_assigned_other({ title: item.title, count: formatInteger(trainees.length), date: due });
		return { saved };
	},
	remove: async (event) => {
		const user = requireRole(event, 'trainer', 'admin');
		const cohort = requireAssignableCohort(event, user);
		const parsed = await parseForm(event.request, assignmentIdSchema);
		if (!parsed.ok) return parsed.failure;
		const row = getAssignment(parsed.data.id);
		if (!row || row.cohortId !== cohort.id) return fail(404, { errors: { _form: m.srv_assignment_not_in_cohort() }, values: {} });
		deleteAssignment(row.id);
		recordAudit({ actorId: user.id, action: 'assignment.delete', entityType: 'assignment', entityId: row.id, before: row });
		return { saved: m.srv_assignment_removed() };
	}
};
