// Transcription and analysis of one utterance: VAD first (silence never reaches Whisper, which would
// invent words), Whisper on the speech span, then prosody and tone. This is the inference itself: it runs in a
// speech worker process (worker.ts), which the web process reaches through the speech service (service.ts).

import { WHISPER_LANGUAGE, type ContentLanguage } from '../../domain/languages';
import type { Prosody } from '../../domain/tone';
import { completeAnalysis, type Analysis } from './analysis';
import { SpeechUnavailableError } from './errors';
import type { SpeechJob, SpeechJobResult, Transcript } from './jobs';
import { speechModels, type SpeechModelRegistry } from './models';
import { QueueFullError } from './queue';
import { analyzeProsody, countWords } from './prosody';
import type { SpeechSegment } from './vad';
import { SAMPLE_RATE, type Wav } from './wav';

export { SpeechUnavailableError } from './errors';
export type { Transcript, TranscriptSegment } from './jobs';
export type { Analysis } from './analysis';

export interface TranscribeOptions {
	/** 'partial' for the running transcript while the trainee speaks; 'final' jumps the queue. */
	pass?: 'partial' | 'final';
	/**
	 * The text is already known: a running transcript that covered all of this clip's speech
	 * (hands-free mode ends a turn after a pause, by which time the last partial usually has).
	 * Whisper is then skipped; the VAD still runs.
	 */
	knownText?: string;
	/**
	 * Words this call is likely to contain (company, caller and trainee names). When prompting is on
	 * (SpeechConfig.prompt), Whisper gets them as its "previous text", which makes it spell them right.
	 */
	vocabulary?: readonly string[];
	/** The language of the call (the scenario's `language`); Whisper is told to expect it. Default English. */
	language?: ContentLanguage;
}

/**
 * Whisper tiny often drops the first words when speech starts right at the beginning of its
 * input; half a second of leading silence avoids that (measured on the espeak fixtures).
 * The clip is otherwise passed whole: Whisper's encoder always works on 30 s windows, so
 * cropping to the speech would not save time, and it changed the transcripts.
 */
const LEAD_SILENCE = 0.5;
/** Partial passes are refused (503 busy) once this many Whisper jobs are running or waiting. */
const PARTIAL_MAX_DEPTH = 2;
/** Prompt tokens at most (Whisper allows 223; names need few, and every token costs decoder time). */
const MAX_PROMPT_TOKENS = 48;

/** "Meridian Energy. Denise Okafor. Fay." — the vocabulary as Whisper's previous text. */
export function promptText(vocabulary: readonly string[]): string {
	const words = [...new Set(vocabulary.map((v) => v.replace(/\s+/g, ' ').trim()).filter(Boolean))];
	return words.length ? ' ' + words.map((w) => w.replace(/[.]+$/, '') + '.').join(' ') : '';
}

interface WhisperInternals {
	processor: (audio: Float32Array) => Promise<{ input_features: unknown }>;
	tokenizer: {
		encode(text: string, o: { add_special_tokens: boolean }): number[];
		decode(ids: number[], o: { skip_special_tokens: boolean }): string;
	};
	model: {
		generation_config: { decoder_start_token_id: number; lang_to_id: Record<string, number>; task_to_id: Record<string, number>; no_timestamps_token_id: number };
		generate(o: { inputs: unknown; decoder_input_ids: number[] }): Promise<{ tolist(): (number | bigint)[][] }>;
	};
}

/**
 * Whisper with a prompt: <|startofprev|> prompt <|startoftranscript|><|en|> (or the call's language)<|transcribe|><|notimestamps|>, and only
 * the tokens after that decoded (the pipeline has no prompt option, so this calls the model the way it does).
 */
