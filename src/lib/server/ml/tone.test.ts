import { describe, expect, it } from 'vitest';
import { angerThreshold, estimateTextTone } from './tone';

describe('estimateTextTone (committed model)', () => {
	it('ranks angry trainee replies above polite ones', () => {
		const angry = [
			'This is ridiculous, I already told you that twice!',
			'Stop wasting my time and just read the screen.',
			'I am so annoyed with your constant complaining.',
			'That is not my problem, deal with it yourself.'
		];
		const polite = [
			'Thank you so much for your patience, I will sort this out for you.',
			'I completely understand, let me check that for you right away.',
			'Could you please confirm your date of birth? Thanks a lot.',
			'I am sorry for the trouble, I really appreciate you calling us.'
		];
		const a = angry.map((t) => estimateTextTone(t));
		const p = polite.map((t) => estimateTextTone(t));
		for (const x of a) for (const y of p) expect(x.anger).toBeGreaterThan(y.anger);
		for (const x of a) for (const y of p) expect(x.politeness).toBeLessThan(y.politeness);
		expect(a.filter((x) => x.anger >= angerThreshold()).length).toBeGreaterThanOrEqual(3);
		// Apologies are "remorse" (negative) in GoEmotions, so compare positivity, not negativity.
		for (const x of a) for (const y of p) expect(x.sentiment.positive).toBeLessThan(y.sentiment.positive);
	});

	it('returns a probability distribution for sentiment and 0–1 scores for anything', () => {
		for (const text of ['', '   ', '!!!', 'ok', 'x'.repeat(5000), 'Ünïcödé 😀 [NAME]']) {
			const t = estimateTextTone(text);
			expect(t.source).toBe('text');
			const { negative, neutral, positive } = t.sentiment;
			expect(negative + neutral + positive).toBeCloseTo(1, 5);
			for (const v of [t.anger, t.politeness, negative, neutral, positive]) {
				expect(v).toBeGreaterThanOrEqual(0);
				expect(v).toBeLessThanOrEqual(1);
			}
		}
	});
});
