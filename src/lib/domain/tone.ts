// Tone of the trainee's speech: the shared shape produced by the text tone model and the prosody
// analyser, and the one documented rule that combines them. Pure: runs on the server and in the browser.

/** Tone of one trainee utterance. All numbers are 0–1. */
export interface ToneEstimate {
	/** Probability-like estimate that the trainee sounds angry or annoyed (0 calm … 1 clearly angry). */
	anger: number;
	/** Three-way sentiment of the words; the three values sum to 1. */
	sentiment: { negative: number; neutral: number; positive: number };
	/** Politeness cue (0 rude/blunt … 0.5 plain … 1 very polite). */
	politeness: number;
	/** Whether only the words were used, or the words combined with how they were said. */
	source: 'text' | 'text+prosody';
}

/**
 * How an utterance was said, measured from its audio (see src/lib/server/ml/prosody.ts).
 * Loudness and pitch are relative to the same speaker's baseline in this call, because absolute
 * levels depend on the microphone and the voice, not on the mood.
 */
export interface Prosody {
	/** Length of the analysed clip in seconds. */
	durationSec: number;
	/** Seconds of the clip that contain speech (voice activity). */
	speechSec: number;
	/** Mean RMS level over the speech frames, in dBFS (0 = full scale, silence ≈ −90). */
	rmsDb: number;
	/**
	 * rmsDb minus the speaker's baseline level in this call, in dB (+6 dB ≈ twice the amplitude).
	 * Without a baseline it is measured against a nominal speaking level of −26 dBFS.
	 */
	loudnessDb: number;
	/** Whether loudnessDb and pitchShiftSemitones use the speaker's own baseline or nominal values. */
	baseline: 'speaker' | 'nominal';
	/** Mean fundamental frequency (pitch) over voiced frames in Hz; null when nothing was voiced. */
	f0MeanHz: number | null;
	/** Spread of the pitch (10th to 90th percentile) in semitones; null when nothing was voiced. */
	f0RangeSemitones: number | null;
	/** f0MeanHz relative to the speaker's baseline pitch in semitones (0 without a baseline). */
	pitchShiftSemitones: number;
	/** Speaking rate over the speech time; null when the word count is unknown or there is no speech. */
	wordsPerMinute: number | null;
	/** Number of silent gaps of at least 250 ms between speech. */
	pauseCount: number;
	/** Longest such gap in seconds. */
	longestPauseSec: number;
	/** Seconds during which the trainee spoke while the customer's line was playing. */
	overtalkSec: number;
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Speaking rate above which speech counts as hurried (a calm agent speaks at about 140–170 wpm). */
export const HURRIED_WPM = 170;

/**
 * Vocal arousal 0–1 from prosody: how much louder, higher and faster than usual the trainee speaks.
 * Each cue saturates: +9 dB louder, +4 semitones higher, +80 wpm faster than HURRIED_WPM.
 * Weights: loudness 0.5, speaking rate 0.3, pitch 0.2 (loudness is the most reliable cue on a
 * phone line; pitch tracking is the least reliable). Loudness and pitch only count against the
 * speaker's own baseline: an absolute level says more about the microphone than about the mood.
 */
export function prosodyArousal(p: Prosody): number {
	if (p.speechSec <= 0) return 0;
	const own = p.baseline === 'speaker';
	const loud = own ? clamp01(p.loudnessDb / 9) : 0;
	const pitch = own ? clamp01(p.pitchShiftSemitones / 4) : 0;
	const rate = p.wordsPerMinute === null ? 0 : clamp01((p.wordsPerMinute - HURRIED_WPM) / 80);
	return clamp01(0.5 * loud + 0.3 * rate + 0.2 * pitch);
}

/**
 * Combine the text tone with how it was said into one estimate.
 *
 * - anger: arousal can only raise the text's anger, never lower it:
 *   anger = text + (1 − text) · 0.6 · arousal. Polite words said calmly stay calm; the same words
 *   shouted reach at most 0.6; angry words shouted approach 1.
 * - politeness: shouting and talking over the customer cost politeness:
 *   politeness = text · (1 − 0.4 · arousal) − 0.1 per second of overtalk (at most −0.3).
 * - sentiment is the words' sentiment (prosody does not say whether words are positive).
 *
 * Without prosody (typed answers) the text estimate is returned unchanged.
 */
export function combineTone(text: ToneEstimate, prosody?: Prosody): ToneEstimate {
	if (!prosody) return text;
	const arousal = prosodyArousal(prosody);
	const anger = clamp01(text.anger + (1 - text.anger) * 0.6 * arousal);
	const overtalkPenalty = Math.min(0.3, 0.1 * Math.max(0, prosody.overtalkSec));
	const politeness = clamp01(text.politeness * (1 - 0.4 * arousal) - overtalkPenalty);
	return { anger, sentiment: { ...text.sentiment }, politeness, source: 'text+prosody' };
}
