// Normalised word matching for intents and key facts. Phrases are plain words (no regex from YAML):
// text is lower-cased, contractions expanded, punctuation dropped, words reduced to their stem ("estimated",
// "estimate" → "estim"), synonyms folded to one canonical form, and a phrase matches when its words appear in
// order; "..." in a phrase allows words in between, and " & " joins parts that may come in any order anywhere in
// the line ("hold & mind" matches "would you mind if I put you on hold"), none of them negated ("not", "never").

import { stemmer } from 'stemmer';
import { BENGALI_CHAR, BENGALI_NEGATORS, latinDigits, stemBengali } from '../bengali';
import type { ContentLanguage } from '../languages';
import { BUILTIN_SYNONYMS, CONTRACTIONS, FILLER_WORDS } from './phrases';
import { BENGALI_SYNONYMS } from './phrases-bn';

const stems = new Map<string, string>();
/**
 * The stem of a normalised word; short words (and numbers) are kept as they are. The Porter stemmer is English:
 * Bengali words only lose a classifier or case ending (`stemBengali`).
 */
export function stemWord(word: string): string {
	if (word.length <= 3 || /\d/.test(word)) return word;
	let stem = stems.get(word);
	if (stem === undefined) {
		stem = BENGALI_CHAR.test(word) ? stemBengali(word) : stemmer(word);
		if (stems.size < 50_000) stems.set(word, stem);
	}
	return stem;
}

const NEGATIONS = new Set(['not', 'never', 'no', 'nothing']);
/**
 * A phrase of one part is negated by "not", "never" or "nothing" in the three words before it ("we can't pause the
 * payment", "I can't help with anything else"), unless the phrase says the negation itself, the negator belongs to
 * an idiom ("don't worry", "not a problem", "never mind") or the line says "… enough" ("I can't thank you enough").
 * "no" is left out: "Oh no, I'm so sorry" is an apology.
 */
const PRE_NEGATORS = new Set(['not', 'never', 'nothing']);
const NEGATION_IDIOMS = new Set(['worri', 'problem', 'hesit', 'mind', 'onli', 'a']);
function negatedBefore(words: readonly string[], phrase: readonly string[][], start: number, end: number): boolean {
	if (phrase.some((segment) => segment.some((w) => NEGATIONS.has(w)))) return false;
	if (words.slice(end, end + 4).includes('enough')) return false;
	for (let k = 1; k <= 3; k++) {
		if (PRE_NEGATORS.has(words[start - k]) && !NEGATION_IDIOMS.has(words[start - k + 1])) return true;
	}
	return false;
}

/** Bengali negates after the words ("আপনার দোষ না"); stemmed like every other word. */
const NEGATIONS_AFTER = new Set(BENGALI_NEGATORS.map(stemWord));

/** Thousands separators inside a number ("5,000", Bengali "১,২০,০০০"): the number is one word. */
const DIGIT_GROUPS = /(\d),(?=\d)/g;

