// Numbers, percentages, dates and times as the reader's language writes them: British English ("25 Nov 2026",
// "1,234", "85%") or Bengali as written in Bangladesh ("২৫ নভেম্বর ২০২৬", "১,২৩৪", "৮৫%"). Dates are in UTC so a
// server-rendered page and the hydrated page agree. Every function takes the locale last; left out, it is the
// current request's (server) or page's (browser) interface language.
import { getLocale } from '../paraglide/runtime';
import { INTL_LOCALE, isLocale, type Locale } from './locales';

function current(locale?: Locale): Locale {
	if (locale) return locale;
	const l = getLocale();
	return isLocale(l) ? l : 'en';
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

// Formatters are made once per locale and options. The functions below name their fixed options with a short key
// (they run for every number and date of a page); formatNumber's caller-given options are keyed by their JSON.
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions, key = JSON.stringify(options)): Intl.NumberFormat {
	let f = numberFormats.get(locale + key);
	if (!f) numberFormats.set(locale + key, (f = new Intl.NumberFormat(INTL_LOCALE[locale], options)));
	return f;
}

function dateFormat(locale: Locale, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	let f = dateFormats.get(locale + key);
	if (!f) dateFormats.set(locale + key, (f = new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: 'UTC', ...options })));
	return f;
}

const INTEGER: Intl.NumberFormatOptions = { maximumFractionDigits: 0 };
const PERCENT = [0, 1, 2, 3].map((digits): Intl.NumberFormatOptions => ({ style: 'percent', maximumFractionDigits: digits }));

/** "1,234.5" / "১,২৩৪.৫" */
export function formatNumber(n: number, options: Intl.NumberFormatOptions = {}, locale?: Locale): string {
	return numberFormat(current(locale), options).format(n);
}

/** A whole number: "1,234" / "১,২৩৪". */
export function formatInteger(n: number, locale?: Locale): string {
	return numberFormat(current(locale), INTEGER, 'integer').format(n);
}

/** A score or share given in percent (0–100): "85%" / "৮৫%"; `digits` decimals at most (default 0). */
export function formatPercent(percent: number, digits = 0, locale?: Locale): string {
	const options = PERCENT[digits] ?? { style: 'percent', maximumFractionDigits: digits };
	return numberFormat(current(locale), options, `percent${digits}`).format(percent / 100);
}

const DIGITS: Record<Locale, string> = { en: '0123456789', bn: '০১২৩৪৫৬৭৮৯' };

/** The digits of a code, count or time written in the locale's script, nothing else changed: "3 of 4" → "৩ of ৪". */
export function formatDigits(text: number | string, locale?: Locale): string {
	const l = current(locale);
	if (l === 'en') return String(text); // the same digits: no pass over the text
	const digits = DIGITS[l];
	return String(text).replace(/[0-9]/g, (c) => digits[Number(c)]);
}

/** Bengali reads dates without commas ("২৫ নভেম্বর ২০২৬"); ICU puts one after the month. */
const tidy = (locale: Locale, s: string) => (locale === 'bn' ? s.replace(/,(?= )/g, '') : s);

/** "25 Nov 2026" / "২৫ নভেম্বর ২০২৬" (Bengali month names are not abbreviated). */
export function formatDate(d: Date, locale?: Locale): string {
	const l = current(locale);
	return tidy(l, dateFormat(l, 'date', { day: 'numeric', month: l === 'bn' ? 'long' : 'short', year: 'numeric' }).format(d));
}

/** "25 November 2026" / "২৫ নভেম্বর ২০২৬" */
export function formatLongDate(d: Date, locale?: Locale): string {
	const l = current(locale);
	return tidy(l, dateFormat(l, 'longDate', { day: 'numeric', month: 'long', year: 'numeric' }).format(d));
}

/** "25 Nov" / "২৫ নভেম্বর" */
export function formatDayMonth(d: Date, locale?: Locale): string {
	const l = current(locale);
	return dateFormat(l, 'dayMonth', { day: 'numeric', month: l === 'bn' ? 'long' : 'short' }).format(d);
}

/** "Wednesday 25 November 2026" / "বুধবার ২৫ নভেম্বর ২০২৬" */
export function formatWeekdayDate(d: Date, locale?: Locale): string {
	const l = current(locale);
	return dateFormat(l, 'weekdayDate', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(d).replace(/,/g, '');
}

/** "08:41" / "০৮:৪১" (24-hour clock, UTC). */
export function formatTime(d: Date, locale?: Locale): string {
	return dateFormat(current(locale), 'time', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
}

/** "25 Nov 2026, 08:41 UTC" / "২৫ নভেম্বর ২০২৬, ০৮:৪১ UTC" */
export function formatDateTime(d: Date, locale?: Locale): string {
	const l = current(locale);
	return `${formatDate(d, l)}, ${formatTime(d, l)} UTC`;
}

/** The BCP 47 tag of the interface language ("en-GB" / "bn-BD"), for browser-local clock times (toLocaleString). */
export function intlTag(locale?: Locale): string {
	return INTL_LOCALE[current(locale)];
}
