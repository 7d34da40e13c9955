// Typed comparators: how close an entered CRM value is to the expected one, as credit 0–1 with a reason.

import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { bengaliMonth, foldBengaliName, hasBengali, latinDigits, nameSkeleton } from '../domain/bengali';
import type { Vocabulary } from '../domain/call/text-match';
import { findPhrase } from '../domain/call/text-match';
import type { KeyFact } from '../schemas/scenario';
import type { FindingNote } from './types';

export interface Comparison {
	credit: number;
	/** why it is not full credit (English); null when correct */
	detail: string | null;
	/** the same reason as a code and its values, for pages in another language */
	note?: FindingNote;
}

const CORRECT: Comparison = { credit: 1, detail: null };
const partial = (credit: number, code: string, detail: string, params?: FindingNote['params']): Comparison => ({
	credit,
	detail,
	note: params ? { code, params } : { code }
});
const wrong = (code: string, detail: string, params?: FindingNote['params']): Comparison => partial(0, code, detail, params);

export function levenshtein(a: string, b: string): number {
	if (a === b) return 0;
	if (a.length === 0) return b.length;
	if (b.length === 0) return a.length;
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const row = [i];
		for (let j = 1; j <= b.length; j++) {
			row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
		}
		prev = row;
	}
	return prev[b.length];
}

/**
 * Phone numbers compared as E.164 after parsing (national formats in the scenario's country; Bengali digits read as
 * digits, so ০১৭১১-২২৩৩৪৪, 01711-223344 and +880 1711 223344 are one number).
 */
export function comparePhone(entered: string, expected: string, country: CountryCode = 'GB'): Comparison {
	const a = normalisePhone(entered, country);
	const b = normalisePhone(expected, country);
	if (a === null) return wrong('invalid_phone', 'not a valid phone number');
	if (a === b) return CORRECT;
	if (b !== null && a.length === b.length && levenshtein(a, b) === 1) {
		return partial(0.5, 'one_digit_differs', 'one digit differs');
	}
	if (b !== null && a.length !== b.length && levenshtein(a, b) === 1) {
		return partial(0.5, 'one_digit_missing_or_extra', 'one digit missing or extra');
	}
	return wrong('different_number', 'a different number');
}

export function normalisePhone(value: string, country: CountryCode = 'GB'): string | null {
	const parsed = parsePhoneNumberFromString(latinDigits(value).trim(), country);
	if (!parsed || !parsed.isPossible()) return null;
	return parsed.number;
}

/** E-mail addresses compared case-insensitively; a one- or two-letter typo gets half credit. */
export function compareEmail(entered: string, expected: string): Comparison {
	const a = entered.trim().toLowerCase();
	const b = expected.trim().toLowerCase();
	if (a === b) return CORRECT;
	if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(a)) return wrong('invalid_email', 'not a valid e-mail address');
	const distance = levenshtein(a, b);
	if (distance <= 2) return partial(0.5, distance === 1 ? 'email_one_char' : 'email_two_chars', `${distance === 1 ? 'one character' : 'two characters'} wrong: the e-mail would bounce`);
	return wrong('different_address', 'a different address');
}

/** Lower case, accents dropped, Bengali digits as 0–9; Bengali letters and signs kept (NFC). */
function normaliseName(value: string): string {
	return latinDigits(value)
		.normalize('NFKD')
		.replace(/[\u0300-\u036f\u200c\u200d]/g, '')
		.normalize('NFC')
		.toLowerCase()
		.replace(/[^a-z0-9\u0980-\u09e5\u09f0\u09f1]+/g, ' ')
		.trim();
}

/**
 * Names (and titles) compared loosely: case and accents ignored, a misspelling earns partial credit. Bengali names:
 * a common spelling variant (ী for ি, শ for স …) earns most of the credit; a name typed in the other script
 * ("Rahim Uddin" for "রহিম উদ্দিন") counts when its consonants match.
 */
export function compareName(entered: string, expected: string): Comparison {
	const a = normaliseName(entered);
	const b = normaliseName(expected);
	if (a === '') return wrong('empty', 'empty');
	if (a === b) return CORRECT;
	if (hasBengali(a) !== hasBengali(b)) return compareAcrossScripts(a, b);
	if (hasBengali(a) && foldBengaliName(a) === foldBengaliName(b)) {
		return partial(0.9, 'name_variant', 'spelt with a common variant (ী/ি, ূ/ু, শ/ষ/স, ণ/ন …): check the spelling with the customer');
	}
	const distance = hasBengali(a) ? levenshtein(foldBengaliName(a), foldBengaliName(b)) : levenshtein(a, b);
	const similarity = 1 - distance / Math.max(a.length, b.length);
	if (distance === 1 || similarity >= 0.85) return partial(0.7, 'misspelt_one_letter', 'misspelt (one letter differs)');
	if (similarity >= 0.7) return partial(0.4, 'misspelt', 'misspelt');
	return wrong('different_name', 'a different name');
}

