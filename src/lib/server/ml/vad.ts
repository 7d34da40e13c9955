// Voice activity detection with Silero VAD (v6 by default, v5 with SILERO_VERSION=5) on onnxruntime-node:
// per-frame speech probabilities and speech segments, following silero-vad's get_speech_timestamps.

import ort from 'onnxruntime-node';
import { SAMPLE_RATE } from './wav';

/** Silero processes 512-sample frames at 16 kHz (32 ms). */
export const VAD_FRAME = 512;
export const VAD_FRAME_SEC = VAD_FRAME / SAMPLE_RATE;
/** v6 needs the previous 64 samples in front of each frame (see ../shared/models/SOURCES.md). */
const CONTEXT = 64;

export interface SpeechSegment {
	/** seconds from the clip start */
	start: number;
	end: number;
}

export interface VadResult {
	/** Speech probability per 32 ms frame. */
	probs: Float32Array;
	segments: SpeechSegment[];
	speech: boolean;
}

export interface VadOptions {
	/** Probability that starts speech (silero default 0.5). */
	threshold?: number;
	/** Shorter bursts are dropped (silero default 250 ms). */
	minSpeechMs?: number;
	/** Silence needed to end a segment (silero default 100 ms). */
	minSilenceMs?: number;
	/** Padding added on both sides of each segment (silero default 30 ms). */
	padMs?: number;
}

export class SileroVad {
	private constructor(
		private readonly session: ort.InferenceSession,
		readonly version: 5 | 6
	) {}

	static async load(file: string, version: 5 | 6): Promise<SileroVad> {
		const session = await ort.InferenceSession.create(file, { intraOpNumThreads: 1, interOpNumThreads: 1 });
		for (const name of ['input', 'state', 'sr']) {
			if (!session.inputNames.includes(name)) throw new Error(`${file} is not a Silero v5/v6 model (no "${name}" input)`);
		}
		return new SileroVad(session, version);
	}

	/** Speech probability for each 512-sample frame of the clip (a last partial frame is zero-padded). */
	async frameProbabilities(samples: Float32Array): Promise<Float32Array> {
		const frames = Math.ceil(samples.length / VAD_FRAME);
		const probs = new Float32Array(frames);
		const ctx = this.version === 6 ? CONTEXT : 0;
		let state: ort.Tensor = new ort.Tensor('float32', new Float32Array(2 * 128), [2, 1, 128]);
		const sr = new ort.Tensor('int64', BigInt64Array.from([BigInt(SAMPLE_RATE)]), []);
		const input = new Float32Array(ctx + VAD_FRAME);
		for (let f = 0; f < frames; f++) {
			const o = f * VAD_FRAME;
			input.fill(0);
			if (ctx) input.set(samples.subarray(Math.max(0, o - ctx), o), ctx - Math.min(ctx, o));
			input.set(samples.subarray(o, Math.min(samples.length, o + VAD_FRAME)), ctx);
			const out = await this.session.run({ input: new ort.Tensor('float32', input.slice(), [1, ctx + VAD_FRAME]), state, sr });
			probs[f] = (out.output.data as Float32Array)[0];
			state = out.stateN as ort.Tensor;
		}
		return probs;
	}

	async detect(samples: Float32Array, opts: VadOptions = {}): Promise<VadResult> {
		const probs = await this.frameProbabilities(samples);
		const segments = speechSegments(probs, samples.length / SAMPLE_RATE, opts);
		return { probs, segments, speech: segments.length > 0 };
	}
}

/**
 * Turn frame probabilities into speech segments (silero's hysteresis): speech starts at a frame
 * ≥ threshold and ends after minSilenceMs of frames below threshold − 0.15.
 */
export function speechSegments(probs: Float32Array, durationSec: number, opts: VadOptions = {}): SpeechSegment[] {
	const threshold = opts.threshold ?? 0.5;
	const negThreshold = Math.max(0.01, threshold - 0.15);
	const minSpeech = (opts.minSpeechMs ?? 250) / 1000;
	const minSilence = (opts.minSilenceMs ?? 100) / 1000;
	const pad = (opts.padMs ?? 30) / 1000;
	const raw: SpeechSegment[] = [];
	let start = -1;
	let silenceStart = -1;
	for (let f = 0; f < probs.length; f++) {
		const t = f * VAD_FRAME_SEC;
		if (probs[f] >= threshold) {
			silenceStart = -1;
			if (start < 0) start = t;
		} else if (start >= 0 && probs[f] < negThreshold) {
			if (silenceStart < 0) silenceStart = t;
			if (t + VAD_FRAME_SEC - silenceStart >= minSilence) {
				raw.push({ start, end: silenceStart });
				start = -1;
				silenceStart = -1;
			}
		}
	}
	if (start >= 0) raw.push({ start, end: silenceStart >= 0 ? silenceStart : probs.length * VAD_FRAME_SEC });
	return raw
		.filter((s) => s.end - s.start >= minSpeech)
		.map((s) => ({ start: Math.max(0, s.start - pad), end: Math.min(durationSec, s.end + pad) }));
}
