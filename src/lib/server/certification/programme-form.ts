// The programme editor's form action, shared by "new" and "edit": parse, validate, save, report.
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { formIssueMessage, zodFieldErrors } from '$lib/server/http';
import { programmeDefinitionFromForm, programmeFormSchema, programmeValuesFromForm, type ProgrammeFormValues } from '$lib/schemas/certification';
import type { RuleProblem } from '$lib/domain/certification/rules';
import { saveProgramme } from './programmes';
import type { ProgrammeRow } from './issue';

function problemsToErrors(problems: RuleProblem[]): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const p of problems) errors[p.path] = errors[p.path] ? `${errors[p.path]} ${p.message}` : p.message;
	return errors;
}

export async function handleProgrammeForm(event: RequestEvent, actorId: number, existing?: ProgrammeRow) {
	let values: ProgrammeFormValues;
	try {
		values = programmeValuesFromForm(await event.request.formData());
	} catch {
		return fail(400, { errors: { _form: m.form_unreadable() }, values: null });
	}
	const parsed = programmeFormSchema.safeParse(values, { error: formIssueMessage });
	if (!parsed.success) return fail(400, { errors: zodFieldErrors(parsed.error), values });
	// The slug is fixed once created: other programmes' phases refer to it.
	const data = existing ? { ...parsed.data, slug: existing.slug } : parsed.data;
	const result = saveProgramme(programmeDefinitionFromForm(data), actorId, existing, {
		revokeNonMatching: !!existing && data.revokeNonMatching
	});
	if (!result.ok) return fail(400, { errors: problemsToErrors(result.problems), values });
	// Issuing runs in the background (every active trainee is re-evaluated): the save answers at once.
	const revoked = existing ? ` ${result.revoked} certificate${result.revoked === 1 ? '' : 's'} revoked.` : '';
	const notice = `Saved.${revoked} Trainees are being re-evaluated in the background; new certificates appear in the list within a minute.`;
	redirect(303, `/admin/programmes/${result.programme.slug}?notice=${encodeURIComponent(notice)}`);
}
