// The "new assignment" form: what (course, scenario or programme), for whom (the cohort or some of its trainees),
// by when, and for scenarios how many calls at what minimum score.
import { z } from 'zod';
import { m } from '../paraglide/messages';
import { formatInteger } from '../i18n/format';
import { displayText } from './text';
import { integerText, type SchemaMessage } from './number';
import { cohortMembersSchema } from './auth';
import { ASSIGNMENT_KINDS, MAX_ASSIGNED_CALLS, SCENARIO_MODES, type AssignmentKind } from '../domain/assignments/assignments';

const TARGET = new RegExp(`^(${ASSIGNMENT_KINDS.join('|')}):([a-z0-9]+(?:-[a-z0-9]+)*)$`);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `kind:slug` as the form's one select sends it. */
export function parseTarget(value: string): { kind: AssignmentKind; slug: string } | null {
	const match = TARGET.exec(value);
	return match ? { kind: match[1] as AssignmentKind, slug: match[2] } : null;
}

/** A whole number typed into a box that may be left empty (or left out): empty means `fallback`. */
function blankAs(fallback: string, message: SchemaMessage) {
	return z
		.string({ error: message })
		.trim()
		.default(fallback)
		.transform((v) => v || fallback)
		.pipe(integerText(message));
}

const scoreRange = () => m.form_whole_number_range({ min: formatInteger(0), max: formatInteger(100) });
const callRange = () => m.form_whole_number_range({ min: formatInteger(1), max: formatInteger(MAX_ASSIGNED_CALLS) });

/** `today` (YYYY-MM-DD, UTC) is the earliest due date accepted. */
export function assignmentFormSchema(today: string) {
	return z.object({
		target: z
			.string({ error: () => m.assign_choose_target() })
			.regex(TARGET, { error: () => m.assign_target_from_list() })
			.transform((v) => parseTarget(v)!),
		mode: z.enum(SCENARIO_MODES, { error: () => m.assign_choose_mode() }).default('practice'),
		minScore: blankAs('0', scoreRange)
			.pipe(z.number().int({ error: scoreRange }).min(0, { error: scoreRange }).max(100, { error: () => m.assign_score_max({ max: formatInteger(100) }) })),
		callCount: blankAs('1', callRange)
			.pipe(
				z
					.number()
					.int({ error: callRange })
					.min(1, { error: () => m.assign_calls_min({ min: formatInteger(1) }) })
					.max(MAX_ASSIGNED_CALLS, { error: () => m.assign_calls_max({ max: formatInteger(MAX_ASSIGNED_CALLS) }) })
			),
		dueDate: z
			.string({ error: () => m.assign_choose_due() })
			.trim()
			.min(1, { error: () => m.assign_choose_due() })
			.regex(DAY, { error: () => m.assign_due_format() })
			.refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), { error: () => m.form_date_not_exist() })
			.refine((d) => d >= today, { error: () => m.assign_due_past() }),
		trainees: cohortMembersSchema.shape.trainees,
		note: displayText({ max: 500, multiline: true }).default('')
	});
}
export type AssignmentForm = z.infer<ReturnType<typeof assignmentFormSchema>>;

export const assignmentIdSchema = z.object({
	id: integerText(() => m.assign_from_list()).pipe(z.number().int().positive({ error: () => m.assign_from_list() }))
});