export function normaliseWords(text: string): string[] {
	// most lines are plain ASCII: skip Unicode normalisation for them. Bengali keeps its letters and signs (NFKD
	// writes ো, য় … one way whichever way they were typed); its digits become 0–9; zero-width joiners are dropped;
	// khanda ta (ৎ) is written ত, as it is before an ending ("সাক্ষাৎ" / "সাক্ষাতের").
	const folded = /^[\x00-\x7f]*$/.test(text)
		? text
		: latinDigits(text.normalize('NFKD').replace(/[\u0300-\u036f\u200c\u200d]/g, '')).replace(/\u09ce/g, '\u09a4');
	const lowered = folded.toLowerCase().replace(/[\u2018\u2019\u02bc`]/g, "'").replace(DIGIT_GROUPS, '$1');
	const words: string[] = [];
	for (const raw of lowered.split(/[^a-z0-9'\u0980-\u09e5\u09f0\u09f1]+/)) {
		if (raw === '') continue;
		const expanded = CONTRACTIONS[raw];
		if (expanded === undefined && !raw.includes("'")) {
			words.push(raw);
			continue;
		}
		for (const word of (expanded ?? raw).split(' ')) {
			// "customer's" → "customer": the possessive s and the apostrophe never matter
			const parts = word.split("'");
			for (let k = 0; k < parts.length; k++) {
				if (parts[k] !== '' && !(k > 0 && parts[k] === 's')) words.push(parts[k]);
			}
		}
	}
	return words;
}

/** Folds synonyms into their canonical words. Built once per scenario vocabulary. */
export class Vocabulary {
	/** first word of an alternative → alternatives starting with it, longest first */
	private readonly alternatives = new Map<string, { words: string[]; canonical: string[] }[]>();

	constructor(synonyms: Record<string, readonly string[]> = {}, language: ContentLanguage = 'en') {
		const tables = language === 'bn' ? [BUILTIN_SYNONYMS, BENGALI_SYNONYMS, synonyms] : [BUILTIN_SYNONYMS, synonyms];
		for (const table of tables) {
			for (const [canonical, alts] of Object.entries(table)) {
				const canonicalWords = this.plainWords(canonical);
				for (const alt of alts) this.add(this.plainWords(alt), canonicalWords);
			}
		}
		for (const list of this.alternatives.values()) list.sort((a, b) => b.words.length - a.words.length);
	}

	private add(words: string[], canonical: string[]) {
		if (words.length === 0 || canonical.length === 0) return;
		const list = this.alternatives.get(words[0]) ?? [];
		list.push({ words, canonical });
		this.alternatives.set(words[0], list);
	}

	/** Normalised, stemmed words of a text, before synonyms are folded. */
	plainWords(text: string): string[] {
		return normaliseWords(text)
			.filter((w) => !FILLER_WORDS.has(w))
			.map(stemWord);
	}

	/** Normalised, stemmed, synonym-folded words of a text. */
	words(text: string): string[] {
		const input = this.plainWords(text);
		const out: string[] = [];
		let i = 0;
		while (i < input.length) {
			const alt = this.alternatives.get(input[i])?.find((a) => startsAt(input, i, a.words));
			if (alt) {
				out.push(...alt.canonical);
				i += alt.words.length;
			} else {
				out.push(input[i]);
				i += 1;
			}
		}
		return out;
	}

	/** A phrase compiled for matching: its " & " parts, each a list of segments between "..." gaps. */
	phrase(text: string): CompiledPhrase {
		return text
			.split(' & ')
			.map((part) =>
				part
					.split('...')
					.map((segment) => this.words(segment))
					.filter((segment) => segment.length > 0)
			)
			.filter((part) => part.length > 0);
	}
}

/** " & " parts → "..." segments → words. */
export type CompiledPhrase = string[][][];

function startsAt(words: readonly string[], at: number, needle: readonly string[]): boolean {
	if (at + needle.length > words.length) return false;
	for (let j = 0; j < needle.length; j++) if (words[at + j] !== needle[j]) return false;
	return true;
}

function indexOfRun(words: readonly string[], needle: readonly string[], from: number): number {
	for (let i = from; i + needle.length <= words.length; i++) if (startsAt(words, i, needle)) return i;
	return -1;
}

/** Whether one part (segments in order) occurs in the words from `from`; returns the matched span or null. */
function findPart(words: readonly string[], part: readonly string[][], from = 0): { start: number; end: number } | null {
	if (part.length === 0) return null;
	let start = -1;
	for (const segment of part) {
		const at = indexOfRun(words, segment, from);
		if (at < 0) return null;
		if (start < 0) start = at;
		from = at + segment.length;
	}
	return { start, end: from };
}

/** A part of an " & " phrase counts where the two words before it hold no negation. */
function findUnnegated(words: readonly string[], part: readonly string[][]): boolean {
	for (let from = 0; ; ) {
		const span = findPart(words, part, from);
		if (!span) return false;
		const negated =
			(part[0].some((w) => NEGATIONS.has(w)) ? false : [1, 2].some((k) => NEGATIONS.has(words[span.start - k]))) ||
			negatedAfter(words, part, span.end);
		if (!negated) return true;
		from = span.start + 1;
	}
}

/** A Bengali negator right after a span negates it, unless the phrase itself ends in one ("কিছু করার নেই"). */
function negatedAfter(words: readonly string[], part: readonly string[][], end: number): boolean {
	return NEGATIONS_AFTER.has(words[end]) && !NEGATIONS_AFTER.has(part.at(-1)!.at(-1)!);
}

/** Whether a compiled phrase occurs in the words; returns the span of its first part, or null. */
export function findPhrase(words: readonly string[], phrase: CompiledPhrase): { start: number; end: number } | null {
	if (phrase.length === 0) return null;
	if (phrase.length === 1) {
		for (let from = 0; ; ) {
			const span = findPart(words, phrase[0], from);
			if (!span) return null;
			if (!negatedAfter(words, phrase[0], span.end) && !negatedBefore(words, phrase[0], span.start, span.end)) return span;
			from = span.start + 1;
		}
	}
	if (!phrase.every((part) => findUnnegated(words, part))) return null;
	return findPart(words, phrase[0]);
}

/** Whether the phrase matches with its first part starting exactly at `at` (the index scan of an utterance). */
export function phraseMatchesAt(words: readonly string[], at: number, phrase: CompiledPhrase): boolean {
	const [first, ...others] = phrase;
	const [head, ...rest] = first;
	for (let j = 0; j < head.length; j++) if (words[at + j] !== head[j]) return false;
	let end = at + head.length;
	if (rest.length > 0) {
		const span = findPart(words, rest, end);
		if (span === null) return false;
		end = span.end;
	}
	if (negatedAfter(words, first, end)) return false;
	if (others.length === 0) return !negatedBefore(words, first, at, end);
	if ([1, 2].some((k) => NEGATIONS.has(words[at - k])) && !head.some((w) => NEGATIONS.has(w))) return false;
	return others.every((part) => findUnnegated(words, part));
}

/** A named set of phrases; matches when any one phrase occurs. */
export interface CompiledPhraseSet {
	name: string;
	phrases: { text: string; words: CompiledPhrase }[];
}

export function compilePhraseSet(vocabulary: Vocabulary, name: string, phrases: readonly string[]): CompiledPhraseSet {
	return {
		name,
		phrases: phrases.map((text) => ({ text, words: vocabulary.phrase(text) })).filter((p) => p.words.length > 0)
	};
}
