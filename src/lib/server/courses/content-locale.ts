// The language a trainee reads courses in. One function, so the interface's locale (event.locals.locale, set by the
// i18n hook) is the single place it comes from once it exists; until then the locale cookie, else English.
import type { Cookies } from '@sveltejs/kit';
import type { ContentLanguage } from '$lib/schemas/course';
import { contentLanguageOf } from '$lib/server/content/course-language';

/** Cookies that may carry the chosen locale: Paraglide's default name first, then a plain `lang`. */
export const LOCALE_COOKIES = ['PARAGLIDE_LOCALE', 'lang'] as const;

export function contentLocale(event: { locals: App.Locals; cookies: Pick<Cookies, 'get'> }): ContentLanguage {
	const fromHook = (event.locals as { locale?: unknown }).locale;
	if (typeof fromHook === 'string') return contentLanguageOf(fromHook);
	for (const name of LOCALE_COOKIES) {
		const value = event.cookies.get(name);
		if (value) return contentLanguageOf(value);
	}
	return contentLanguageOf(undefined);
}
