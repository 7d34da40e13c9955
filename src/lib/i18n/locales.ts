// The interface languages: codes, their names in their own script, and the Intl locale each formats with.
// project.inlang/settings.json lists the same codes for the message compiler (a unit test keeps them equal).

export const LOCALES = ['en', 'bn'] as const;
export type Locale = (typeof LOCALES)[number];
export const BASE_LOCALE: Locale = 'en';

/** Shown in the switcher, each in its own language. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', bn: 'বাংলা' };

/** The Intl locale behind each interface language: British English; Bengali as written in Bangladesh (digits ০–৯). */
export const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', bn: 'bn-BD' };

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
