// The tone model's file format (JSON with int8-quantised weights in base64) and its prediction.
// Written by scripts/train-sentiment.ts, read by tone.ts and scripts/eval-tone.ts.

import { extractFeatures, sparseDot, type FeatureSet, type SparseVector } from './tone-features';

export const TONE_MODEL_FORMAT = 'callcraft-tone/1';

/** One linear head: logit = bias + scale · (int8 weights · features). */
export interface StoredHead {
	bias: number;
	scale: number;
	/** base64 of an Int8Array of length 2^hashBits. */
	weights: string;
}

export interface ToneModelFile {
	format: typeof TONE_MODEL_FORMAT;
	hashBits: number;
	/** Which features the heads read; absent in the first model's file = 'ngrams'. */
	features?: FeatureSet;
	heads: {
		/** anger-or-annoyance, sigmoid */
		anger: StoredHead;
		/** negative, neutral, positive logits, softmax */
		sentiment: [StoredHead, StoredHead, StoredHead];
		/** polite vs impolite, sigmoid */
		politeness: StoredHead;
	};
	/** Decision threshold on the anger probability chosen on the dev split (for the F1 metric). */
	angerThreshold: number;
	/** Training settings and dev metrics, for the model card. */
	training: Record<string, unknown>;
}

interface Head {
	bias: number;
	w: Float32Array;
}

export interface ToneModel {
	hashBits: number;
	features: FeatureSet;
	angerThreshold: number;
	anger: Head;
	sentiment: [Head, Head, Head];
	politeness: Head;
}

export interface TonePrediction {
	anger: number;
	sentiment: [number, number, number];
	politeness: number;
}

function decodeHead(h: StoredHead, size: number): Head {
	const bytes = Buffer.from(h.weights, 'base64');
	if (bytes.length !== size) throw new Error(`tone model head has ${bytes.length} weights, expected ${size}`);
	const q = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
	const w = new Float32Array(size);
	for (let i = 0; i < size; i++) w[i] = q[i] * h.scale;
	return { bias: h.bias, w };
}

export function decodeToneModel(file: ToneModelFile): ToneModel {
	if (file?.format !== TONE_MODEL_FORMAT) throw new Error(`not a ${TONE_MODEL_FORMAT} model file`);
	const size = 1 << file.hashBits;
	return {
		hashBits: file.hashBits,
		features: file.features ?? 'ngrams',
		angerThreshold: file.angerThreshold,
		anger: decodeHead(file.heads.anger, size),
		sentiment: file.heads.sentiment.map((h) => decodeHead(h, size)) as [Head, Head, Head],
		politeness: decodeHead(file.heads.politeness, size)
	};
}

/** Quantise a float weight vector to int8 with one scale per head. */
export function encodeHead(bias: number, w: Float32Array): StoredHead {
	let max = 0;
	for (let i = 0; i < w.length; i++) max = Math.max(max, Math.abs(w[i]));
	const scale = max > 0 ? max / 127 : 1;
	const q = new Int8Array(w.length);
	for (let i = 0; i < w.length; i++) q[i] = Math.round(w[i] / scale);
	return { bias, scale, weights: Buffer.from(q.buffer).toString('base64') };
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function softmax3(z: [number, number, number]): [number, number, number] {
	const m = Math.max(z[0], z[1], z[2]);
	const e = z.map((v) => Math.exp(v - m));
	const s = e[0] + e[1] + e[2];
	return [e[0] / s, e[1] / s, e[2] / s];
}

export function predictFeatures(model: ToneModel, x: SparseVector): TonePrediction {
	const logit = (h: Head) => h.bias + sparseDot(x, h.w);
	return {
		anger: sigmoid(logit(model.anger)),
		sentiment: softmax3([logit(model.sentiment[0]), logit(model.sentiment[1]), logit(model.sentiment[2])]),
		politeness: sigmoid(logit(model.politeness))
	};
}

export function predictTone(model: ToneModel, text: string): TonePrediction {
	return predictFeatures(model, extractFeatures(text, model.hashBits, model.features));
}
