// The trainee report PDF moved to /trainer/trainees/[id]/report/pdf: old admin bookmarks are sent there for good.
import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guards';

export const GET: RequestHandler = (event) => {
	requireRole(event, 'admin');
	redirect(308, `/trainer/trainees/${encodeURIComponent(event.params.id)}/report/pdf${event.url.search}`);
};
