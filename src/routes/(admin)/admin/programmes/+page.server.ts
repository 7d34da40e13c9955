import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { listProgrammes, ruleCatalogue } from '$lib/server/certification/programmes';
import { describeCallRequirement } from '$lib/domain/certification/rules';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'admin');
	const catalogue = ruleCatalogue();
	const title = (list: { slug: string; title: string }[], slug: string) => list.find((x) => x.slug === slug)?.title ?? slug;
	return {
		programmes: listProgrammes().map((p) => ({
			slug: p.slug,
			title: p.title,
			version: p.version,
			validityMonths: p.rules.validityMonths,
			courses: p.rules.courses.map((s) => title(catalogue.courses, s)),
			calls: p.rules.calls.map((c) => describeCallRequirement(c, (s) => title(catalogue.scenarios, s))),
			prerequisites: p.rules.prerequisites.map((s) => title(catalogue.programmes, s))
		}))
	};
};
