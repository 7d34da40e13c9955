// Text for someone other than the reader of this request (a notification's recipient): runs a function with
// Paraglide's server locale set to theirs, so every `m.key()` and `$lib/i18n/format` call inside speaks their language.
import { AsyncLocalStorage } from 'node:async_hooks';
import { getServerAsyncLocalStorage, overwriteServerAsyncLocalStorage } from '$lib/paraglide/runtime';
import { BASE_LOCALE, isLocale, type Locale } from '$lib/i18n/locales';

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
