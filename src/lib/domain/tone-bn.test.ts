import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bengaliToneLabel, estimateBengaliTone } from './tone-bn';
import { bengaliToneTable, evaluateBengaliTone, parseBengaliToneSet } from './tone-bn-eval';

const lines = parseBengaliToneSet(readFileSync('data/tone/bengali-lines.tsv', 'utf8'));

describe('Bengali tone estimator', () => {
	it('has a labelled test set of at least 200 lines, at least 60 of each label', () => {
		expect(lines.length).toBeGreaterThanOrEqual(200);
		for (const label of ['angry', 'neutral', 'polite'] as const) {
			expect(lines.filter((l) => l.label === label).length, label).toBeGreaterThanOrEqual(60);
		}
	});
	it('refuses a test-set line with an unknown label, naming the line', () => {
		expect(() => parseBengaliToneSet('# comment\nfurious\tচুপ')).toThrow(/line 2/);
	});
	it('judges clear cases the way a trainer would', () => {
		expect(bengaliToneLabel(estimateBengaliTone('তুই চুপ কর!'))).toBe('angry');
		expect(bengaliToneLabel(estimateBengaliTone('এটা আপনারই দোষ, আমার কিছু করার নেই।'))).toBe('angry');
		expect(bengaliToneLabel(estimateBengaliTone('অপেক্ষা করার জন্য ধন্যবাদ, এই ঝামেলার জন্য দুঃখিত।'))).toBe('polite');
		expect(bengaliToneLabel(estimateBengaliTone('নতুন বিল পাঁচ কার্যদিবসের মধ্যে আসবে।'))).toBe('neutral');
	});
	it('reads an apology with a negation as an apology, not as blame', () => {
		const e = estimateBengaliTone('এটা আপনার দোষ না, আমাদের ভুল, আমি দুঃখিত।');
		expect(e.markers.map((m) => m.kind)).not.toContain('rude');
		expect(bengaliToneLabel(e)).not.toBe('angry');
	});
	it('reads a plain request in the ordinary -বেন form as neutral, not polite', () => {
		for (const text of ['আপনার গ্রাহক নম্বরটা বলবেন?', 'রসিদের ছবিটা হোয়াটসঅ্যাপে পাঠিয়ে দেবেন।', 'কাল সকালে অফিসে থাকবেন?']) {
			expect(bengaliToneLabel(estimateBengaliTone(text)), text).toBe('neutral');
		}
		// courtesy words still make a request polite
		expect(bengaliToneLabel(estimateBengaliTone('দয়া করে আপনার গ্রাহক নম্বরটা বলবেন?'))).toBe('polite');
	});
	it('hears anger said as a threat or with ordinary words of contempt', () => {
		for (const text of ['এভাবে চললে আমি ভোক্তা অধিকারে অভিযোগ করব।', 'আপনাদের মতো অকর্মা অফিস আর দেখিনি।', 'গ্রাহকের সময়ের কোনো মূল্য নেই আপনাদের কাছে।']) {
			expect(bengaliToneLabel(estimateBengaliTone(text)), text).toBe('angry');
		}
	});
	it('docs/tone-model-card.md shows the accuracy as measured (npm run eval:tone-bn)', () => {
		expect(readFileSync('docs/tone-model-card.md', 'utf8')).toContain(bengaliToneTable(evaluateBengaliTone(lines)));
	});
});
