// Banglish (Bengali typed in Latin letters) read as the Bengali it spells, in a Bengali scenario: a Latin word that no
// phrase of the scenario uses and whose consonant skeleton (nameSkeleton: vowels dropped, sh/s, kh/k … folded) is
// that of exactly one Bengali word of the scenario's phrases is respelled as that word before matching. So "anumanik
// hishabe bill kora hoyeche" meets the phrase "আনুমানিক" and "mowkuf" meets "মওকুফ", however the agent spells them.
// Short skeletons (fewer than three letters) are left alone: too many words share them; short words have spelled-out
// synonyms instead (phrases-bn.ts). A question ending on "to" ends on the particle তো. See docs/call-engine.md.

import { nameSkeleton } from '../bengali';
import { normaliseWords, stemWord } from './text-match';

const BENGALI_CHAR = /[\u0980-\u09ff]/;
const LATIN_WORD = /^[a-z]+$/;
const MIN_SKELETON = 3;

export interface BanglishIndex {
	/** skeleton → the one Bengali phrase word (as written in the phrase) it stands for */
	bySkeleton: Map<string, string>;
	/** Latin words the phrases and synonyms use themselves: never respelled */
	known: Set<string>;
}

const skeletonOf = (word: string) => nameSkeleton(word).replace(/ /g, '');

/**
 * The index of a scenario's phrase texts (and its synonyms' words); a skeleton two different stems share is left out,
 * and so is every word of `never` (the phrases of faults: a coincidence of spelling must not accuse the agent of
 * blame or of তুমি; those are matched in Banglish by the spelled-out synonyms only).
 */
export function banglishIndex(texts: Iterable<string>, never: Iterable<string> = []): BanglishIndex {
	const excluded = new Set([...never].flatMap((text) => normaliseWords(text).map(skeletonOf)));
	const stems = new Map<string, Set<string>>();
	const surface = new Map<string, string>();
	const known = new Set<string>();
	for (const text of texts) {
		for (const word of normaliseWords(text)) {
			if (LATIN_WORD.test(word)) known.add(word);
			if (!BENGALI_CHAR.test(word)) continue;
			const key = skeletonOf(word);
			if (key.length < MIN_SKELETON || excluded.has(key)) continue;
			const set = stems.get(key) ?? new Set<string>();
			set.add(stemWord(word));
			stems.set(key, set);
			if (!surface.has(key)) surface.set(key, word);
		}
	}
	const bySkeleton = new Map<string, string>();
	for (const [key, set] of stems) if (set.size === 1) bySkeleton.set(key, surface.get(key)!);
	return { bySkeleton, known };
}

/** The text with each unknown Latin word whose skeleton is one Bengali phrase word's written as that word. */
export function respellBanglish(index: BanglishIndex, text: string): string {
	// "to" is the particle তো only where a question ends on it ("thik ache to?"); elsewhere it is English
	return text.replace(/\bto(?=\s*\?)/gi, 'তো').replace(/[A-Za-z]+/g, (word) => {
		const lower = word.toLowerCase();
		if (index.known.has(lower)) return word;
		const key = skeletonOf(lower);
		return (key.length >= MIN_SKELETON && index.bySkeleton.get(key)) || word;
	});
}
