import { describe, expect, it } from 'vitest';
import { combineTone, prosodyArousal, type Prosody, type ToneEstimate } from './tone';

const calmText: ToneEstimate = { anger: 0.05, sentiment: { negative: 0.1, neutral: 0.6, positive: 0.3 }, politeness: 0.9, source: 'text' };
const angryText: ToneEstimate = { anger: 0.8, sentiment: { negative: 0.8, neutral: 0.15, positive: 0.05 }, politeness: 0.2, source: 'text' };

function prosody(over: Partial<Prosody> = {}): Prosody {
	return {
		durationSec: 3, speechSec: 2.5, rmsDb: -26, loudnessDb: 0, baseline: 'speaker', f0MeanHz: 120,
		f0RangeSemitones: 4, pitchShiftSemitones: 0, wordsPerMinute: 150, pauseCount: 1, longestPauseSec: 0.3, overtalkSec: 0,
		...over
	};
}
const shouted = prosody({ loudnessDb: 9, pitchShiftSemitones: 4, wordsPerMinute: 250 });

describe('prosodyArousal', () => {
	it('is 0 for calm speech at the speaker baseline and 1 for loud, high, fast speech', () => {
		expect(prosodyArousal(prosody())).toBe(0);
		expect(prosodyArousal(shouted)).toBeCloseTo(1, 5);
	});
	it('weighs loudness more than pitch', () => {
		expect(prosodyArousal(prosody({ loudnessDb: 9 }))).toBeGreaterThan(prosodyArousal(prosody({ pitchShiftSemitones: 4 })));
	});
	it('ignores absolute loudness and pitch without a speaker baseline, but not speed', () => {
		expect(prosodyArousal(prosody({ baseline: 'nominal', loudnessDb: 9, pitchShiftSemitones: 4 }))).toBe(0);
		expect(prosodyArousal(prosody({ baseline: 'nominal', wordsPerMinute: 250 }))).toBeCloseTo(0.3, 5);
	});
	it('is 0 when there was no speech', () => {
		expect(prosodyArousal(prosody({ speechSec: 0, loudnessDb: 20 }))).toBe(0);
	});
});

describe('combineTone', () => {
	it('returns the text estimate unchanged without prosody', () => {
		expect(combineTone(calmText)).toEqual(calmText);
	});
	it('keeps calm words said calmly calm, and marks the source', () => {
		const t = combineTone(calmText, prosody());
		expect(t.anger).toBeCloseTo(0.05, 5);
		expect(t.politeness).toBeCloseTo(0.9, 5);
		expect(t.source).toBe('text+prosody');
	});
	it('raises anger when the same words are shouted, but never above angry words shouted', () => {
		const politeShouted = combineTone(calmText, shouted);
		const angryShouted = combineTone(angryText, shouted);
		expect(politeShouted.anger).toBeGreaterThan(0.5);
		expect(politeShouted.anger).toBeLessThanOrEqual(0.65);
		expect(angryShouted.anger).toBeGreaterThan(politeShouted.anger);
		expect(angryShouted.anger).toBeLessThanOrEqual(1);
	});
	it('costs politeness for shouting and for talking over the customer', () => {
		expect(combineTone(calmText, shouted).politeness).toBeLessThan(0.6);
		expect(combineTone(calmText, prosody({ overtalkSec: 2 })).politeness).toBeCloseTo(0.7, 5);
		expect(combineTone(calmText, prosody({ overtalkSec: 10 })).politeness).toBeCloseTo(0.6, 5);
	});
	it('keeps the words sentiment', () => {
		expect(combineTone(angryText, shouted).sentiment).toEqual(angryText.sentiment);
	});
});
