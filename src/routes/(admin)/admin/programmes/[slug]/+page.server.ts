import { m } from '$lib/paraglide/messages';
import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getProgramme, ruleCatalogue } from '$lib/server/certification/programmes';
import { handleProgrammeForm } from '$lib/server/certification/programme-form';
import { programmeFormValues } from '$lib/schemas/certification';

function loadProgramme(event: RequestEvent) {
	const programme = getProgramme(event.params.slug);
	if (!programme) error(404, { message: m.programme_not_found(), requestId: event.locals.requestId });
	return programme;
}

export const load: PageServerLoad = (event) => {
	requireRole(event, 'admin');
	const programme = loadProgramme(event);
	return {
		programme: { title: programme.title, version: programme.version, updatedAt: programme.updatedAt },
		values: programmeFormValues(programme),
		catalogue: ruleCatalogue(),
		notice: event.url.searchParams.get('notice')?.slice(0, 200) ?? null
	};
};

export const actions: Actions = {
	default: async (event) => {
		const admin = requireRole(event, 'admin');
		return handleProgrammeForm(event, admin.id, loadProgramme(event));
	}
};
