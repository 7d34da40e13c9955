import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { parseForm } from '$lib/server/http';
import { createScenario, listScenarios } from '$lib/server/scenarios/versions';
import { starterScenarioYaml } from '$lib/server/scenarios/starter';
import { editableScenarioSlugs } from '$lib/server/scenarios/rights';
import { m } from '$lib/paraglide/messages';
import { formatInteger } from '$lib/i18n/format';

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, 'trainer', 'admin');
	const editable = editableScenarioSlugs(user);
	return { scenarios: listScenarios().map((s) => ({ ...s, canEdit: editable.has(s.slug) })) };
};

const createSchema = z.object({
	title: z.string().trim().min(1, { error: () => m.zod_scenario_title() }).max(120, { error: () => m.zod_title_max({ max: formatInteger(120) }) }),
	slug: z
		.string()
		.trim()
		.min(1, { error: () => m.zod_scenario_slug() })
		.max(60, { error: () => m.zod_slug_max({ max: formatInteger(60) }) })
		.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: () => m.zod_slug_pattern({ example: 'late-delivery-complaint' }) })
});

export const actions: Actions = {
	create: async (event) => {
		const user = requireRole(event, 'trainer', 'admin');
		const parsed = await parseForm(event.request, createSchema);
		if (!parsed.ok) return parsed.failure;
		const today = new Date().toISOString().slice(0, 10);
		const { title, slug } = parsed.data;
		const result = createScenario(slug, title, user, starterScenarioYaml(slug, title, today));
		if (!result.ok) return fail(400, { errors: { slug: result.message }, values: parsed.values });
		redirect(303, `/trainer/scenarios/${slug}`);
	}
};
