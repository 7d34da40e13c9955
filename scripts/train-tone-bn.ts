// npm run train:tone-bn — trains the Bengali tone model (angry / neutral / polite) on our Bengali training lines
// (data/tone/bengali-train*.tsv, five writers who saw only docs/tone-bn-labelling-guide.md) with a fixed seed.
// Settings (L2, epochs, two class offsets) are chosen on sets 1 and 2 (data/tone/bengali-lines.tsv, -2.tsv); sets 3,
// 4 and 5 are only reported. Prints the lexicon's figures beside the model's and writes
// src/lib/server/ml/tone-bn-model.json (TONE_BN_MODEL_OUT for experiments). Same data + same code → byte-identical file.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BENGALI_TONE_LABELS, bengaliToneLabel, estimateBengaliTone, type BengaliToneLabel } from '../src/lib/domain/tone-bn';
import { bengaliToneTable, evaluateBengaliTone, parseBengaliToneSet, type LabelledBengaliLine } from '../src/lib/domain/tone-bn-eval';
import { sparseDot, type SparseVector } from '../src/lib/server/ml/tone-features';
import {
	BENGALI_MODEL_FORMAT,
	bengaliEstimate,
	bengaliFeatures,
	bengaliProbabilities,
	decodeBengaliModel,
	encodeBengaliHeads,
	estimateBengaliToneWith,
	type BengaliModelFile
} from '../src/lib/server/ml/tone-bn-model';
import { adaGradStep, rng, shuffled, mean, type AdaGradHead } from './lib/train-utils';

const SEED = 20261207;
const HASH_BITS = 16;
const DIM = 1 << HASH_BITS;
const EPOCHS = 10;
const LR = 0.2;
const L2S = [0, 1e-5, 1e-4];
const dir = resolve('data/tone');
const TRAIN_FILES = ['bengali-train.tsv', 'bengali-train2.tsv', 'bengali-train3.tsv', 'bengali-train4.tsv', 'bengali-train5.tsv'];
const SELECTION_FILES = ['bengali-lines.tsv', 'bengali-lines-2.tsv'];
const REPORT_FILES = ['bengali-lines-3.tsv', 'bengali-lines-4.tsv', 'bengali-lines-5.tsv'];
const modelPath = resolve(process.env.TONE_BN_MODEL_OUT ?? 'src/lib/server/ml/tone-bn-model.json');

const read = (f: string) => parseBengaliToneSet(readFileSync(resolve(dir, f), 'utf8'));
/** Letters only, no spaces, marks or punctuation: how training lines are compared with test lines. */
const squash = (t: string) => t.normalize('NFC').replace(/[^\p{L}\p{M}\p{N}]/gu, '');
const classOf = (l: BengaliToneLabel) => BENGALI_TONE_LABELS.indexOf(l);

/** Softmax regression with AdaGrad and L2 on the touched weights; the heads after each epoch. */
function train(xs: SparseVector[], ys: number[], l2: number): { bias: number; w: Float32Array }[][] {
	const heads: AdaGradHead[] = [0, 1, 2].map(() => ({ w: new Float32Array(DIM), b: 0, g2: new Float32Array(DIM).fill(1e-8), gb: 1e-8 }));
	const rand = rng(SEED);
	const out: { bias: number; w: Float32Array }[][] = [];
	for (let e = 0; e < EPOCHS; e++) {
		for (const i of shuffled(xs.length, rand)) {
			const x = xs[i];
			const z = heads.map((h) => h.b + sparseDot(x, h.w));
			const m = Math.max(...z);
			const ez = z.map((v) => Math.exp(v - m));
			const sum = ez[0] + ez[1] + ez[2];
			heads.forEach((h, c) => adaGradStep(h, x, ez[c] / sum - (ys[i] === c ? 1 : 0), LR, l2));
		}
		out.push(heads.map((h) => ({ bias: h.b, w: h.w.slice() })));
	}
	return out;
}

/** Accuracy under the app's label rule (bengaliToneLabel on the estimate), with offsets added to the angry and polite logits. */
function accuracy(heads: { bias: number; w: Float32Array }[], xs: SparseVector[], lines: LabelledBengaliLine[], offset: [number, number]): number {
	const model = { hashBits: HASH_BITS, heads: withOffsets(heads, offset) };
	return xs.filter((x, i) => bengaliToneLabel(bengaliEstimate(bengaliProbabilities(model, x), [])) === lines[i].label).length / xs.length;
}

