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
	training: Record<string, unknown>;
}

export interface BengaliModel {
	hashBits: number;
	heads: { bias: number; w: Float32Array }[];
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

/** Class probabilities (angry, neutral, polite) of a feature vector. */
export function bengaliProbabilities(model: BengaliModel, x: SparseVector): [number, number, number] {
	const z = model.heads.map((h) => h.bias + sparseDot(x, h.w));
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

