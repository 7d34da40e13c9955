// npm run train:tone-bn — trains the Bengali tone model (angry / neutral / polite) on our Bengali and Banglish training
// lines (data/tone/bengali-train*.tsv, banglish-train*.tsv: writers who saw only docs/tone-bn-labelling-guide.md) with a
// fixed seed. Settings (L2, epochs, two class offsets) are chosen on Bengali sets 1 and 2 and Banglish set 1, only among
// those that read every line of data/tone/bengali-pinned.tsv right; Bengali sets 3–6 and Banglish set 2 are only
// reported. Also derives how Banglish is recognised (its words, and the share of them a line needs) and stores it in the
// model file. Prints the lexicon's figures beside the model's and writes src/lib/server/ml/tone-bn-model.json
// (TONE_BN_MODEL_OUT for experiments; TONE_BN_TRAIN names other training files). Same data + same code → byte-identical.

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
	latinWords,
	looksBanglish,
	type BanglishRule,
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
const TRAIN_FILES = (process.env.TONE_BN_TRAIN ?? 'bengali-train.tsv bengali-train2.tsv bengali-train3.tsv bengali-train4.tsv bengali-train5.tsv bengali-train6.tsv bengali-train7.tsv banglish-train.tsv banglish-train2.tsv banglish-train3.tsv').split(' ');
const SELECTION_FILES = ['bengali-lines.tsv', 'bengali-lines-2.tsv', 'banglish-lines.tsv'];
/** Clear cases every chosen setting must read right (not a test set; the unit test checks them too). */
const PINNED_FILE = 'bengali-pinned.tsv';
const REPORT_FILES = ['bengali-lines-3.tsv', 'bengali-lines-4.tsv', 'bengali-lines-5.tsv', 'bengali-lines-6.tsv', 'banglish-lines-2.tsv'];
/** English lines that must not be read as Banglish: GoEmotions' training split and our English customer-service training lines. */
const dataDir = resolve(process.env.DATA_DIR ?? '../shared/data');
const ENGLISH_FILES = ['customer-service-train.tsv', 'customer-service-train2.tsv', 'customer-service-train3.tsv', 'customer-service-train4.tsv'];
/** Shares of Banglish words a line needs, tried in this order; the first that reads at most 1 in 1,000 English training lines as Banglish is kept. */
const MIN_SHARES = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5];
const modelPath = resolve(process.env.TONE_BN_MODEL_OUT ?? 'src/lib/server/ml/tone-bn-model.json');

const read = (f: string) => parseBengaliToneSet(readFileSync(resolve(dir, f), 'utf8'));
/** Letters only (lower case), no spaces or punctuation: how training lines are compared with test lines. */
const squash = (t: string) => t.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{M}\p{N}]/gu, '');
const classOf = (l: BengaliToneLabel) => BENGALI_TONE_LABELS.indexOf(l);
/** Offsets tried on the angry and polite logits: −1 … 1 in steps of 0.1, angry first. */
const OFFSETS: [number, number][] = Array.from({ length: 21 * 21 }, (_, i) => [(Math.floor(i / 21) - 10) / 10, ((i % 21) - 10) / 10]);

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
	const model = { hashBits: HASH_BITS, heads: withOffsets(heads, offset), banglish: null };
	return xs.filter((x, i) => bengaliToneLabel(bengaliEstimate(bengaliProbabilities(model, x), [])) === lines[i].label).length / xs.length;
}

/**
 * How Banglish is recognised: its words are the Latin words of at least two Banglish training lines that are not
 * English words (every word of our English training lines, and GoEmotions training words seen at least twice); the
 * share of them a line needs is the first of MIN_SHARES that reads at most 1 in 1,000 English training lines as
 * Banglish. Prints, for each share, the English lines read as Banglish and the Banglish selection lines recognised.
 */
function banglishRule(banglishTrain: LabelledBengaliLine[], banglishSelection: LabelledBengaliLine[]): BanglishRule {
	const goemotions = readFileSync(resolve(dataDir, 'goemotions/train.tsv'), 'utf8')
		.split('\n')
		.map((l) => l.split('\t')[0])
		.filter(Boolean);
	const ours = ENGLISH_FILES.flatMap((f) => readFileSync(resolve(dir, f), 'utf8').split('\n').map((l) => l.split('\t')[0]).filter(Boolean));
	const seen = new Map<string, number>();
	for (const text of goemotions) for (const w of latinWords(text)) seen.set(w, (seen.get(w) ?? 0) + 1);
	const english = new Set([...seen].filter(([, n]) => n >= 2).map(([w]) => w));
	for (const text of ours) for (const w of latinWords(text)) english.add(w);
	const df = new Map<string, number>();
	for (const l of banglishTrain) for (const w of new Set(latinWords(l.text))) df.set(w, (df.get(w) ?? 0) + 1);
	const words = [...df].filter(([w, n]) => n >= 2 && !english.has(w)).map(([w]) => w).sort();
	const englishLines = [...goemotions, ...ours];
	const model = { hashBits: HASH_BITS, heads: [], banglish: { minShare: 0, words: new Set(words) } };
	let chosen: BanglishRule | null = null;
	for (const minShare of MIN_SHARES) {
		model.banglish.minShare = minShare;
		const wrong = englishLines.filter((t) => looksBanglish(model, t)).length;
		const found = banglishSelection.filter((l) => looksBanglish(model, l.text)).length;
		console.log(`Banglish share ≥ ${minShare}: English training lines read as Banglish ${wrong} of ${englishLines.length}; Banglish selection lines recognised ${found} of ${banglishSelection.length}`);
		if (!chosen && wrong <= englishLines.length / 1000) chosen = { minShare, words };
	}
	if (!chosen) throw new Error('no share of Banglish words keeps English lines apart');
	console.log(`Banglish words: ${words.length}; share chosen ≥ ${chosen.minShare}`);
	return chosen;
}