/** The heads with the angry and polite offsets folded into their biases. */
const withOffsets = (heads: { bias: number; w: Float32Array }[], offset: [number, number]) =>
	heads.map((h, c) => ({ bias: h.bias + (c === 0 ? offset[0] : c === 2 ? offset[1] : 0), w: h.w }));

function main() {
	const t0 = performance.now();
	const trainLines = TRAIN_FILES.flatMap(read);
	const selection = SELECTION_FILES.map(read);
	const report = REPORT_FILES.filter((f) => existsSync(resolve(dir, f))).map((f) => ({ f, lines: read(f) }));
	const heldOut = new Set([...selection.flat(), ...report.flatMap((r) => r.lines)].map((l) => squash(l.text)));
	const leaked = trainLines.filter((l) => heldOut.has(squash(l.text)));
	if (leaked.length > 0) throw new Error(`training lines repeat test lines: ${leaked.map((l) => l.text).join(' | ')}`);
	const xTrain = trainLines.map((l) => bengaliFeatures(l.text, HASH_BITS));
	const yTrain = trainLines.map((l) => classOf(l.label));
	const xSel = selection.map((lines) => lines.map((l) => bengaliFeatures(l.text, HASH_BITS)));
	const counts = BENGALI_TONE_LABELS.map((c) => `${c} ${trainLines.filter((l) => l.label === c).length}`).join(', ');
	console.log(`training lines ${trainLines.length} (${counts}); selection sets ${selection.map((s) => s.length).join(' + ')}`);

	// settings and epoch by the mean accuracy over the two selection sets, then the two class offsets the same way
	let best = { score: -1, heads: [] as { bias: number; w: Float32Array }[], l2: 0, epoch: 0 };
	for (const l2 of L2S) {
		train(xTrain, yTrain, l2).forEach((heads, e) => {
			const score = mean(...selection.map((lines, k) => accuracy(heads, xSel[k], lines, [0, 0])));
			console.log(`l2 ${l2} epoch ${e + 1}: selection accuracy ${(100 * score).toFixed(2)}`);
			if (score > best.score + 1e-12) best = { score, heads, l2, epoch: e + 1 };
		});
	}
	let offset: [number, number] = [0, 0];
	let bestOffsetScore = best.score;
	for (let a = -10; a <= 10; a++) {
		for (let p = -10; p <= 10; p++) {
			const o: [number, number] = [a / 10, p / 10];
			const score = mean(...selection.map((lines, k) => accuracy(best.heads, xSel[k], lines, o)));
			if (score > bestOffsetScore + 1e-12) [offset, bestOffsetScore] = [o, score];
		}
	}
	console.log(`chosen: l2 ${best.l2}, epoch ${best.epoch}, offsets angry ${offset[0]} polite ${offset[1]}: selection accuracy ${(100 * bestOffsetScore).toFixed(2)}`);
	const heads = withOffsets(best.heads, offset);
	const file: BengaliModelFile = {
		format: BENGALI_MODEL_FORMAT,
		hashBits: HASH_BITS,
		heads: encodeBengaliHeads(heads),
		training: {
			seed: SEED,
			data: `${trainLines.length} lines of ${TRAIN_FILES.join(', ')} (data/tone)`,
			features: 'hashed (2^16) surface words and bigrams, stemmed words, in-word char 2–4-grams, log tf, L2-normalised; lexicon marker counts per kind and an exclamation cue',
			optimiser: 'AdaGrad, softmax loss',
			l2: best.l2,
			epochs: best.epoch,
			offsets: { angry: offset[0], polite: offset[1] }
		}
	};
	const json = JSON.stringify(file);
	writeFileSync(modelPath, json + '\n');

	const model = decodeBengaliModel(file);
	const byModel = (text: string) => estimateBengaliToneWith(model, text);
	for (const [name, lines] of [...SELECTION_FILES.map((f, k) => [`${f} (selection)`, selection[k]] as const), ...report.map((r) => [`${r.f} (report only)`, r.lines] as const)]) {
		console.log(`\n${name}: ${lines.length} lines\nmodel:\n${bengaliToneTable(evaluateBengaliTone(lines, byModel))}\nlexicon:\n${bengaliToneTable(evaluateBengaliTone(lines, estimateBengaliTone))}`);
	}
	console.log(`\nwrote ${modelPath} (${(json.length / 1e3).toFixed(0)} KB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

main();
