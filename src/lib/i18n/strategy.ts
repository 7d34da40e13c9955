// Paraglide's 'custom-account' strategy (first in paraglide.config.js).
// Server: the locale saved on the signed-in user's account; the hook registers it for the request before
// paraglideMiddleware reads it. Browser: whatever the server chose, read from <html lang> (set server-side), so
// the hydrated page speaks the language the server rendered.
import { defineCustomClientStrategy, defineCustomServerStrategy } from '$lib/paraglide/runtime';
import { isLocale, type Locale } from './locales';

const accountLocales = new WeakMap<Request, Locale>();

/** Called by the hook once the session is known: the account's language wins over cookie and Accept-Language. */
export function setAccountLocale(request: Request, locale: string | null | undefined) {
	if (isLocale(locale)) accountLocales.set(request, locale);
}

defineCustomServerStrategy('custom-account', {
	getLocale: (request) => (request ? accountLocales.get(request) : undefined)
});

defineCustomClientStrategy('custom-account', {
	getLocale: () => {
		const lang = typeof document === 'undefined' ? undefined : document.documentElement.lang;
		return isLocale(lang) ? lang : undefined;
	},
	setLocale: (locale) => {
		if (typeof document !== 'undefined') document.documentElement.lang = locale;
	}
});
