import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { loginSchema, safeRedirect } from '$lib/schemas/auth';
import { parseForm } from '$lib/server/http';
import { findUserByEmail, normaliseEmail } from '$lib/server/db/queries/users';
import { burnPasswordCheck, verifyPassword } from '$lib/server/auth/password';
import { checkLoginAllowed, recordLoginFailure, recordLoginSuccess } from '$lib/server/auth/rate-limit';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSession, setSessionCookie } from '$lib/server/auth/session';
import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { formatDigits } from '$lib/i18n/format';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	return { redirectTo: safeRedirect(url.searchParams.get('redirectTo')) };
};

export const actions: Actions = {
	default: async (event) => {
		const parsed = await parseForm(event.request, loginSchema);
		if (!parsed.ok) return parsed.failure;
		const { password, redirectTo } = parsed.data;
		const email = normaliseEmail(parsed.data.email);
		const values = { email: parsed.values.email ?? '', redirectTo: parsed.values.redirectTo ?? '' };
		const address = event.getClientAddress();

		const verdict = checkLoginAllowed(email, address);
		if (!verdict.allowed) {
			event.setHeaders({ 'retry-after': String(verdict.retryAfterSeconds) });
			const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
			return fail(429, {
				errors: { _form: (minutes === 1 ? m.login_too_many_one : m.login_too_many_other)({ minutes: formatDigits(minutes) }) },
				values,
				retryAfter: verdict.retryAfterSeconds
			});
		}

		// An account that others have failed on is slowed, never locked: its owner still gets in (rate-limit.ts).
		if (verdict.delayMs > 0) await sleep(verdict.delayMs);
		const user = findUserByEmail(email);
		const ok = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
		if (!ok || !user || !user.active) {
			recordLoginFailure(email, address);
			return fail(400, { errors: { _form: m.login_bad_credentials() }, values });
		}
		recordLoginSuccess(email);
		const { token, session } = createSession(user.id);
		setSessionCookie(event.cookies, token, session.expiresAt, event.url.protocol === 'https:');
		redirect(303, user.mustChangePassword ? '/account/password?required=1' : safeRedirect(redirectTo));
	}
};
