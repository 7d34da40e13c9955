// Transcription and analysis of one utterance: VAD first (silence never reaches Whisper, which would
// invent words), Whisper on the speech span, then prosody and tone. Used by the /api/speech routes.

import { combineTone, type Prosody, type ToneEstimate } from '../../domain/tone';
import { speechModels, type SpeechModelRegistry } from './models';
import { analyzeProsody, countWords } from './prosody';
import { estimateTextTone } from './tone';
import type { SpeechSegment } from './vad';
import { SAMPLE_RATE, type Wav } from './wav';

export class SpeechUnavailableError extends Error {
	constructor(
		readonly reason: 'loading' | 'disabled',
		message: string
	) {
		super(message);
	}
}

export interface TranscriptSegment extends SpeechSegment {
	text: string;
}

export interface Transcript {
	text: string;
	/** false when the VAD found no speech (then text is empty and Whisper was not run). */
	speech: boolean;
	segments: TranscriptSegment[];
	/** Speech spans found by the VAD, seconds from the clip start. */
	speechSegments: SpeechSegment[];
	durationSec: number;
	model: string;
	timings: { vadMs: number; asrMs: number; totalMs: number };
}

export interface TranscribeOptions {
	/** 'partial' for the running transcript while the trainee speaks; 'final' jumps the queue. */
	pass?: 'partial' | 'final';
}

/** Audio kept around the speech span so word edges are not clipped (seconds). */
const MARGIN = 0.2;

function requireModels(registry: SpeechModelRegistry) {
	const models = registry.get();
	if (models) return models;
	void registry.load();
	const s = [registry.whisperStatus, registry.vadStatus];
	if (s.some((m) => m.state === 'missing' || m.state === 'failed')) {
		throw new SpeechUnavailableError('disabled', 'Voice mode is disabled on this server: ' + s.filter((m) => m.message).map((m) => `${m.id}: ${m.message}`).join('; '));
	}
	throw new SpeechUnavailableError('loading', 'The speech models are still loading; try again in a few seconds.');
}

export async function transcribe(wav: Wav, opts: TranscribeOptions = {}, registry = speechModels()): Promise<Transcript> {
	const t0 = performance.now();
	const m = requireModels(registry);
	const priority = opts.pass === 'final' ? 'high' : 'normal';
	const vad = await m.vadQueue.push(() => m.vad.detect(wav.samples), priority);
	const tVad = performance.now();
	const base = { durationSec: wav.durationSec, model: registry.config.whisperId, speechSegments: vad.segments };
	if (!vad.speech) {
		return { ...base, text: '', speech: false, segments: [], timings: { vadMs: Math.round(tVad - t0), asrMs: 0, totalMs: Math.round(tVad - t0) } };
	}
	const from = Math.max(0, vad.segments[0].start - MARGIN);
	const to = Math.min(wav.durationSec, vad.segments[vad.segments.length - 1].end + MARGIN);
	const audio = wav.samples.subarray(Math.floor(from * SAMPLE_RATE), Math.ceil(to * SAMPLE_RATE));
	const out = await m.whisperQueue.push(
		() =>
			m.whisper(audio, {
				language: 'english',
				task: 'transcribe',
				return_timestamps: true,
				...(to - from > 30 ? { chunk_length_s: 30, stride_length_s: 5 } : {})
			}),
		priority
	);
	const tAsr = performance.now();
	const result = Array.isArray(out) ? out[0] : out;
	const chunks = (result.chunks ?? []) as { timestamp: [number, number | null]; text: string }[];
	const segments = chunks
		.map((c) => ({ start: round(from + c.timestamp[0]), end: round(Math.min(to, from + (c.timestamp[1] ?? to - from))), text: c.text.trim() }))
		.filter((c) => c.text !== '');
	return {
		...base,
		text: result.text.trim(),
		speech: true,
		segments,
		timings: { vadMs: Math.round(tVad - t0), asrMs: Math.round(tAsr - tVad), totalMs: Math.round(tAsr - t0) }
	};
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export interface AnalyzeOptions extends TranscribeOptions {
	baseline?: { rmsDb?: number; f0Hz?: number };
	customerSpans?: SpeechSegment[];
}

export interface Analysis {
	transcript: Transcript;
	prosody: Prosody;
	/** Words and voice combined (see combineTone in src/lib/domain/tone.ts). */
	tone: ToneEstimate;
	/** The words alone. */
	textTone: ToneEstimate;
}

export async function analyze(wav: Wav, opts: AnalyzeOptions = {}, registry = speechModels()): Promise<Analysis> {
	const transcript = await transcribe(wav, opts, registry);
	const prosody = analyzeProsody({
		samples: wav.samples,
		segments: transcript.speechSegments,
		wordCount: transcript.speech ? countWords(transcript.text) : null,
		baseline: opts.baseline,
		customerSpans: opts.customerSpans
	});
	const textTone = estimateTextTone(transcript.text);
	return { transcript, prosody, textTone, tone: combineTone(textTone, prosody) };
}
