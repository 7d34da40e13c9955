// Bengali (বাংলা) text as a Bangladeshi call-centre agent types it: the script test, Bengali digits, month names,
// a light suffix stripper for matching, and a loose key for comparing names across spelling variants and scripts.
// Pure, used by the matcher, the comparators and the tone estimator.

/** Any letter, sign or digit of the Bengali block. */
export const BENGALI_CHAR = /[\u0980-\u09ff]/;
const BENGALI_CHARS = /[\u0980-\u09ff]/g;
const LETTERS = /[\p{L}\p{M}]/gu;

export function hasBengali(text: string): boolean {
	return BENGALI_CHAR.test(text);
}

/** Share of the letters in a text that are Bengali (0 when it has no letters). */
export function bengaliShare(text: string): number {
	const letters = text.match(LETTERS)?.length ?? 0;
	if (letters === 0) return 0;
	return (text.match(BENGALI_CHARS)?.length ?? 0) / letters;
}

const BENGALI_ZERO = 0x09e6;

/** ০১২৩৪৫৬৭৮৯ → 0123456789; everything else unchanged. */
export function latinDigits(text: string): string {
	return text.replace(/[\u09e6-\u09ef]/g, (d) => String(d.charCodeAt(0) - BENGALI_ZERO));
}

/** Gregorian month names as written in Bangladesh, with the spellings people actually type (NFC). */
export const BENGALI_MONTHS: readonly (readonly string[])[] = [
	['জানুয়ারি', 'জানুয়ারী', 'জানু'],
	['ফেব্রুয়ারি', 'ফেব্রুয়ারী', 'ফেব্রু'],
	['মার্চ'],
	['এপ্রিল'],
	['মে'],
	['জুন'],
	['জুলাই'],
	['আগস্ট', 'আগষ্ট', 'অগাস্ট', 'অগস্ট'],
	['সেপ্টেম্বর', 'সেপ্টেম্বার', 'সেপ্ট'],
	['অক্টোবর', 'অক্টোবার'],
	['নভেম্বর', 'নভেম্বার'],
	['ডিসেম্বর', 'ডিসেম্বার']
].map((names) => names.map((n) => n.normalize('NFC')));

/** The month (1–12) a Bengali month name stands for, or 0. */
export function bengaliMonth(word: string): number {
	const w = word.normalize('NFC');
	return BENGALI_MONTHS.findIndex((names) => names.includes(w)) + 1;
}

/** A regex alternation of every Bengali month spelling, longest first (for spoken-date extraction). */
export const BENGALI_MONTH_PATTERN = BENGALI_MONTHS.flat()
	.sort((a, b) => b.length - a.length)
	.join('|');

// Endings that only inflect a word: classifiers and case endings of nouns ("সমস্যাটা", "বিলের", "লাইনে") and the
// tense/person endings of verbs ("থাকুন", "থাকবেন", "রাখতে", "রাখলে" → "থাক", "রাখ"). Stripping one lets a phrase
// match its inflected forms. Longest first, one ending per word, and the stem keeps at least two characters; the
// ending of the pronouns is never stripped (আপনি/তুমি/তুই stay apart, which the honorific check relies on).
const SUFFIXES = [
	'গুলোকে', 'গুলোর', 'গুলো', 'গুলি', 'দেরকে', 'দের', 'টাকে', 'টার', 'টাই', 'টা', 'টি', 'খানা', 'কে', 'তে', 'ের', 'েরা',
	'েছিলাম', 'েছিলেন', 'ছিলাম', 'েছেন', 'েছি', 'েছে', 'ছেন', 'ছি', 'ছে', 'বেন', 'বো', 'ব', 'লাম', 'লেন', 'লে', 'তেন', 'ুন', 'েন', 'ে'
]
	.map((s) => s.normalize('NFKD'))
	.sort((a, b) => b.length - a.length);
const MIN_STEM = 2;
const PRONOUNS = new Set(['আপনি', 'আপনার', 'আপনাকে', 'আপনারা', 'আপনাদের', 'তুমি', 'তোমার', 'তোমাকে', 'তোমরা', 'তোমাদের', 'তুই', 'তোর', 'তোকে', 'তোদের'].map((w) => w.normalize('NFKD')));

/**
 * A Bengali word (NFKD, as the matcher holds it) without its inflection; the Porter stemmer is never applied to
 * Bengali. Endings are stripped until none is left, so a word and its inflected form always meet ("লেনদেন" and
 * "লেনদেনটা" both end as "লেনদ"): the stem only has to be the same for both, not a dictionary word.
 */
export function stemBengali(word: string): string {
	let stem = word;
	for (let i = 0; i < 4; i++) {
		const next = stripOneEnding(stem);
		if (next === stem) break;
		stem = next;
	}
	return stem;
}

