// The language a piece of server work speaks, in Paraglide's server storage (every `m.key()` and `$lib/i18n/format`
// call inside reads it):
// - inRequestLocale: a request's, chosen by the strategies of paraglide.config.js (account → cookie →
//   Accept-Language → English), the hook's way in for every request;
// - inLocale: someone else's, for text to another reader (a notification's recipient).
import { AsyncLocalStorage } from 'node:async_hooks';
import { extractLocaleFromRequestAsync, getServerAsyncLocalStorage, overwriteServerAsyncLocalStorage } from '$lib/paraglide/runtime';
import { BASE_LOCALE, isLocale, type Locale } from '$lib/i18n/locales';
import { setAccountLocale } from '$lib/i18n/strategy';

type Store = NonNullable<ReturnType<NonNullable<ReturnType<typeof getServerAsyncLocalStorage>>['getStore']>>;

function storage() {
	let als = getServerAsyncLocalStorage();
	if (!als) {
		// Outside any request (the reminder job before the first page was served): the same storage the middleware
		// would create, so requests that come later share it.
		als = new AsyncLocalStorage<Store>() as NonNullable<ReturnType<typeof getServerAsyncLocalStorage>>;
		overwriteServerAsyncLocalStorage(als);
	}
	return als;
}

/** `work()` in `locale` (an account's saved language; anything else means English). */
export function inLocale<T>(locale: unknown, work: () => T): T {
	const als = storage();
	const current = als.getStore();
	return als.run({ ...current, locale: isLocale(locale) ? (locale as Locale) : BASE_LOCALE }, work);
}

/**
 * `work(locale)` in the request's language: the choice and the stored values of Paraglide's `paraglideMiddleware`
 * (locale, origin), without the copies of the request it makes for frameworks that need a new one (two Request
 * objects per request, ~3 % of a JSON request's server time). There is no 'url' strategy here, so no request is
 * redirected or rewritten; `accountLocale` is the signed-in user's saved language ('custom-account').
 */
export async function inRequestLocale<T>(
	request: Request,
	url: URL,
	accountLocale: string | null | undefined,
	work: (locale: Locale) => T | Promise<T>
): Promise<T> {
	setAccountLocale(request, accountLocale);
	// the async variant: the sync one skips custom strategies such as 'custom-account'
	const locale = (await extractLocaleFromRequestAsync(request, { effectiveRequestUrl: url })) as Locale;
	return storage().run({ locale, origin: url.origin, messageCalls: new Set<string>() }, () => work(locale));
}
