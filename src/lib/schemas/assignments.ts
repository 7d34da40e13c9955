// The "new assignment" form: what (course, scenario or programme), for whom (the cohort or some of its trainees),
// by when, and for scenarios how many calls at what minimum score.
import { z } from 'zod';
import { displayText } from './text';
import { integerText } from './number';
import { cohortMembersSchema } from './auth';
import { ASSIGNMENT_KINDS, MAX_ASSIGNED_CALLS, SCENARIO_MODES, type AssignmentKind } from '../domain/assignments/assignments';

const TARGET = new RegExp(`^(${ASSIGNMENT_KINDS.join('|')}):([a-z0-9]+(?:-[a-z0-9]+)*)$`);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `kind:slug` as the form's one select sends it. */
export function parseTarget(value: string): { kind: AssignmentKind; slug: string } | null {
	const m = TARGET.exec(value);
	return m ? { kind: m[1] as AssignmentKind, slug: m[2] } : null;
}

/** A whole number typed into a box that may be left empty (or left out): empty means `fallback`. */
function blankAs(fallback: string, message: string) {
	return z
		.string(message)
		.trim()
		.default(fallback)
		.transform((v) => v || fallback)
		.pipe(integerText(message));
}

/** `today` (YYYY-MM-DD, UTC) is the earliest due date accepted. */
export function assignmentFormSchema(today: string) {
	return z.object({
		target: z
			.string('Choose what to assign.')
			.regex(TARGET, 'Choose what to assign from the list.')
			.transform((v) => parseTarget(v)!),
		mode: z.enum(SCENARIO_MODES, 'Choose practice or assessment.').default('practice'),
		minScore: blankAs('0', 'Enter a whole number from 0 to 100.')
			.pipe(z.number().int().min(0, 'Enter a whole number from 0 to 100.').max(100, 'Scores go up to 100.')),
		callCount: blankAs('1', `Enter a whole number from 1 to ${MAX_ASSIGNED_CALLS}.`)
			.pipe(z.number().int().min(1, 'Ask for at least 1 call.').max(MAX_ASSIGNED_CALLS, `Ask for at most ${MAX_ASSIGNED_CALLS} calls.`)),
		dueDate: z
			.string('Choose a due date.')
			.trim()
			.min(1, 'Choose a due date.')
			.regex(DAY, 'Enter the due date as YYYY-MM-DD.')
			.refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'This date does not exist.')
			.refine((d) => d >= today, 'The due date is in the past: choose today or a later day.'),
		trainees: cohortMembersSchema.shape.trainees,
		note: displayText({ max: 500, multiline: true }).default('')
	});
}
export type AssignmentForm = z.infer<ReturnType<typeof assignmentFormSchema>>;

export const assignmentIdSchema = z.object({
	id: integerText('Choose an assignment from the list.').pipe(z.number().int().positive('Choose an assignment from the list.'))
});