function stripOneEnding(word: string): string {
	if (PRONOUNS.has(word)) return word;
	// the emphatic ই after a case ending ("আমাদেরই", "আপনারই", "আজকেই") is dropped first
	const plain = /(?:\u09c7\u09b0|\u09b0|\u0995\u09c7|\u09a4\u09c7)\u0987$/.test(word) ? word.slice(0, -1) : word;
	if (PRONOUNS.has(plain)) return plain;
	for (const suffix of SUFFIXES) {
		if (plain.endsWith(suffix) && plain.length - suffix.length >= MIN_STEM && keepsStem(plain.slice(0, -suffix.length))) {
			return plain.slice(0, -suffix.length);
		}
	}
	// the genitive র and the locative য় after a vowel sign ("ডেলিভারির", "ঠিকানায়"); after a consonant they are part
	// of the word ("আর", "সময়")
	const ending = /[\u09be-\u09cc](\u09b0|\u09af\u09bc)$/.exec(plain);
	if (ending && plain.length - ending[1].length >= MIN_STEM + 1 && keepsStem(plain.slice(0, -ending[1].length))) {
		return plain.slice(0, -ending[1].length);
	}
	return plain;
}

/** A stem may not end in a bare virama (a cut conjunct) nor be a negating word ("নিতে" must not become "নি"). */
function keepsStem(stem: string): boolean {
	return !stem.endsWith('\u09cd') && !NEGATOR_SET.has(stem);
}

/** Words that negate the Bengali words just before them ("আপনার দোষ না" is not blame). */
export const BENGALI_NEGATORS = ['না', 'নয়', 'নি', 'নেই', 'নাই'].map((w) => w.normalize('NFKD'));
const NEGATOR_SET = new Set(BENGALI_NEGATORS);

// ---- names ----

// Spelling variants that Bengali writers use interchangeably in names: long/short i and u, the three sibilants,
// the two n's, j/y, the nukta letters, and signs that do not change how a name is said.
const BENGALI_FOLD: Record<string, string> = {
	'\u09c0': '\u09bf', // ী → ি
	'\u09c2': '\u09c1', // ূ → ু
	'\u0988': '\u0987', // ঈ → ই
	'\u098a': '\u0989', // ঊ → উ
	'\u09b6': '\u09b8', // শ → স
	'\u09b7': '\u09b8', // ষ → স
	'\u09a3': '\u09a8', // ণ → ন
	'\u09af': '\u099c', // য → জ
	'\u09ce': '\u09a4', // ৎ → ত
	'\u0981': '', // ঁ
	'\u0983': '', // ঃ
	'\u200c': '',
	'\u200d': ''
};

/** A Bengali name folded over its common spelling variants ("উদ্দীন" and "উদ্দিন" fold alike). */
export function foldBengaliName(name: string): string {
	// NFC keeps য় ড় ঢ় as letter + nukta (they are composition exclusions): fold those pairs first
	const pairs = name
		.normalize('NFC')
		.replace(/\u09af\u09bc/g, '\u09df')
		.replace(/[\u09a1\u09a2]\u09bc/g, '\u09b0')
		.replace(/\u09bc/g, '');
	let out = '';
	for (const ch of pairs) out += BENGALI_FOLD[ch] ?? ch;
	return out;
}

// Consonant sounds of Bengali letters in Latin letters, for comparing a name typed in one script with the other.
const CONSONANT_LATIN: Record<string, string> = {
	'ক': 'k', 'খ': 'k', 'গ': 'g', 'ঘ': 'g', 'ঙ': 'ng', 'চ': 'c', 'ছ': 'c', 'জ': 'j', 'ঝ': 'j', 'ঞ': 'n', 'ট': 't', 'ঠ': 't', 'ড': 'd', 'ঢ': 'd',
	'ণ': 'n', 'ত': 't', 'থ': 't', 'দ': 'd', 'ধ': 'd', 'ন': 'n', 'প': 'p', 'ফ': 'f', 'ব': 'b', 'ভ': 'b', 'ম': 'm', 'য': 'j', 'র': 'r', 'ল': 'l',
	'শ': 's', 'ষ': 's', 'স': 's', 'হ': 'h', 'ৎ': 't', 'ং': 'ng', 'ঃ': 'h'
};

/**
 * The consonant skeleton of a name in Latin letters, the same for "রহিম উদ্দিন" and "Rahim Uddin": vowels dropped,
 * sounds that romanisations spell differently folded (sh/s, z/j, v/b, ph/f, kh/k, th/t, ch/c), doubled letters
 * merged. Good enough to tell whether two spellings are the same name, not to transliterate.
 */
export function nameSkeleton(name: string): string {
	// য় is a glide and the ya-phala (্য) mostly doubles the consonant before it: neither is a consonant of its own
	const n = name
		.normalize('NFC')
		.toLowerCase()
		.replace(/\u09af\u09bc|\u09cd\u09af/g, '')
		.replace(/[\u09a1\u09a2]\u09bc/g, 'র');
	let latin = '';
	for (const ch of n) {
		if (/[a-z]/.test(ch)) latin += ch;
		else if (ch in CONSONANT_LATIN) latin += CONSONANT_LATIN[ch];
		else if (/\s/.test(ch)) latin += ' ';
	}
	return latin
		.replace(/sh|zh/g, 's')
		.replace(/ph/g, 'f')
		.replace(/([kgcjtdb])h/g, '$1')
		.replace(/ch/g, 'c')
		.replace(/z/g, 'j')
		.replace(/v/g, 'b')
		.replace(/q/g, 'k')
		.replace(/w/g, '')
		.replace(/x/g, 'ks')
		.replace(/[aeiouy]/g, '')
		.replace(/h/g, '')
		.replace(/(.)\1+/g, '$1')
		.replace(/\s+/g, ' ')
		.trim();
}
