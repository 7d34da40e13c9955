// Normalised word matching for intents and key facts. Phrases are plain words (no regex from YAML):
// text is lower-cased, contractions expanded, punctuation dropped, synonyms folded to one canonical form,
// and a phrase matches when its words appear in order; "..." in a phrase allows words in between.

import { BUILTIN_SYNONYMS, CONTRACTIONS } from './phrases';

export function normaliseWords(text: string): string[] {
	// most lines are plain ASCII: skip Unicode normalisation for them
	const folded = /^[\x00-\x7f]*$/.test(text) ? text : text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
	const lowered = folded.toLowerCase().replace(/[\u2018\u2019\u02bc`]/g, "'");
	const words: string[] = [];
	for (const raw of lowered.split(/[^a-z0-9']+/)) {
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

	constructor(synonyms: Record<string, readonly string[]> = {}) {
		for (const table of [BUILTIN_SYNONYMS, synonyms]) {
			for (const [canonical, alts] of Object.entries(table)) {
				const canonicalWords = normaliseWords(canonical);
				for (const alt of alts) this.add(normaliseWords(alt), canonicalWords);
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

	/** Normalised, synonym-folded words of a text. */
	words(text: string): string[] {
		const input = normaliseWords(text);
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

	/** A phrase compiled for matching: its segments between "..." gaps. */
	phrase(text: string): string[][] {
		return text
			.split('...')
			.map((segment) => this.words(segment))
			.filter((segment) => segment.length > 0);
	}
}

function startsAt(words: readonly string[], at: number, needle: readonly string[]): boolean {
	if (at + needle.length > words.length) return false;
	for (let j = 0; j < needle.length; j++) if (words[at + j] !== needle[j]) return false;
	return true;
}

function indexOfRun(words: readonly string[], needle: readonly string[], from: number): number {
	for (let i = from; i + needle.length <= words.length; i++) if (startsAt(words, i, needle)) return i;
	return -1;
}

/** Whether a compiled phrase occurs in the words; returns the matched span or null. */
export function findPhrase(words: readonly string[], phrase: readonly string[][]): { start: number; end: number } | null {
	if (phrase.length === 0) return null;
	let from = 0;
	let start = -1;
	for (const segment of phrase) {
		const at = indexOfRun(words, segment, from);
		if (at < 0) return null;
		if (start < 0) start = at;
		from = at + segment.length;
	}
	return { start, end: from };
}

/** A named set of phrases; matches when any one phrase occurs. */
export interface CompiledPhraseSet {
	name: string;
	phrases: { text: string; words: string[][] }[];
}

export function compilePhraseSet(vocabulary: Vocabulary, name: string, phrases: readonly string[]): CompiledPhraseSet {
	return {
		name,
		phrases: phrases.map((text) => ({ text, words: vocabulary.phrase(text) })).filter((p) => p.words.length > 0)
	};
}
