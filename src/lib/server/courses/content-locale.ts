// The language a trainee reads courses in: the interface language the i18n hook chose for this request
// (account setting → PARAGLIDE_LOCALE cookie → Accept-Language → English), as a content language.
import type { ContentLanguage } from '$lib/schemas/course';
import { contentLanguageOf } from '$lib/server/content/course-language';

export function contentLocale(event: { locals: Pick<App.Locals, 'locale'> }): ContentLanguage {
	return contentLanguageOf(event.locals.locale);
}
