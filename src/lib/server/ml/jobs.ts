// The unit of work between the web process and a speech worker: what to do with one clip, and what comes back.
// Types only and small helpers: the web process imports this without loading any model.

import type { ContentLanguage } from '../../domain/languages';
import type { Prosody } from '../../domain/tone';
import type { SpeechSegment } from './vad';

export interface TranscriptSegment extends SpeechSegment {
	text: string;
}

export interface Transcript {
	text: string;
	/** false when the VAD found no speech (then text is empty and Whisper was not run). */
	speech: boolean;
	/**
	 * Timed text. One segment from the first to the last speech found by the VAD; Whisper's own
	 * timestamp mode is off because it made whisper-tiny mishear clear sentences.
	 */
	segments: TranscriptSegment[];
	/** Speech spans found by the VAD, seconds from the clip start. */
	speechSegments: SpeechSegment[];
	durationSec: number;
	model: string;
	timings: { vadMs: number; asrMs: number; totalMs: number };
}

export interface SpeechJob {
	/** transcribe: VAD + Whisper; analyze: also the prosody of the speech (the tone of the words is added by the web process). */
	kind: 'transcribe' | 'analyze';
	/** A final pass (the trainee waits for it) goes before partial passes (the running transcript). */
	pass: 'partial' | 'final';
	/** The text is already known (a running transcript covered all the speech): Whisper is skipped. */
	knownText?: string;
	/** Names the call is likely to contain, for Whisper's prompt. */
	vocabulary?: readonly string[];
	/** The call's language (Whisper is told to expect it); default English. */
	language?: ContentLanguage;
	baseline?: { rmsDb?: number; f0Hz?: number };
	customerSpans?: SpeechSegment[];
}

export interface SpeechJobResult {
	transcript: Transcript;
	/** Present for kind 'analyze'. */
	prosody?: Prosody;
}

/** Whether a job runs Whisper (and so is worth refusing when the queue is long). */
export const runsWhisper = (job: SpeechJob) => job.knownText === undefined;
