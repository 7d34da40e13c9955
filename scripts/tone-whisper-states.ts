// Tone experiment (model card, "Tried after model 7"): linear heads on Whisper decoder states, alone and blended with
// the committed model's log-probabilities. First `node scripts/tone-whisper-states-extract.mjs` for each file (see
// there), then `[LR=0.001] [EPOCHS=3] [K=20] npx tsx scripts/tone-whisper-states.ts`. Trains on GoEmotions train and
// our two customer-service training files (repeated K times); the anger threshold and sentiment class offsets of each
// blend are chosen on GoEmotions dev and customer-service dev together; dev 2 is only reported; dev 3 is not read.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseGoEmotionsTsv, binaryMetrics, sentimentMetrics, type LabelledText } from '../src/lib/server/ml/tone-data';
import { decodeToneModel, predictTone, type ToneModelFile } from '../src/lib/server/ml/tone-model';
const DIM = Number(process.env.DIM ?? 768);
// the extractor's output files, f-<name>.bin (FEATURES_DIR, default the system's temp folder), and the shared data
const features = (name: string) => join(process.env.FEATURES_DIR ?? tmpdir(), `f-${name}.bin`);
const goemotions = (name: string) => resolve(process.env.DATA_DIR ?? '../shared/data', 'goemotions', name);
function load(tsv: string, bin: string) {
	// the extractor skipped lines starting with '#' (41 GoEmotions train rows, 9 dev rows): leave them out here too
	const rows = parseGoEmotionsTsv(readFileSync(tsv, 'utf8').split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('#')).join('\n'), tsv);
	const buf = readFileSync(bin);
	const x = new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4);
	if (x.length !== rows.length * DIM) throw new Error(`${bin}: ${x.length / DIM} rows of features, ${rows.length} rows`);
	return { rows, x };
}
const sets = {
	train: load(goemotions('train.tsv'), features('train')),
	dev: load(goemotions('dev.tsv'), features('dev')),
	cst: load('data/tone/customer-service-train.tsv', features('customer-service-train')),
	cst2: load('data/tone/customer-service-train2.tsv', features('customer-service-train2')),
	csdev: load('data/tone/customer-service-dev.tsv', features('customer-service-dev')),
	dev2: load('data/tone/customer-service-dev2.tsv', features('customer-service-dev2'))
};
const K = Number(process.env.K ?? 20);
// standardise on GoEmotions train
const mean = new Float64Array(DIM), sd = new Float64Array(DIM);
const n0 = sets.train.rows.length;
for (let i = 0; i < n0; i++) for (let j = 0; j < DIM; j++) mean[j] += sets.train.x[i * DIM + j] / n0;
for (let i = 0; i < n0; i++) for (let j = 0; j < DIM; j++) sd[j] += (sets.train.x[i * DIM + j] - mean[j]) ** 2 / n0;
for (let j = 0; j < DIM; j++) sd[j] = Math.sqrt(sd[j]) || 1;
const vec = (s: { x: Float32Array }, i: number) => { const v = new Float32Array(DIM); for (let j = 0; j < DIM; j++) v[j] = (s.x[i * DIM + j] - mean[j]) / sd[j]; return v; };
type Ex = { v: Float32Array; r: LabelledText };
const exs = (s: { rows: LabelledText[]; x: Float32Array }, k = 1): Ex[] => { const o: Ex[] = []; for (let i = 0; i < s.rows.length; i++) { const v = vec(s, i); for (let c = 0; c < k; c++) o.push({ v, r: s.rows[i] }); } return o; };
const train = [...exs(sets.train), ...exs(sets.cst, K), ...exs(sets.cst2, K)];
const evals = { 'GoE dev': exs(sets.dev), 'CS dev': exs(sets.csdev), 'CS dev2': exs(sets.dev2) };
// deterministic shuffle
let seed = 42; const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const LR = Number(process.env.LR ?? 0.001), L2 = Number(process.env.L2 ?? 1e-4), EPOCHS = Number(process.env.EPOCHS ?? 3);
const Ws = [0, 1, 2].map(() => new Float32Array(DIM)), bs = [0, 0, 0];
const Wa = new Float32Array(DIM); let ba = 0;
const dot = (w: Float32Array, v: Float32Array) => { let s = 0; for (let j = 0; j < DIM; j++) s += w[j] * v[j]; return s; };
const model7 = decodeToneModel(JSON.parse(readFileSync('src/lib/server/ml/tone-model.json', 'utf8')) as ToneModelFile);
const m7 = new Map<Ex, { a: number; s: number[] }>();
for (const list of Object.values(evals)) for (const e of list) { const p = predictTone(model7, e.r.text); m7.set(e, { a: Math.log(p.anger / (1 - p.anger)) - Math.log(model7.angerThreshold / (1 - model7.angerThreshold)), s: p.sentiment.map((q) => Math.log(q)) }); }
const ALPHAS = [0, 0.25, 0.5, 0.75, 1];
for (let ep = 1; ep <= EPOCHS; ep++) {
	const order = train.map((_, i) => i); for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [order[i], order[j]] = [order[j], order[i]]; }
	const lr = LR / Math.sqrt(ep);
	for (const i of order) {
		const { v, r } = train[i];
		const za = dot(Wa, v) + ba; const pa = 1 / (1 + Math.exp(-za)); const ga = (pa - (r.angry ? 1 : 0)) * (r.angry ? 2 : 1);
		for (let j = 0; j < DIM; j++) Wa[j] -= lr * (ga * v[j] + L2 * Wa[j]); ba -= lr * ga;
		if (r.sentiment !== null) {
			const z = Ws.map((w, c) => dot(w, v) + bs[c]); const m = Math.max(...z); const e = z.map((q) => Math.exp(q - m)); const s = e[0] + e[1] + e[2];
			for (let c = 0; c < 3; c++) { const g = e[c] / s - (r.sentiment === c ? 1 : 0); for (let j = 0; j < DIM; j++) Ws[c][j] -= lr * (g * v[j] + L2 * Ws[c][j]); bs[c] -= lr * g; }
		}
	}
	// anger threshold (on the logit, shifted) shared over GoE dev + CS dev, per alpha; sentiment argmax with per-alpha class offsets chosen on the two sets
	const out: string[] = [];
	for (const alpha of ALPHAS) {
		const score = (e: Ex) => { const p = m7.get(e)!; const za = dot(Wa, e.v) + ba; const z = Ws.map((w, c) => dot(w, e.v) + bs[c]); const lse = Math.log(z.reduce((t, q) => t + Math.exp(q), 0)); const zs = z.map((q) => q - lse); return { a: alpha * za + (1 - alpha) * p.a, s: zs.map((q, c) => alpha * q + (1 - alpha) * p.s[c]) }; };
		const sc = Object.fromEntries(Object.entries(evals).map(([k, l]) => [k, l.map((e) => ({ e, ...score(e) }))]));
		const sel = [...sc['GoE dev'], ...sc['CS dev']];
		let best = { t: 0, f: -1 };
		for (let t = -3; t <= 3; t += 0.1) { const f = (binaryMetrics(sc['GoE dev'].map((q) => q.e.r.angry), sc['GoE dev'].map((q) => q.a > t)).f1 + binaryMetrics(sc['CS dev'].map((q) => q.e.r.angry), sc['CS dev'].map((q) => q.a > t)).f1) / 2; if (f > best.f) best = { t, f }; }
		let bo = { o: [0, 0], m: -1 };
		for (let o0 = -1; o0 <= 1.01; o0 += 0.25) for (let o2 = -1; o2 <= 1.01; o2 += 0.25) {
			const acc = (l: typeof sel) => { const w = l.filter((q) => q.e.r.sentiment !== null); return w.filter((q) => argmax([q.s[0] + o0, q.s[1], q.s[2] + o2]) === q.e.r.sentiment).length / w.length; };
			const m = (acc(sc['GoE dev']) + acc(sc['CS dev'])) / 2; if (m > bo.m) bo = { o: [o0, o2], m };
		}
		const cell = (k: string) => { const l = sc[k]; const w = l.filter((q) => q.e.r.sentiment !== null); const acc = sentimentMetrics(w.map((q) => q.e.r.sentiment!), w.map((q) => argmax([q.s[0] + bo.o[0], q.s[1], q.s[2] + bo.o[1]]))).accuracy; const f = binaryMetrics(l.map((q) => q.e.r.angry), l.map((q) => q.a > best.t)).f1; return `${(100 * acc).toFixed(1)}/${(100 * f).toFixed(1)}`; };
		out.push(`  alpha ${alpha}: ${Object.keys(evals).map((k) => `${k} ${cell(k)}`).join('  ')}  (anger t ${best.t.toFixed(1)}, offsets ${bo.o})`);
	}
	console.log(`epoch ${ep}\n${out.join('\n')}`);
}
function argmax(z: number[]) { let b = 0; for (let i = 1; i < z.length; i++) if (z[i] > z[b]) b = i; return b; }
