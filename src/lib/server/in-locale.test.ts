// The request's language as the hook sets it (inRequestLocale): the same choice as Paraglide's own middleware for
// every combination of account setting, cookie and Accept-Language, and kept across awaits for the request's work.
import { describe, expect, it } from 'vitest';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { getLocale } from '$lib/paraglide/runtime';
import { setAccountLocale } from '$lib/i18n/strategy';
import { m } from '$lib/paraglide/messages';
import { inLocale, inRequestLocale } from './in-locale';

const URL_ = 'http://callcraft.test/courses';

function request(cookie: string | null, acceptLanguage: string | null) {
	const headers: Record<string, string> = {};
	if (cookie) headers.cookie = `PARAGLIDE_LOCALE=${cookie}`;
	if (acceptLanguage) headers['accept-language'] = acceptLanguage;
	return new Request(URL_, { headers });
}

/** What Paraglide's middleware chooses for the same request (the hook used it until session 15). */
async function middlewareChoice(account: string | null, cookie: string | null, acceptLanguage: string | null) {
	const probe = request(cookie, acceptLanguage);
	setAccountLocale(probe, account);
	return (await paraglideMiddleware(probe, ({ locale }) => new Response(`${locale} ${getLocale()}`))).text();
}

describe('inRequestLocale', () => {
	const accounts = [null, 'en', 'bn', 'fr'];
	const cookies = [null, 'en', 'bn', 'xx'];
	const headers = [null, 'bn-BD,bn;q=0.9,en;q=0.5', 'en-GB,en;q=0.8', 'de-DE', 'fr;q=0.9, bn;q=0.8'];

	it('chooses what Paraglide’s middleware chooses, for every account × cookie × Accept-Language', async () => {
		let bengali = 0;
		for (const account of accounts)
			for (const cookie of cookies)
				for (const header of headers) {
					const req = request(cookie, header);
					const ours = await inRequestLocale(req, new URL(req.url), account, (locale) => `${locale} ${getLocale()}`);
					expect(ours, `${account} / ${cookie} / ${header}`).toBe(await middlewareChoice(account, cookie, header));
					if (ours.startsWith('bn')) bengali++;
				}
		// the table is not all one language
		expect(bengali).toBeGreaterThan(10);
		expect(bengali).toBeLessThan(accounts.length * cookies.length * headers.length - 10);
	});

	it('puts the account first, then the cookie, then Accept-Language, then English', async () => {
		const pick = (account: string | null, cookie: string | null, header: string | null) => {
			const req = request(cookie, header);
			return inRequestLocale(req, new URL(req.url), account, (l) => l);
		};
		expect(await pick('bn', 'en', 'en')).toBe('bn');
		expect(await pick(null, 'bn', 'en')).toBe('bn');
		expect(await pick(null, null, 'bn-BD,bn;q=0.9')).toBe('bn');
		expect(await pick(null, null, 'de-DE')).toBe('en');
		expect(await pick(null, null, null)).toBe('en');
	});

	it('keeps the language for everything the request awaits, and inLocale inside it switches only its own work', async () => {
		const req = request(null, 'bn');
		const seen = await inRequestLocale(req, new URL(req.url), null, async () => {
			await new Promise((r) => setTimeout(r, 5));
			const inside = getLocale();
			const other = inLocale('en', () => getLocale());
			await Promise.resolve();
			return [inside, other, getLocale(), m.nav_courses()];
		});
		expect(seen.slice(0, 3)).toEqual(['bn', 'en', 'bn']);
		expect(seen[3]).not.toBe(inLocale('en', () => m.nav_courses()));
	});
});
