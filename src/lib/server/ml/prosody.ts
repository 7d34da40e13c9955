// Prosody of one utterance from its samples and speech segments: loudness against the speaker's
// baseline, pitch (YIN on 8 kHz audio), speaking rate, pauses and overtalk with the customer's line.

import type { Prosody } from '../../domain/tone';
import type { SpeechSegment } from './vad';
import { SAMPLE_RATE } from './wav';

/** Typical speaking level used when the call has no baseline yet (dBFS). */
export const NOMINAL_SPEECH_DB = -26;
/** A silent gap between speech segments counts as a pause from this length on. */
export const MIN_PAUSE_SEC = 0.25;

export interface ProsodyInput {
	samples: Float32Array;
	segments: SpeechSegment[];
	/** Words in the transcript (null when unknown). */
	wordCount: number | null;
	/** The speaker's earlier level and pitch in this call, if any. */
	baseline?: { rmsDb?: number; f0Hz?: number };
	/** When the customer's line was playing, in seconds relative to the clip start. */
	customerSpans?: SpeechSegment[];
}

const toDb = (meanSquare: number) => (meanSquare > 0 ? Math.max(-90, 10 * Math.log10(meanSquare)) : -90);

/** Mean square of the samples inside the segments. */
function speechMeanSquare(samples: Float32Array, segments: SpeechSegment[]): number {
	let sum = 0;
	let n = 0;
	for (const s of segments) {
		const a = Math.max(0, Math.floor(s.start * SAMPLE_RATE));
		const b = Math.min(samples.length, Math.ceil(s.end * SAMPLE_RATE));
		for (let i = a; i < b; i++) sum += samples[i] * samples[i];
		n += Math.max(0, b - a);
	}
	return n ? sum / n : 0;
}

const PITCH_RATE = 8000;
const PITCH_WIN = 320; // 40 ms at 8 kHz
const PITCH_HOP = 160; // 20 ms
const MIN_F0 = 60;
const MAX_F0 = 500;
const YIN_THRESHOLD = 0.15;

/** F0 (Hz) of 20 ms-hop frames whose centre lies in a speech segment; unvoiced frames are left out. */
export function pitchTrack(samples: Float32Array, segments: SpeechSegment[]): number[] {
	// 2:1 decimation with a 3-tap low-pass is enough for 60–500 Hz fundamentals.
	const n = Math.floor(samples.length / 2);
	const x = new Float32Array(n);
	for (let i = 0; i < n; i++) x[i] = 0.25 * (samples[2 * i - 1] ?? 0) + 0.5 * samples[2 * i] + 0.25 * samples[2 * i + 1];
	const minLag = Math.floor(PITCH_RATE / MAX_F0);
	const maxLag = Math.ceil(PITCH_RATE / MIN_F0);
	const d = new Float32Array(maxLag + 1);
	const f0: number[] = [];
	const inSpeech = (t: number) => segments.some((s) => t >= s.start && t < s.end);
	for (let o = 0; o + PITCH_WIN + maxLag <= n; o += PITCH_HOP) {
		if (!inSpeech((o + PITCH_WIN / 2) / PITCH_RATE)) continue;
		let energy = 0;
		for (let j = 0; j < PITCH_WIN; j++) energy += x[o + j] * x[o + j];
		if (energy / PITCH_WIN < 1e-6) continue;
		// YIN: difference function, cumulative-mean normalisation, first dip under the threshold.
		let running = 0;
		let best = -1;
		for (let tau = 1; tau <= maxLag; tau++) {
			let s = 0;
			for (let j = 0; j < PITCH_WIN; j++) {
				const diff = x[o + j] - x[o + j + tau];
				s += diff * diff;
			}
			running += s;
			d[tau] = running > 0 ? (s * tau) / running : 1;
			if (tau > minLag && best < 0 && d[tau - 1] < YIN_THRESHOLD && d[tau - 1] <= d[tau]) best = tau - 1;
		}
		if (best < 0) continue;
		// parabolic interpolation around the dip
		const a = d[best - 1];
		const b = d[best];
		const c = d[best + 1];
		const shift = a + c - 2 * b !== 0 ? (0.5 * (a - c)) / (a + c - 2 * b) : 0;
		f0.push(PITCH_RATE / (best + Math.max(-1, Math.min(1, shift))));
	}
	return f0;
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))];
}

function overlapSec(a: SpeechSegment[], b: SpeechSegment[]): number {
	let total = 0;
	for (const x of a) for (const y of b) total += Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));
	return total;
}

export function analyzeProsody(input: ProsodyInput): Prosody {
	const { samples, segments } = input;
	const durationSec = samples.length / SAMPLE_RATE;
	const speechSec = segments.reduce((s, x) => s + (x.end - x.start), 0);
	const rmsDb = toDb(speechMeanSquare(samples, segments));
	const hasBaseline = input.baseline?.rmsDb !== undefined;
	const loudnessDb = speechSec > 0 ? rmsDb - (input.baseline?.rmsDb ?? NOMINAL_SPEECH_DB) : 0;

	const f0 = speechSec > 0 ? pitchTrack(samples, segments).sort((a, b) => a - b) : [];
	// Fewer than 5 voiced frames (100 ms) is not a pitch estimate.
	const voiced = f0.length >= 5;
	const f0MeanHz = voiced ? f0.reduce((s, v) => s + v, 0) / f0.length : null;
	const f0RangeSemitones = voiced ? 12 * Math.log2(percentile(f0, 0.9) / percentile(f0, 0.1)) : null;
	const baseF0 = input.baseline?.f0Hz;
	const pitchShiftSemitones = f0MeanHz !== null && baseF0 ? 12 * Math.log2(f0MeanHz / baseF0) : 0;

	const gaps = segments.slice(1).map((s, i) => s.start - segments[i].end).filter((g) => g >= MIN_PAUSE_SEC);
	const wordsPerMinute = input.wordCount !== null && speechSec > 0.3 ? (input.wordCount / speechSec) * 60 : null;

	return {
		durationSec,
		speechSec,
		rmsDb,
		loudnessDb,
		baseline: hasBaseline ? 'speaker' : 'nominal',
		f0MeanHz,
		f0RangeSemitones,
		pitchShiftSemitones,
		wordsPerMinute,
		pauseCount: gaps.length,
		longestPauseSec: gaps.length ? Math.max(...gaps) : 0,
		overtalkSec: overlapSec(segments, input.customerSpans ?? [])
	};
}

/** Words in a transcript, for the speaking rate. */
export function countWords(text: string): number {
	return (text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? []).length;
}
