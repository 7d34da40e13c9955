// The sentence encoder against its reference (TF.js running the package's own graph; the ids and embeddings in the
// fixture were written by that reference), its bad input, and what the tone model does with it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Worker } from 'node:worker_threads';
import { encodeSentence, encoderTokens, sentenceEncoderAvailable, waitWhile } from './sentence-encoder';
import { ENCODER_DIM, ENCODER_MAX_TOKENS, EncoderTokenizer, buildEncoderGraph, encoderFilesDir, readEncoderWeights } from './sentence-encoder-model';
import { decodeToneModel, predictTone, type ToneModelFile } from './tone-model';
import modelFile from './tone-model.json';
import { analyseTextTone } from './tone';

interface Reference {
	withEmbedding: { text: string; ids: number[]; embedding: number[] }[];
	idsOnly: { text: string; ids: number[] }[];
}
const reference = JSON.parse(readFileSync('tests/fixtures/sentence-encoder/reference.json', 'utf8')) as Reference;

const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => {
	let ab = 0;
	let aa = 0;
	let bb = 0;
	for (let i = 0; i < a.length; i++) {
		ab += a[i] * b[i];
		aa += a[i] * a[i];
		bb += b[i] * b[i];
	}
	return ab / Math.sqrt(aa * bb);
};
const norm = (a: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((s, v) => s + v * v, 0));

describe('sentence encoder', () => {
	it('is installed and runs here', () => {
		expect(encoderFilesDir()).not.toBeNull();
		expect(sentenceEncoderAvailable()).toBe(true);
	});

	it('splits text into the same pieces as the reference tokenizer (39 texts: emoji, ligatures, other scripts, URLs)', () => {
		const dir = encoderFilesDir()!;
		const tokenizer = new EncoderTokenizer(JSON.parse(readFileSync(join(dir, 'vocab.json'), 'utf8')));
		const all = [...reference.withEmbedding, ...reference.idsOnly];
		expect(all.length).toBe(39);
		for (const r of all) expect(tokenizer.encode(r.text), r.text).toEqual(r.ids);
	});

	it('gives the reference embeddings (cosine ≥ 0.99999), unit length, for short, long (> 128 tokens) and odd texts', () => {
		expect(reference.withEmbedding.some((r) => r.ids.length > ENCODER_MAX_TOKENS)).toBe(true);
		for (const r of reference.withEmbedding) {
			const e = encodeSentence(r.text);
			expect(e, r.text).not.toBeNull();
			expect(e!.length).toBe(ENCODER_DIM);
			expect(cosine(e!, r.embedding), r.text).toBeGreaterThan(0.99999);
			expect(norm(e!)).toBeCloseTo(1, 5);
		}
	});

	it('builds the same graph twice (no randomness in the model the app runs)', () => {
		const weights = readEncoderWeights(encoderFilesDir()!);
		const a = buildEncoderGraph(weights);
		const b = buildEncoderGraph(weights);
		expect(a.length).toBeGreaterThan(20_000_000);
		expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
	});

	it('answers bad input without crashing: empty → none; one word 4,000 characters long, emoji only, mixed scripts → an embedding', () => {
		expect(encoderTokens('')).toEqual([]);
		expect(encodeSentence('')).toBeNull();
		const long = encoderTokens('angry '.repeat(700));
		expect(long!.length).toBe(ENCODER_MAX_TOKENS);
		for (const text of ['a'.repeat(4000), 'angry '.repeat(700), '😡😡😡', '🙂', '   ', 'আমি খুব রাগান্বিত, this is not OK', '\u0000\u0007', 'x']) {
			const e = encodeSentence(text);
			expect(e, JSON.stringify(text.slice(0, 20))).not.toBeNull();
			expect(e!.every(Number.isFinite)).toBe(true);
			expect(norm(e!)).toBeCloseTo(1, 5);
		}
	});

	it('waits through a late wake-up: a notify that arrives before the state changes does not end the wait', () => {
		const ctrl = new Int32Array(new SharedArrayBuffer(16));
		ctrl[0] = 2;
		// another thread wakes the waiter at once (the late notify of a previous pass), and changes the state 150 ms later
		const source = `const { workerData } = require('node:worker_threads'); const c = new Int32Array(workerData);
			setTimeout(() => Atomics.notify(c, 0), 20);
			setTimeout(() => { Atomics.store(c, 0, 3); Atomics.notify(c, 0); }, 150);`;
		const worker = new Worker(source, { eval: true, workerData: ctrl.buffer });
		const t0 = performance.now();
		expect(waitWhile(ctrl, 2, 5_000)).toBe(true);
		expect(Atomics.load(ctrl, 0)).toBe(3);
		expect(performance.now() - t0).toBeGreaterThan(100);
		void worker.terminate();
		// and a state that never changes times out
		const still = new Int32Array(new SharedArrayBuffer(16));
		expect(waitWhile(still, 0, 50)).toBe(false);
	});

	it('answers the same embedding for the same text, call after call', () => {
		const a = encodeSentence('I have been waiting three weeks for my refund.');
		const b = encodeSentence('I have been waiting three weeks for my refund.');
		expect(Array.from(a!)).toEqual(Array.from(b!));
	});
});

describe('the tone model with its encoder head', () => {
	const m = decodeToneModel(modelFile as unknown as ToneModelFile);

	it('has an anger head on the embedding, and the app path uses it', () => {
		expect(m.encoderAnger).not.toBeNull();
		const lines = ['Are you actually reading what is on your screen?', 'This is the third time I have called about this.', 'Thanks, that is all sorted now.'];
		for (const text of lines) {
			const withEncoder = predictTone(m, text);
			const alone = predictTone(m, text, null);
			expect(withEncoder.anger, text).not.toBeCloseTo(alone.anger, 6);
			// sentiment and politeness are the n-gram heads' alone
			expect(withEncoder.sentiment).toEqual(alone.sentiment);
			expect(analyseTextTone(text).anger).toBeCloseTo(withEncoder.anger, 12);
		}
	});

	it("names words as drivers with the encoder on (the whole line's embedding is held while words are removed)", () => {
		const a = analyseTextTone('This is absolutely ridiculous, I want a manager now!', { explain: true });
		expect(a.angry).toBe(true);
		expect(a.drivers.length).toBeGreaterThan(0);
		expect(a.drivers.every((d) => d.effect > 0)).toBe(true);
	});
});

describe('without the encoder', () => {
	it('falls back to the n-gram heads (TONE_ENCODER=0): a defined answer, and the n-gram prediction', async () => {
		vi.resetModules();
		const before = process.env.TONE_ENCODER;
		process.env.TONE_ENCODER = '0';
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		try {
			const encoder = await import('./sentence-encoder');
			const modelModule = await import('./tone-model');
			const tone = await import('./tone');
			expect(encoder.encodeSentence('hello there')).toBeNull();
			expect(encoder.sentenceEncoderAvailable()).toBe(false);
			const m = modelModule.decodeToneModel(modelFile as unknown as ToneModelFile);
			const text = 'This is the third time I have called about this.';
			expect(tone.analyseTextTone(text).anger).toBeCloseTo(modelModule.predictTone(m, text, null).anger, 12);
			expect(warn).toHaveBeenCalledTimes(1);
		} finally {
			warn.mockRestore();
			if (before === undefined) delete process.env.TONE_ENCODER;
			else process.env.TONE_ENCODER = before;
			vi.resetModules();
		}
	});
});
