// The trained Bengali tone model: three classes (angry, neutral, polite) from hashed word and character n-grams plus
// the lexicon's marker counts (domain/tone-bn.ts) as inputs. Written by scripts/train-tone-bn.ts, read by tone.ts.
// See docs/tone-model-card.md, "Bengali (বাংলা) utterances".

import { bengaliMarkers, bengaliWords, type BengaliMarkerKind, type BengaliToneAnalysis } from '../../domain/tone-bn';
import { fnv1a, sparseDot, type SparseVector } from './tone-features';
import { encodeHead, type StoredHead } from './tone-model';

export const BENGALI_MODEL_FORMAT = 'callcraft-tone-bn/1';

export interface BengaliModelFile {
	format: typeof BENGALI_MODEL_FORMAT;
	hashBits: number;
	/** One linear head per class, in BENGALI_TONE_LABELS order (angry, neutral, polite); softmax over the three. */
	heads: [StoredHead, StoredHead, StoredHead];
	/** How a Latin-script line is recognised as Banglish (Bengali typed in Latin letters); absent in older files. */
	banglish?: BanglishRule;
	training: Record<string, unknown>;
}

/**
 * A Latin-script line is Banglish when at least `minShare` of its words, and at least two different ones (one for a
 * one-word line), are Banglish words: words of the Banglish training lines that are not English words (see the trainer).
 */
export interface BanglishRule {
	minShare: number;
	words: string[];
}

export interface BengaliModel {
	hashBits: number;
	heads: { bias: number; w: Float32Array }[];
	banglish: { minShare: number; words: Set<string> } | null;
}

const LATIN_WORD = /[a-z]+/g;

/** Lower-case Latin words of a text, as the Banglish rule counts them. */
export const latinWords = (text: string): string[] => text.toLowerCase().match(LATIN_WORD) ?? [];

/** The share of a text's Latin words that are Banglish words, and how many different ones it has. */
export function banglishHits(words: ReadonlySet<string>, text: string): { share: number; distinct: number; total: number } {
	const all = latinWords(text);
	const hits = all.filter((w) => words.has(w));
	return { share: all.length ? hits.length / all.length : 0, distinct: new Set(hits).size, total: all.length };
}

/** Whether the model reads this (Latin-script) text as Banglish; false for a model file without the rule. */
export function looksBanglish(model: BengaliModel, text: string): boolean {
	if (!model.banglish) return false;
	const { share, distinct, total } = banglishHits(model.banglish.words, text);
	return total > 0 && distinct >= Math.min(2, total) && share >= model.banglish.minShare;
}

const TOKEN_RE = /[\p{L}\p{M}]+|\p{N}+|[!?]+/gu;
const MARKER_KINDS: readonly BengaliMarkerKind[] = ['polite', 'apology', 'acknowledge', 'blame', 'anger', 'rude'];

/**
 * Features of one utterance: surface words and their bigrams, the lexicon's stemmed words, character 2–4-grams inside
 * each word (Bengali inflects: the grams carry a stem to its other forms), log tf, L2-normalised; then, at their own
 * scale, the count of each kind of lexicon marker (0, ½ or 1) and an exclamation cue. `markers`: the text's marker
 * counts, when the caller has them already.
 */
export function bengaliFeatures(text: string, hashBits: number, markers = bengaliMarkers(text).counts): SparseVector {
	const mask = (1 << hashBits) - 1;
	const counts = new Map<number, number>();
	const add = (key: string, w = 1) => {
		const b = fnv1a(key) & mask;
		counts.set(b, (counts.get(b) ?? 0) + w);
	};
	const toks = text.toLowerCase().normalize('NFC').match(TOKEN_RE) ?? [];
	let prev = '<s>';
	for (const t of toks) {
		add('w:' + t);
		add('b:' + prev + ' ' + t);
		prev = t;
		if (t.length > 1 && !/^[\p{N}!?]+$/u.test(t)) {
			const padded = '<' + t + '>';
			for (let n = 2; n <= 4; n++) for (let i = 0; i + n <= padded.length; i++) add('c:' + padded.slice(i, i + n), 0.5);
		}
	}
	add('b:' + prev + ' </s>');
	for (const w of bengaliWords(text)) add('s:' + w);
	const idx: number[] = [];
	const val: number[] = [];
	let norm = 0;
	for (const [b, c] of counts) {
		const v = c >= 1 ? 1 + Math.log(c) : c;
		idx.push(b);
		val.push(v);
		norm += v * v;
	}
	norm = Math.sqrt(norm) || 1;
	const dense = new Map<number, number>();
	idx.forEach((b, j) => dense.set(b, val[j] / norm));
	const cue = (key: string, v: number) => {
		if (v === 0) return;
		const b = fnv1a('lex:' + key) & mask;
		dense.set(b, (dense.get(b) ?? 0) + v);
	};
	for (const kind of MARKER_KINDS) cue(kind, markers[kind] / 2);
	cue('!', text.includes('!') ? 1 : 0);
	return { idx: Int32Array.from(dense.keys()), val: Float32Array.from(dense.values()) };
}

