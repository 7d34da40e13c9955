// Text → sparse hashed feature vector for the tone model. Shared by the trainer
// (scripts/train-sentiment.ts) and inference (tone.ts) so both see exactly the same features.

import { lexiconCues } from './tone-lexicon';

export interface SparseVector {
	/** Bucket indices (distinct, unsorted). */
	idx: Int32Array;
	/** Values, same length as idx; the vector has unit L2 norm. */
	val: Float32Array;
}

/** FNV-1a 32-bit hash of a string (UTF-16 code units). */
export function fnv1a(s: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

const TOKEN_RE = /\[name\]|\[religion\]|[a-z0-9]+(?:'[a-z]+)?|[!?]+|[^\s\w]/gu;

/** Lower-cased tokens: words (with contractions), runs of ! or ?, and single punctuation marks. */
export function tokenize(text: string): string[] {
	return text.toLowerCase().match(TOKEN_RE) ?? [];
}

/**
 * Feature sets: 'ngrams' is the first model's; 'ngrams+lexicon' adds lexicon and complaint cues (tone-lexicon.ts);
 * 'ngrams+lexicon+handles' reads the same features of the text with addresses reduced (see `withoutAddresses`).
 */
export type FeatureSet = 'ngrams' | 'ngrams+lexicon' | 'ngrams+lexicon+handles';

const HANDLE_RE = /(^|[^\w@])@[A-Za-z0-9_]{2,30}\b/g;
const WEB_ADDRESS_RE = /\b(?:https?:\/\/|www\.)\S+/gi;

/**
 * A written message with its addresses reduced: an @handle to a bare "@" (a message addressed to someone, not who),
 * a web address removed. A company's handle names the company, not a feeling: without this its letters became
 * features that an invented or unseen company's name would trigger at random.
 */
export function withoutAddresses(text: string): string {
	if (!text.includes('@') && !/https?:|www\./i.test(text)) return text;
	return text.replace(HANDLE_RE, '$1@').replace(WEB_ADDRESS_RE, ' ');
}

/**
 * Features: word unigrams and bigrams, character 2–4-grams inside each word (with boundary marks),
 * plus a few surface cues the hashing would miss: shouting in capitals, many exclamation marks.
 * Counts are log-scaled (1 + ln tf) and the vector is L2-normalised. With 'ngrams+lexicon' the lexicon and
 * complaint cues are added after the normalisation, at their own scale (0…1 each), so long texts do not dilute them.
 */
export function extractFeatures(text: string, hashBits: number, set: FeatureSet = 'ngrams'): SparseVector {
	if (set === 'ngrams+lexicon+handles') text = withoutAddresses(text);
	const mask = (1 << hashBits) - 1;
	const counts = new Map<number, number>();
	const add = (key: string, w = 1) => {
		const b = fnv1a(key) & mask;
		counts.set(b, (counts.get(b) ?? 0) + w);
	};
	const lower = text.toLowerCase();
	const toks = lower.match(TOKEN_RE) ?? [];
	let prev = '<s>';
	for (const t of toks) {
		add('w:' + t);
		add('b:' + prev + ' ' + t);
		prev = t;
		if (t.length > 1 && /[a-z]/.test(t)) {
			const padded = '<' + t + '>';
			for (let n = 2; n <= 4; n++) {
				for (let i = 0; i + n <= padded.length; i++) add('c:' + padded.slice(i, i + n), 0.5);
			}
		}
	}
	add('b:' + prev + ' </s>');
	const capsWords = (text.match(/\b[A-Z]{3,}\b/g) ?? []).filter((w) => w !== 'NAME' && w !== 'RELIGION');
	if (capsWords.length > 0) add('cue:caps', Math.min(3, capsWords.length));
	const bangs = (text.match(/!/g) ?? []).length;
	if (bangs >= 2) add('cue:bangs', Math.min(3, bangs - 1));

	const idx = new Int32Array(counts.size);
	const val = new Float32Array(counts.size);
	let i = 0;
	let norm = 0;
	for (const [b, c] of counts) {
		const v = c >= 1 ? 1 + Math.log(c) : c;
		idx[i] = b;
		val[i] = v;
		norm += v * v;
		i++;
	}
	norm = Math.sqrt(norm) || 1;
	for (let j = 0; j < val.length; j++) val[j] /= norm;
	if (set === 'ngrams') return { idx, val };
	const dense = new Map<number, number>();
	for (let j = 0; j < idx.length; j++) dense.set(idx[j], val[j]);
	for (const [key, v] of lexiconCues(text, lower, toks)) {
		const b = fnv1a('lex:' + key) & mask;
		dense.set(b, (dense.get(b) ?? 0) + v);
	}
	return { idx: Int32Array.from(dense.keys()), val: Float32Array.from(dense.values()) };
}

/** Dot product of a sparse vector with a dense weight vector. */
export function sparseDot(x: SparseVector, w: ArrayLike<number>): number {
	let s = 0;
	for (let i = 0; i < x.idx.length; i++) s += x.val[i] * w[x.idx[i]];
	return s;
}
