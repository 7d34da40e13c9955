import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { deleteSessionCookie, invalidateSession } from '$lib/server/auth/session';

export const POST: RequestHandler = ({ locals, cookies, url }) => {
	if (locals.session) invalidateSession(locals.session.id);
	deleteSessionCookie(cookies, url.protocol === 'https:');
	redirect(303, '/login');
};
