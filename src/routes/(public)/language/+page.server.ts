// The language switcher's target: saves the interface language in Paraglide's cookie and, for a signed-in user, on
// the account (which then wins on every device), then goes back to the page the switch was on.
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { safeRedirect } from '$lib/schemas/auth';
import { localeFormSchema } from '$lib/schemas/locale';
import { parseForm } from '$lib/server/http';
import { setUserLocale } from '$lib/server/db/queries/users';
import { cookieMaxAge, cookieName } from '$lib/paraglide/runtime';

export const load: PageServerLoad = ({ url, locals }) => ({
	redirectTo: safeRedirect(url.searchParams.get('redirectTo')),
	current: locals.locale
});

export const actions: Actions = {
	default: async (event) => {
		const parsed = await parseForm(event.request, localeFormSchema);
		if (!parsed.ok) return parsed.failure;
		const { locale, redirectTo } = parsed.data;
		// Not httpOnly: Paraglide's browser runtime reads and writes the same cookie.
		event.cookies.set(cookieName, locale, {
			path: '/',
			maxAge: cookieMaxAge,
			sameSite: 'lax',
			httpOnly: false,
			secure: event.url.protocol === 'https:'
		});
		if (event.locals.user) setUserLocale(event.locals.user.id, locale);
		redirect(303, safeRedirect(redirectTo));
	}
};
