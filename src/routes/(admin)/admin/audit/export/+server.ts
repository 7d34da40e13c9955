import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { auditFilterFromUrl } from '$lib/schemas/audit';
import { auditCsvStream } from '$lib/server/audit-log';
import { csvResponse } from '$lib/server/csv';
import { m } from '$lib/paraglide/messages';

export const GET: RequestHandler = (event) => {
	requireRole(event, 'admin');
	const { filter, errors } = auditFilterFromUrl(event.url);
	const bad = Object.entries(errors)[0];
	if (bad) error(400, { message: m.srv_audit_filter({ field: bad[0], problem: bad[1] }), requestId: event.locals.requestId });
	return csvResponse(`audit-log-${new Date().toISOString().slice(0, 10)}.csv`, auditCsvStream(filter));
};
