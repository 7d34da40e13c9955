import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { listProgrammes, ruleCatalogue } from '$lib/server/certification/programmes';
import { describeCallRequirement } from '$lib/domain/certification/rules';
import { titleOf } from '$lib/domain/certification/describe';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'admin');
	const catalogue = ruleCatalogue();
	return {
		programmes: listProgrammes().map((p) => ({
			slug: p.slug,
			title: p.title,
			version: p.version,
			validityMonths: p.rules.validityMonths,
			courses: p.rules.courses.map((s) => titleOf(catalogue.courses, s)),
			calls: p.rules.calls.map((c) => describeCallRequirement(c, (s) => titleOf(catalogue.scenarios, s))),
			prerequisites: p.rules.prerequisites.map((s) => titleOf(catalogue.programmes, s))
		}))
	};
};
