// Metrics of the tone model and of the VADER lexicon baseline on GoEmotions-format rows.
// Used by scripts/train-sentiment.ts (model card) and scripts/eval-tone.ts (any TSV).

import { createRequire } from 'node:module';
import { binaryMetrics, sentimentMetrics, type BinaryMetrics, type LabelledText, type MulticlassMetrics } from '../../src/lib/server/ml/tone-data';
import { predictTone, type ToneModel, type ToneSpeaker } from '../../src/lib/server/ml/tone-model';

const require = createRequire(import.meta.url);
const vader = require('vader-sentiment') as {
	SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
};

export interface ToneReport {
	rows: number;
	/** anger-or-annoyance, all rows */
	anger: BinaryMetrics;
	/** 3-class sentiment over the rows that have a single sentiment */
	sentiment: MulticlassMetrics;
	excludedFromSentiment: number;
}

function report(rows: LabelledText[], angerScore: number[], angerThreshold: number, sentimentPred: number[]): ToneReport {
	const withSentiment = rows.map((r, i) => ({ t: r.sentiment, p: sentimentPred[i] })).filter((x) => x.t !== null);
	return {
		rows: rows.length,
		anger: binaryMetrics(rows.map((r) => r.angry), angerScore.map((s) => s >= angerThreshold)),
		sentiment: sentimentMetrics(withSentiment.map((x) => x.t as number), withSentiment.map((x) => x.p)),
		excludedFromSentiment: rows.length - withSentiment.length
	};
}

const argmax3 = (p: number[]) => (p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2);

/** `speaker` 'agent': the model's agent anger head reads every row (as the app reads what trainees say). */
export function evaluateModel(model: ToneModel, rows: LabelledText[], speaker: ToneSpeaker = 'any'): ToneReport {
	const preds = rows.map((r) => predictTone(model, r.text, undefined, speaker));
	return report(rows, preds.map((p) => p.anger), model.angerThreshold, preds.map((p) => argmax3(p.sentiment)));
}

/** VADER's compound score per row (−1 … 1). */
export function vaderCompound(rows: LabelledText[]): number[] {
	return rows.map((r) => vader.SentimentIntensityAnalyzer.polarity_scores(r.text).compound);
}

/**
 * VADER with its authors' thresholds: compound ≥ 0.05 positive, ≤ −0.05 negative, else neutral;
 * "angry" = compound below angerCut (−0.05 by default, i.e. any negative text).
 */
export function evaluateVader(rows: LabelledText[], compound: number[], angerCut = -0.05): ToneReport {
	const sentiment = compound.map((c) => (c >= 0.05 ? 2 : c <= -0.05 ? 0 : 1));
	return report(rows, compound.map((c) => -c), -angerCut, sentiment);
}

/** The anger cut on VADER's compound score that maximises anger F1 on these rows (a generous baseline). */
export function bestVaderAngerCut(rows: LabelledText[], compound: number[]): number {
	let best = { cut: -0.05, f1: -1 };
	for (let cut = -0.95; cut <= 0.5; cut += 0.05) {
		const f1 = binaryMetrics(rows.map((r) => r.angry), compound.map((c) => c <= cut)).f1;
		if (f1 > best.f1) best = { cut: Math.round(cut * 100) / 100, f1 };
	}
	return best.cut;
}

const pct = (x: number) => (100 * x).toFixed(1);

/** Markdown table comparing reports (rows = systems). */
export function markdownTable(systems: { name: string; r: ToneReport }[]): string {
	const lines = [
		'| system | anger-or-annoyance P | R | **F1** | sentiment **macro-F1** | accuracy | F1 neg / neu / pos |',
		'| --- | ---: | ---: | ---: | ---: | ---: | --- |'
	];
	for (const { name, r } of systems) {
		const pc = r.sentiment.perClass;
		lines.push(
			`| ${name} | ${pct(r.anger.precision)} | ${pct(r.anger.recall)} | **${pct(r.anger.f1)}** | **${pct(r.sentiment.macroF1)}** | ${pct(r.sentiment.accuracy)} | ${pct(pc.negative.f1)} / ${pct(pc.neutral.f1)} / ${pct(pc.positive.f1)} |`
		);
	}
	return lines.join('\n');
}
