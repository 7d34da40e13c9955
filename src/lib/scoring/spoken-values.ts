// Pulls phone numbers, e-mail addresses, dates and times out of what the trainee said, so a read-back can be
// compared with what was typed.

import type { CountryCode } from 'libphonenumber-js';
import { BENGALI_MONTH_PATTERN, bengaliMonth, latinDigits } from '../domain/bengali';
import { BENGALI_DAY_PARTS, dayPartHalf, levenshtein, normalisePhone, parseDate, parseTime } from './comparators';

const MONTH_NAMES = 'january|february|march|april|may|june|july|august|september|october|november|december';
const MONTH_INDEX = MONTH_NAMES.split('|');

export function spokenEmails(text: string): string[] {
	const spoken = text.includes('@')
		? text
		: text.replace(/\s+dot\s+/gi, '.').replace(/(\S)\s+at\s+(\S+\.\S)/gi, '$1@$2');
	return [...spoken.matchAll(/[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi)].map((m) => m[0].toLowerCase().replace(/\.$/, ''));
}

export function spokenPhones(text: string, country: CountryCode = 'GB'): string[] {
	const out: string[] = [];
	for (const m of latinDigits(text).matchAll(/\+?\d[\d\s-]{8,}\d/g)) {
		const phone = normalisePhone(m[0], country);
		if (phone) out.push(phone);
	}
	return out;
}

const BENGALI_SPOKEN_DATE = new RegExp(
	`(\\d{1,2})(?:লা|রা|ঠা|ই|শে|তম)?\\s*(${BENGALI_MONTH_PATTERN})(?:,?\\s*(\\d{4}))?`,
	'g'
);

/** Dates said in words or digits (English or Bengali); a date without a year takes the call's year. */
export function spokenDates(text: string, callYear: number): string[] {
	const out: string[] = [];
	const lower = latinDigits(text).normalize('NFC').toLowerCase();
	for (const m of lower.matchAll(BENGALI_SPOKEN_DATE)) push(out, +m[1], bengaliMonth(m[2]), m[3] ? +m[3] : callYear);
	const dayFirst = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?(?: of)? (${MONTH_NAMES})(?:,? (\\d{4}))?`, 'g');
	for (const m of lower.matchAll(dayFirst)) push(out, +m[1], MONTH_INDEX.indexOf(m[2]) + 1, m[3] ? +m[3] : callYear);
	const monthFirst = new RegExp(`\\b(${MONTH_NAMES}) (\\d{1,2})(?:st|nd|rd|th)?\\b(?:,? (\\d{4}))?`, 'g');
	for (const m of lower.matchAll(monthFirst)) push(out, +m[2], MONTH_INDEX.indexOf(m[1]) + 1, m[3] ? +m[3] : callYear);
	for (const m of lower.matchAll(/\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g)) push(out, +m[1], +m[2], +m[3]);
	return [...new Set(out)];
}

function push(out: string[], d: number, m: number, y: number) {
	const iso = parseDate(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
	if (iso) out.push(iso);
}

/**
 * Times said as 14:30, 2.30 pm or 2pm, in minutes after midnight. "2:30" without am or pm is either 02:30 or 14:30
 * (people say "half two" for the afternoon), so both are returned.
 */
const BENGALI_SPOKEN_TIME = new RegExp(
	`(${Object.keys(BENGALI_DAY_PARTS).join('|')})(?:ের|ে)?\\s*(\\d{1,2})(?:[:.](\\d{2}))?\\s*(?:টা|টায়|টার)?(?:\\s*(\\d{1,2})\\s*মিনিট)?`,
	'g'
);

export function spokenTimes(text: string): number[] {
	const out: number[] = [];
	const lower = latinDigits(text).normalize('NFC').toLowerCase();
	// Bengali: "বিকাল ৪টায়", "সকাল ১০:৩০" — the part of the day says which half
	for (const m of lower.matchAll(BENGALI_SPOKEN_TIME)) {
		const hours = +m[2];
		const minutes = m[3] !== undefined ? +m[3] : m[4] !== undefined ? +m[4] : 0;
		if (hours < 1 || hours > 12 || minutes > 59) continue;
		const half = dayPartHalf(m[1], hours);
		out.push(((hours % 12) + (half === 'p' ? 12 : 0)) * 60 + minutes);
	}
	for (const m of lower.matchAll(/\b(\d{1,2}(?:[:.]\d{2})?)\s*(am|pm|a\.m\.|p\.m\.)?(?![\d/])/g)) {
		if (!m[2] && !/[:.]/.test(m[1])) continue;
		const minutes = parseTime(`${m[1]}${m[2] ? ` ${m[2]}` : ''}`);
		if (minutes === null) continue;
		out.push(minutes);
		if (!m[2] && minutes >= 60 && minutes < 12 * 60) out.push(minutes + 12 * 60);
	}
	return out;
}

export function formatMinutes(minutes: number): string {
	return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Whether a said value is close enough to the typed one to be the same thing said or typed wrongly. */
export function isNearMiss(kind: 'phone' | 'email' | 'date' | 'time', said: string, entered: string): boolean {
	if (said === entered) return false;
	switch (kind) {
		case 'phone':
			return levenshtein(said, entered) <= 2;
		case 'email':
			return levenshtein(said, entered) <= 3;
		case 'date':
			return Math.abs(Date.parse(said) - Date.parse(entered)) <= 31 * 86_400_000;
		case 'time':
			return Math.abs(parseTime(said)! - parseTime(entered)!) <= 12 * 60;
	}
}
