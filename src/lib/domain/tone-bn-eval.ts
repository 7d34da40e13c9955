// Accuracy of the Bengali tone estimator on a labelled set (data/tone/bengali-lines.tsv): the figures in
// docs/tone-model-card.md, computed the same way by the test and by `npm run eval:tone-bn`.

import { BENGALI_TONE_LABELS, bengaliToneLabel, estimateBengaliTone, type BengaliToneLabel } from './tone-bn';
import type { ToneEstimate } from './tone';

export interface LabelledBengaliLine {
	label: BengaliToneLabel;
	text: string;
}

/** Reads `label<TAB>text` lines; `#` lines are comments. Throws on a bad label, naming the line. */
export function parseBengaliToneSet(source: string): LabelledBengaliLine[] {
	return source.split('\n').flatMap((line, i) => {
		if (line.trim() === '' || line.startsWith('#')) return [];
		const [label, text] = line.split('\t');
		if (!(BENGALI_TONE_LABELS as readonly string[]).includes(label) || !text?.trim()) {
			throw new Error(`line ${i + 1}: expected "angry|neutral|polite<TAB>text"`);
		}
		return [{ label: label as BengaliToneLabel, text: text.trim() }];
	});
}

export interface BengaliToneFigures {
	total: number;
	correct: number;
	/** confusion[actual][predicted] */
	confusion: Record<BengaliToneLabel, Record<BengaliToneLabel, number>>;
	perClass: Record<BengaliToneLabel, { precision: number; recall: number }>;
	/** Lines labelled angry that the estimator called angry, over all angry lines. */
	angryRecall: number;
	misses: { label: BengaliToneLabel; predicted: BengaliToneLabel; text: string }[];
}

/** Figures of an estimator on a labelled set: by default the lexicon's (the server's trained model is passed in by its callers). */
export function evaluateBengaliTone(lines: readonly LabelledBengaliLine[], estimate: (text: string) => ToneEstimate = estimateBengaliTone): BengaliToneFigures {
	const zero = () => ({ angry: 0, neutral: 0, polite: 0 });
	const confusion = { angry: zero(), neutral: zero(), polite: zero() };
	const misses: BengaliToneFigures['misses'] = [];
	for (const line of lines) {
		const predicted = bengaliToneLabel(estimate(line.text));
		confusion[line.label][predicted] += 1;
		if (predicted !== line.label) misses.push({ label: line.label, predicted, text: line.text });
	}
	const perClass = Object.fromEntries(
		BENGALI_TONE_LABELS.map((c) => {
			const tp = confusion[c][c];
			const predicted = BENGALI_TONE_LABELS.reduce((n, a) => n + confusion[a][c], 0);
			const actual = BENGALI_TONE_LABELS.reduce((n, p) => n + confusion[c][p], 0);
			return [c, { precision: predicted ? tp / predicted : 0, recall: actual ? tp / actual : 0 }];
		})
	) as BengaliToneFigures['perClass'];
	const correct = BENGALI_TONE_LABELS.reduce((n, c) => n + confusion[c][c], 0);
	return { total: lines.length, correct, confusion, perClass, angryRecall: perClass.angry.recall, misses };
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** The Markdown table for docs/tone-model-card.md. */
export function bengaliToneTable(f: BengaliToneFigures): string {
	return [
		`Accuracy **${f.correct}/${f.total} (${pct(f.correct / f.total)})**.`,
		'',
		'| labelled \\ predicted | angry | neutral | polite | recall | precision |',
		'| --- | ---: | ---: | ---: | ---: | ---: |',
		...BENGALI_TONE_LABELS.map(
			(c) =>
				`| ${c} | ${f.confusion[c].angry} | ${f.confusion[c].neutral} | ${f.confusion[c].polite} | ${pct(f.perClass[c].recall)} | ${pct(f.perClass[c].precision)} |`
		)
	].join('\n');
}