/** A name typed in Latin letters for a Bengali one (or the other way round): compared by consonant skeleton. */
function compareAcrossScripts(a: string, b: string): Comparison {
	const x = nameSkeleton(a);
	const y = nameSkeleton(b);
	if (x.replace(/ /g, '').length < 2) return wrong('different_name', 'a different name');
	if (x === y) return CORRECT;
	if (levenshtein(x, y) === 1) return partial(0.5, 'other_script_one_sound', 'written in the other script, one sound differs');
	return wrong('different_name', 'a different name');
}

/** Identifiers (account numbers, queue names) compared ignoring case, spaces and punctuation. */
export function compareIdentifier(entered: string, expected: string): Comparison {
	return normaliseName(entered).replace(/ /g, '') === normaliseName(expected).replace(/ /g, '')
		? CORRECT
		: wrong('different_value', 'a different value');
}

/** Picklist values must be exactly the expected option. */
export function comparePicklist(entered: string, expected: string): Comparison {
	return entered.trim() === expected
		? CORRECT
		: wrong('picklist_instead', `"${entered.trim()}" chosen instead of "${expected}"`, { entered: entered.trim(), expected });
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Bengali ordinal endings of a day of the month: ১লা, ২রা, ৪ঠা, ৫ই, ১৯শে (as typed, NFC). */
const BENGALI_DAY_ENDING = '(?:লা|রা|ঠা|ই|শে|তম)?';
const BENGALI_DATE = new RegExp(`^(\\d{1,2})${BENGALI_DAY_ENDING}\\s*([\\u0980-\\u09ff]+),?\\s*(\\d{4})(?:\\s*(?:সাল|সালের|ইং|খ্রিস্টাব্দ))?$`);

/**
 * A date written ISO (2026-03-17), day first with / . or - (17/03/2026, 17-03-2026), in English words
 * (17 March 2026) or in Bengali (১৭ মার্চ ২০২৬, ১৭ই মার্চ, ২০২৬) → YYYY-MM-DD. Bengali digits count as digits.
 */
export function parseDate(value: string): string | null {
	const v = latinDigits(value).normalize('NFC').trim().toLowerCase();
	let y: number, m: number, d: number;
	let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
	if (match) [y, m, d] = [+match[1], +match[2], +match[3]];
	else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v))) [d, m, y] = [+match[1], +match[2], +match[3]];
	else if ((match = /^(\d{1,2})(?:st|nd|rd|th)?(?: of)? ([a-z]+),? (\d{4})$/.exec(v))) {
		[d, m, y] = [+match[1], MONTHS.indexOf(match[2].slice(0, 3)) + 1, +match[3]];
	} else if ((match = /^([a-z]+) (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/.exec(v))) {
		[m, d, y] = [MONTHS.indexOf(match[1].slice(0, 3)) + 1, +match[2], +match[3]];
	} else if ((match = BENGALI_DATE.exec(v))) {
		[d, m, y] = [+match[1], bengaliMonth(match[2]), +match[3]];
	} else return null;
	const date = new Date(Date.UTC(y, m - 1, d));
	if (m < 1 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
	return date.toISOString().slice(0, 10);
}

export function compareDate(entered: string, expected: string): Comparison {
	const a = parseDate(entered);
	if (a === null) return wrong('not_a_date', 'not a date');
	if (a === parseDate(expected)) return CORRECT;
	return wrong('date_instead', `${a} instead of ${expected}`, { entered: a, expected });
}

/** Bengali parts of the day before a time ("বিকাল ৪টা"): which half of the day the hour is in. */
export const BENGALI_DAY_PARTS: Record<string, 'a' | 'p' | 'noon' | 'night'> = {
	ভোর: 'a',
	সকাল: 'a',
	দুপুর: 'noon',
	বিকাল: 'p',
	বিকেল: 'p',
	সন্ধ্যা: 'p',
	রাত: 'night'
};
const DAY_PART_PATTERN = Object.keys(BENGALI_DAY_PARTS).join('|');
const BENGALI_TIME = new RegExp(
	`^(?:(${DAY_PART_PATTERN})(?:ের|ে)?\\s*)?(\\d{1,2})(?:[:.](\\d{2}))?\\s*(?:টা|টায়|টার)?(?:\\s*(\\d{1,2})\\s*মিনিট(?:ে)?)?(?:\\s*(?:বাজে|মিনিটে))?$`
);

/**
 * Which half of the day a Bengali part of the day puts an hour in: দুপুর ১২টা is noon and দুপুর ২টা afternoon,
 * রাত ৯টা is evening and রাত ১টা / রাত ১২টা after midnight.
 */
export function dayPartHalf(part: string, hours: number): 'a' | 'p' {
	const half = BENGALI_DAY_PARTS[part];
	if (half === 'noon') return hours === 11 ? 'a' : 'p';
	if (half === 'night') return hours >= 6 && hours <= 11 ? 'p' : 'a';
	return half;
}

/**
 * A time written 14:30, 14.30, 2:30 pm or 2pm → minutes after midnight; in Bengali also "বিকাল ৪টা", "সকাল ১০:৩০",
 * "১৪:৩০", "বিকেল ৩টা ১৫ মিনিট".
 */
export function parseTime(value: string): number | null {
	const v = latinDigits(value).normalize('NFC').trim().toLowerCase();
	const bengali = BENGALI_TIME.exec(v);
	if (bengali && (bengali[1] || /টা|টায়|টার|মিনিট|বাজে/.test(v))) {
		const hours = +bengali[2];
		const minutes = bengali[3] !== undefined ? +bengali[3] : bengali[4] !== undefined ? +bengali[4] : 0;
		if (!bengali[1]) return hours <= 23 && minutes <= 59 ? hours * 60 + minutes : null;
		return twelveHour(hours, minutes, dayPartHalf(bengali[1], hours));
	}
	const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/.exec(v);
	if (!match) return null;
	const hours = +match[1];
	const minutes = match[2] === undefined ? 0 : +match[2];
	const half = match[3]?.[0] as 'a' | 'p' | undefined;
	if (match[2] === undefined && !half) return null;
	return half ? twelveHour(hours, minutes, half) : hours > 23 || minutes > 59 ? null : hours * 60 + minutes;
}

function twelveHour(h: number, minutes: number, half: 'a' | 'p'): number | null {
	let hours = h;
	if (hours < 1 || hours > 12 || minutes > 59) return null;
	if (half === 'p' && hours !== 12) hours += 12;
	if (half === 'a' && hours === 12) hours = 0;
	return hours * 60 + minutes;
}

export function compareTime(entered: string, expected: string): Comparison {
	const a = parseTime(entered);
	if (a === null) return wrong('not_a_time', 'not a time');
	if (a === parseTime(expected)) return CORRECT;
	const hh = String(Math.floor(a / 60)).padStart(2, '0');
	const mm = String(a % 60).padStart(2, '0');
	return wrong('time_instead', `${hh}:${mm} instead of ${expected}`, { entered: `${hh}:${mm}`, expected });
}

/** Words that may be added without changing the meaning ("Customer relations team"). */
const FILLER_WORDS = new Set(['team', 'the', 'dept', 'department', 'queue', 'uk']);

/** Free text (addresses, team names) compared by the words it contains; filler words do not count. */
export function compareWords(entered: string, expected: string): Comparison {
	const a = new Set(normaliseName(entered).split(' ').filter(Boolean));
	const b = new Set(normaliseName(expected).split(' ').filter(Boolean));
	if (a.size === 0) return wrong('empty', 'empty');
	let shared = 0;
	for (const w of b) if (a.has(w)) shared++;
	const extra = [...a].filter((w) => !b.has(w) && !FILLER_WORDS.has(w)).length;
	if (shared === b.size && extra === 0) return CORRECT;
	const jaccard = shared / (a.size + b.size - shared);
	if (jaccard >= 0.9) return CORRECT;
	const missing = [...b].filter((w) => !a.has(w));
	if (jaccard >= 0.6) {
		return missing.length
			? partial(0.5, 'words_missing', `differs: ${missing.join(' ')}`, { missing: missing.join(' ') })
			: partial(0.5, 'words_extra', 'differs: extra words');
	}
	return wrong('no_match', 'does not match');
}

/** Free-text notes scored by how many key facts they cover (any of a fact's phrases, synonyms allowed). */
export function compareFacts(entered: string, facts: readonly KeyFact[], vocabulary: Vocabulary): Comparison & { missing: string[] } {
	const words = vocabulary.words(entered);
	const missing = facts
		.filter((fact) => !fact.phrases.some((p) => findPhrase(words, vocabulary.phrase(p)) !== null))
		.map((f) => f.label);
	const credit = facts.length === 0 ? 1 : (facts.length - missing.length) / facts.length;
	if (missing.length === 0) return { credit, detail: null, missing };
	return { ...partial(credit, 'facts_missing', `missing: ${missing.join('; ')}`, { missing: missing.join('; ') }), missing };
}
