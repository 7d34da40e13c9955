import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { baseLocale, locales } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import { BASE_LOCALE, LOCALES, isLocale } from './locales';

describe('interface languages', () => {
	it('lists the same languages as the inlang project the messages compile from', () => {
		const settings = JSON.parse(readFileSync('project.inlang/settings.json', 'utf8'));
		expect(settings.locales).toEqual([...LOCALES]);
		expect(settings.baseLocale).toBe(BASE_LOCALE);
		expect([...locales]).toEqual([...LOCALES]);
		expect(baseLocale).toBe(BASE_LOCALE);
	});

	it('knows its own codes and nothing else', () => {
		expect(isLocale('bn')).toBe(true);
		expect(isLocale('bn-BD')).toBe(false);
		expect(isLocale(undefined)).toBe(false);
	});

	it('gives a message in the language asked for, with parameters', () => {
		expect(m.error_status({ status: '404' }, { locale: 'en' })).toBe('Error 404');
		expect(m.error_status({ status: '৪০৪' }, { locale: 'bn' })).toBe('ত্রুটি ৪০৪');
	});
});