/** The heads with the angry and polite offsets folded into their biases. */
const withOffsets = (heads: { bias: number; w: Float32Array }[], offset: [number, number]) =>
	heads.map((h, c) => ({ bias: h.bias + (c === 0 ? offset[0] : c === 2 ? offset[1] : 0), w: h.w }));

function main() {
	const t0 = performance.now();
	const trainFiles = TRAIN_FILES.map(read);
	const trainLines = trainFiles.flat();
	const selection = SELECTION_FILES.map(read);
	const pinned = read(PINNED_FILE);
	const xPinned = pinned.map((l) => bengaliFeatures(l.text, HASH_BITS));
	const readsPinned = (heads: { bias: number; w: Float32Array }[], offset: [number, number]) => accuracy(heads, xPinned, pinned, offset) === 1;
	const report = REPORT_FILES.filter((f) => existsSync(resolve(dir, f))).map((f) => ({ f, lines: read(f) }));
	const heldOut = new Set([...selection.flat(), ...pinned, ...report.flatMap((r) => r.lines)].map((l) => squash(l.text)));
	const leaked = trainLines.filter((l) => heldOut.has(squash(l.text)));
	if (leaked.length > 0) throw new Error(`training lines repeat test lines: ${leaked.map((l) => l.text).join(' | ')}`);
	const xTrain = trainLines.map((l) => bengaliFeatures(l.text, HASH_BITS));
	const yTrain = trainLines.map((l) => classOf(l.label));
	const xSel = selection.map((lines) => lines.map((l) => bengaliFeatures(l.text, HASH_BITS)));
	const counts = BENGALI_TONE_LABELS.map((c) => `${c} ${trainLines.filter((l) => l.label === c).length}`).join(', ');
	console.log(`training lines ${trainLines.length} (${counts}); selection sets ${selection.map((s) => s.length).join(' + ')}`);

	// settings and epoch by the mean accuracy over the selection sets, then the two class offsets the same way; only
	// among settings that read every pinned line right with some offsets, and then only among offsets that do
	let best = { score: -1, heads: [] as { bias: number; w: Float32Array }[], l2: 0, epoch: 0 };
	let bestAny = best;
	for (const l2 of L2S) {
		train(xTrain, yTrain, l2).forEach((heads, e) => {
			const score = mean(...selection.map((lines, k) => accuracy(heads, xSel[k], lines, [0, 0])));
			const ok = OFFSETS.some((o) => readsPinned(heads, o));
			console.log(`l2 ${l2} epoch ${e + 1}: selection accuracy ${(100 * score).toFixed(2)}${ok ? '' : ' (misreads a pinned line)'}`);
			if (ok && score > best.score + 1e-12) best = { score, heads, l2, epoch: e + 1 };
			if (score > bestAny.score + 1e-12) bestAny = { score, heads, l2, epoch: e + 1 };
		});
	}
	if (best.score < 0) {
		const misread = pinned.filter((l, i) => accuracy(bestAny.heads, [xPinned[i]], [l], [0, 0]) < 1).map((l) => `${l.label}: ${l.text}`);
		throw new Error(`no setting reads every line of ${PINNED_FILE} right; the best-scoring one misreads ${misread.join(' | ')}`);
	}
	let offset: [number, number] = [0, 0];
	let bestOffsetScore = best.score;
	if (!readsPinned(best.heads, offset)) bestOffsetScore = -1;
	for (const o of OFFSETS) {
		const score = mean(...selection.map((lines, k) => accuracy(best.heads, xSel[k], lines, o)));
		if (score > bestOffsetScore + 1e-12 && readsPinned(best.heads, o)) [offset, bestOffsetScore] = [o, score];
	}
	console.log(`chosen: l2 ${best.l2}, epoch ${best.epoch}, offsets angry ${offset[0]} polite ${offset[1]}: selection accuracy ${(100 * bestOffsetScore).toFixed(2)}`);
	const heads = withOffsets(best.heads, offset);
	const banglish = banglishRule(
		TRAIN_FILES.flatMap((f, k) => (f.startsWith('banglish') ? trainFiles[k] : [])),
		selection[SELECTION_FILES.indexOf('banglish-lines.tsv')]
	);
	const file: BengaliModelFile = {
		format: BENGALI_MODEL_FORMAT,
		hashBits: HASH_BITS,
		heads: encodeBengaliHeads(heads),
		banglish,
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
