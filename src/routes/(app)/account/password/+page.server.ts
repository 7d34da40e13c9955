import { m } from '$lib/paraglide/messages';
import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { changePasswordSchema } from '$lib/schemas/auth';
import { parseForm } from '$lib/server/http';
import { findUserByEmail, setPassword } from '$lib/server/db/queries/users';
import { verifyPassword } from '$lib/server/auth/password';
import { createSession, invalidateUserSessions, setSessionCookie } from '$lib/server/auth/session';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	return { required: user.mustChangePassword };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const parsed = await parseForm(event.request, changePasswordSchema);
		if (!parsed.ok) return parsed.failure;
		const row = findUserByEmail(user.email);
		if (!row || !(await verifyPassword(row.passwordHash, parsed.data.current))) {
			return fail(400, { errors: { current: m.password_current_wrong() }, values: {} });
		}
		await setPassword(user.id, parsed.data.password, false);
		// A new password ends every other session; this browser gets a fresh one.
		invalidateUserSessions(user.id);
		const { token, session } = createSession(user.id);
		setSessionCookie(event.cookies, token, session.expiresAt, event.url.protocol === 'https:');
		redirect(303, '/?passwordChanged=1');
	}
};
