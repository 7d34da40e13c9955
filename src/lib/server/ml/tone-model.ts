// The tone model's file format (JSON with int8-quantised weights in base64) and its prediction.
// Written by scripts/train-sentiment.ts, read by tone.ts and scripts/eval-tone.ts.

import { encodeSentence } from './sentence-encoder';
import { extractFeatures, sparseDot, withoutAddresses, type FeatureSet, type SparseVector } from './tone-features';

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
	/**
	 * A head on the sentence encoder's embedding (sentence-encoder.ts) added to the anger logit: logit = n-gram logit +
	 * bias + weights · embedding, with the blend weight and the shift that keeps `angerThreshold` the blend's decision
	 * point folded in. Absent: the n-gram heads alone. When the encoder cannot run, the n-gram logit alone is used.
	 */
	encoder?: {
		source: string;
		anger: { bias: number; /** base64 of a Float32Array of 512 */ weights: string };
		training: Record<string, unknown>;
	};
	/**
	 * The anger head for what an agent says (the app's trainees), model 13: an n-gram head trained also on agents'
	 * rude and careful lines, plus `encoderScale` times the encoder block's logit, with the shift that keeps
	 * `angerThreshold` its decision point folded into the head's bias. Sentiment and politeness are the shared heads.
	 * Absent: agents' lines are read like any other.
	 */
	agent?: {
		anger: StoredHead;
		encoderScale: number;
		training: Record<string, unknown>;
	};
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
	/** The anger head on the sentence embedding (see ToneModelFile.encoder), or null. */
	encoderAnger: Head | null;
	/** The anger head for agents' lines (see ToneModelFile.agent), or null. */
	agentAnger: { head: Head; encoderScale: number } | null;
}

/**
 * Who says the text: 'agent' (what a trainee says on a call: the agent anger head, when the model has one) or 'any'
 * (the general heads, which `npm run eval:tone` measures).
 */
export type ToneSpeaker = 'agent' | 'any';

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

function decodeEncoderHead(h: { bias: number; weights: string }): Head {
	const bytes = Buffer.from(h.weights, 'base64');
	if (bytes.length % 4 !== 0) throw new Error('tone model encoder head has a partial weight');
	return { bias: h.bias, w: new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)) };
}

/** A head on the sentence embedding, for the model file (float32: 2 KB). */
export function encodeEncoderHead(bias: number, w: Float32Array): { bias: number; weights: string } {
	return { bias, weights: Buffer.from(Float32Array.from(w).buffer).toString('base64') };
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
		politeness: decodeHead(file.heads.politeness, size),
		encoderAnger: file.encoder ? decodeEncoderHead(file.encoder.anger) : null,
		agentAnger: file.agent ? { head: decodeHead(file.agent.anger, size), encoderScale: file.agent.encoderScale } : null
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

/**
 * The heads on a text's features. `embedding`: the text's sentence embedding (null: none, the n-gram heads alone);
 * it only matters when the model has an encoder head. `speaker` 'agent': the agent anger head, when there is one.
 */
export function predictFeatures(model: ToneModel, x: SparseVector, embedding: Float32Array | null = null, speaker: ToneSpeaker = 'any'): TonePrediction {
	const logit = (h: Head) => h.bias + sparseDot(x, h.w);
	const agent = speaker === 'agent' ? model.agentAnger : null;
	let anger = logit(agent ? agent.head : model.anger);
	const e = model.encoderAnger;
	if (e && embedding && embedding.length === e.w.length && (!agent || agent.encoderScale !== 0)) {
		let z = e.bias;
		for (let i = 0; i < embedding.length; i++) z += e.w[i] * embedding[i];
		anger += agent ? agent.encoderScale * z : z;
	}
	return {
		anger: sigmoid(anger),
		sentiment: softmax3([logit(model.sentiment[0]), logit(model.sentiment[1]), logit(model.sentiment[2])]),
		politeness: sigmoid(logit(model.politeness))
	};
}

/** The text the sentence encoder reads: the one the n-gram features read (addresses reduced, as the model's features do). */
export function encoderText(model: Pick<ToneModel, 'features'>, text: string): string {
	return model.features === 'ngrams+lexicon+handles' ? withoutAddresses(text) : text;
}

/** Whether a prediction for `speaker` reads the sentence embedding at all. */
export const usesEncoder = (model: ToneModel, speaker: ToneSpeaker = 'any') =>
	model.encoderAnger !== null && !(speaker === 'agent' && model.agentAnger?.encoderScale === 0);

/**
 * The model's prediction for a text. Without `embedding`, a model with an encoder head encodes the text itself
 * (sentence-encoder.ts; null when the encoder is off); pass null for the n-gram heads alone.
 */
export function predictTone(model: ToneModel, text: string, embedding?: Float32Array | null, speaker: ToneSpeaker = 'any'): TonePrediction {
	const e = embedding === undefined ? (usesEncoder(model, speaker) ? encodeSentence(encoderText(model, text)) : null) : embedding;
	return predictFeatures(model, extractFeatures(text, model.hashBits, model.features), e, speaker);
}
