import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { auditFilterFromUrl } from '$lib/schemas/audit';
import { auditFacets, auditPage } from '$lib/server/audit-log';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'admin');
	const { filter, errors } = auditFilterFromUrl(event.url);
	const result = auditPage(filter);
	const raw = Object.fromEntries(event.url.searchParams);
	return {
		...result,
		rows: result.rows.map((r) => ({ ...r, before: r.before === null ? null : JSON.stringify(r.before, null, 1), after: r.after === null ? null : JSON.stringify(r.after, null, 1) })),
		facets: auditFacets(),
		values: { actor: raw.actor ?? '', action: raw.action ?? '', entityType: raw.entityType ?? '', entityId: raw.entityId ?? '', from: raw.from ?? '', to: raw.to ?? '' },
		errors,
		// The filters the rows were found with: a bad value shown in the form is left out, as the rows leave it out.
		exportQuery: new URLSearchParams(Object.entries(raw).filter(([k, v]) => k !== 'page' && v && !(k in errors))).toString()
	};
};