export function decodeBengaliModel(file: BengaliModelFile): BengaliModel {
	if (file?.format !== BENGALI_MODEL_FORMAT) throw new Error(`not a ${BENGALI_MODEL_FORMAT} model file`);
	const size = 1 << file.hashBits;
	return {
		hashBits: file.hashBits,
		banglish: file.banglish ? { minShare: file.banglish.minShare, words: new Set(file.banglish.words) } : null,
		heads: file.heads.map((h) => {
			const bytes = Buffer.from(h.weights, 'base64');
			if (bytes.length !== size) throw new Error(`Bengali tone model head has ${bytes.length} weights, expected ${size}`);
			const q = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
			return { bias: h.bias, w: Float32Array.from(q, (v) => v * h.scale) };
		})
	};
}

export function encodeBengaliHeads(heads: { bias: number; w: Float32Array }[]): [StoredHead, StoredHead, StoredHead] {
	return heads.map((h) => encodeHead(h.bias, h.w)) as [StoredHead, StoredHead, StoredHead];
}

/** Class logits (angry, neutral, polite) of a feature vector. */
export const bengaliLogits = (model: BengaliModel, x: SparseVector): number[] => model.heads.map((h) => h.bias + sparseDot(x, h.w));

/** Log-odds of one class of a text (finite where its probability rounds to 1). */
export function bengaliLogOdds(model: BengaliModel, text: string, c: number): number {
	const z = bengaliLogits(model, bengaliFeatures(text, model.hashBits));
	const others = z.filter((_, k) => k !== c);
	const m = Math.max(...others);
	return z[c] - (m + Math.log(others.reduce((sum, v) => sum + Math.exp(v - m), 0)));
}

/** Class probabilities (angry, neutral, polite) of a feature vector. */
export function bengaliProbabilities(model: BengaliModel, x: SparseVector): [number, number, number] {
	const z = bengaliLogits(model, x);
	const m = Math.max(...z);
	const e = z.map((v) => Math.exp(v - m));
	const s = e[0] + e[1] + e[2];
	return [e[0] / s, e[1] / s, e[2] / s];
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The estimate from class probabilities: anger is P(angry), politeness ½ + ½ (P(polite) − P(angry)), sentiment the
 * three probabilities. With the label rule of `bengaliToneLabel` (anger ≥ 0.65 angry, politeness ≥ 0.65 polite) a line
 * is angry when P(angry) ≥ 0.65 and polite when P(polite) exceeds P(angry) by 0.3.
 */
export function bengaliEstimate(p: [number, number, number], markers: BengaliToneAnalysis['markers']): BengaliToneAnalysis {
	const [angry, neutral, polite] = p;
	return {
		anger: round(angry),
		politeness: round(Math.min(1, Math.max(0, 0.5 + 0.5 * (polite - angry)))),
		sentiment: { negative: round(angry), neutral: round(neutral), positive: round(polite) },
		source: 'text',
		markers
	};
}

/** Tone of one Bengali utterance from the trained model. */
export function estimateBengaliToneWith(model: BengaliModel, text: string): BengaliToneAnalysis {
	const { markers, counts } = bengaliMarkers(text);
	return bengaliEstimate(bengaliProbabilities(model, bengaliFeatures(text, model.hashBits, counts)), markers);
}