async function whisperWithPrompt(pipe: unknown, audio: Float32Array, prompt: string, language: ContentLanguage = 'en'): Promise<string> {
	const p = pipe as WhisperInternals;
	const g = p.model.generation_config;
	const promptIds = p.tokenizer.encode(prompt, { add_special_tokens: false }).slice(-MAX_PROMPT_TOKENS);
	// <|startofprev|> is in the tokenizer, not in these models' generation_config
	const [prev] = p.tokenizer.encode('<|startofprev|>', { add_special_tokens: false });
	const init = [prev, ...promptIds, g.decoder_start_token_id, g.lang_to_id[`<|${language}|>`], g.task_to_id.transcribe, g.no_timestamps_token_id];
	const { input_features } = await p.processor(audio);
	const out = await p.model.generate({ inputs: input_features, decoder_input_ids: init });
	const ids = out.tolist()[0].map(Number).slice(init.length);
	return p.tokenizer.decode(ids, { skip_special_tokens: true });
}

/** The clip preceded by enough silence. */
function whisperInput(samples: Float32Array, segments: SpeechSegment[]): Float32Array {
	const lead = Math.max(0, LEAD_SILENCE - segments[0].start);
	if (lead === 0) return samples;
	const audio = new Float32Array(Math.round(lead * SAMPLE_RATE) + samples.length);
	audio.set(samples, Math.round(lead * SAMPLE_RATE));
	return audio;
}

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
	const first = vad.segments[0];
	const last = vad.segments[vad.segments.length - 1];
	if (opts.knownText !== undefined) {
		const text = opts.knownText.trim();
		const segments = text ? [{ start: round(first.start), end: round(last.end), text }] : [];
		return { ...base, text, speech: true, segments, timings: { vadMs: Math.round(tVad - t0), asrMs: 0, totalMs: Math.round(tVad - t0) } };
	}
	// A running transcript is a nicety: never let it queue up in front of someone's final answer.
	if (opts.pass === 'partial' && m.whisperQueue.depth >= PARTIAL_MAX_DEPTH) throw new QueueFullError(1);
	const audio = whisperInput(wav.samples, vad.segments);
	const prompt = registry.config.prompt && opts.vocabulary && audio.length <= 30 * SAMPLE_RATE ? promptText(opts.vocabulary) : '';
	const run = prompt
		? () => whisperWithPrompt(m.whisper, audio, prompt, opts.language).then((text) => ({ text }))
		: () =>
				m.whisper(audio, {
					language: WHISPER_LANGUAGE[opts.language ?? 'en'],
					task: 'transcribe',
					// Whisper's own timestamps made tiny mishear clear sentences; segment times come from the VAD.
					return_timestamps: false,
					...(audio.length / SAMPLE_RATE > 30 ? { chunk_length_s: 30, stride_length_s: 5 } : {})
				});
	const out = await m.whisperQueue.push(run, priority);
	const tAsr = performance.now();
	const text = (Array.isArray(out) ? out[0] : out).text.trim();
	const segments = text ? [{ start: round(first.start), end: round(last.end), text }] : [];
	return {
		...base,
		text,
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

/** How the answer was said, from its samples and the transcript's speech spans. */
function prosodyOf(wav: Wav, transcript: Transcript, opts: AnalyzeOptions): Prosody {
	return analyzeProsody({
		samples: wav.samples,
		segments: transcript.speechSegments,
		wordCount: transcript.speech ? countWords(transcript.text) : null,
		baseline: opts.baseline,
		customerSpans: opts.customerSpans
	});
}

export async function analyze(wav: Wav, opts: AnalyzeOptions = {}, registry = speechModels()): Promise<Analysis> {
	const transcript = await transcribe(wav, opts, registry);
	return completeAnalysis(transcript, prosodyOf(wav, transcript, opts));
}

/** One job as a worker runs it (the tone of the words is added by the web process: see analysis.ts). */
export async function runSpeechJob(job: SpeechJob, samples: Float32Array, registry: SpeechModelRegistry): Promise<SpeechJobResult> {
	const wav: Wav = { sampleRate: SAMPLE_RATE, samples, durationSec: samples.length / SAMPLE_RATE };
	const transcript = await transcribe(wav, { pass: job.pass, knownText: job.knownText, vocabulary: job.vocabulary, language: job.language }, registry);
	if (job.kind === 'transcribe') return { transcript };
	return { transcript, prosody: prosodyOf(wav, transcript, job) };
}
