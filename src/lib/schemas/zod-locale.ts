// zod's own messages (a wrong type, a number too small, an option not offered, …) in the reader's language: the
// error map follows Paraglide's locale of the request (server) or page (browser), so a schema that gives no message
// of its own still answers a Bengali reader in Bengali. zod ships both wordings; messages we write ourselves come
// from messages/*.json as usual (docs/i18n.md). Imported for its effect by both hooks and by the YAML validator.
import { z } from 'zod';
import { getLocale } from '../paraglide/runtime';

const byLocale = { en: z.locales.en().localeError, bn: z.locales.bn().localeError };

z.config({
	localeError: (issue) => {
		let locale: string;
		try {
			locale = getLocale();
		} catch {
			locale = 'en';
		}
		return (locale === 'bn' ? byLocale.bn : byLocale.en)(issue);
	}
});
