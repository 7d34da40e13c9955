import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { csvResponse } from '$lib/server/csv';
import { certificatesCsvStream } from '$lib/server/certification/exports';

export const GET: RequestHandler = (event) => {
	requireRole(event, 'admin');
	const day = new Date().toISOString().slice(0, 10);
	return csvResponse(`certifications-${day}.csv`, certificatesCsvStream(event.url.origin));
};
