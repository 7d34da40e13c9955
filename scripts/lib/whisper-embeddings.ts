// Whisper's decoder token-embedding table (in MODELS_DIR for voice) as a pretrained word representation,
// measured for the tone model by scripts/tone-experiments*.ts (not used at run time): the mean of the utterance's token
// embeddings, read straight from the int8 ONNX file with a minimal protobuf walk (no ONNX session, no decoder pass).

import { readFileSync } from 'node:fs';

export interface TokenEmbeddings {
	vocab: number;
	dim: number;
	/** uint8 table, row-major vocab × dim */
	q: Uint8Array;
	scale: number;
	zeroPoint: number;
}

type Span = [number, number];

function varint(b: Uint8Array, p: number): [number, number] {
	let r = 0;
	let mul = 1;
	for (;;) {
		const x = b[p++];
		r += (x & 0x7f) * mul;
		mul *= 128;
		if (!(x & 0x80)) return [r, p];
	}
}

function* fields(b: Uint8Array, start: number, end: number): Generator<[number, number, number | Span]> {
	let p = start;
	while (p < end) {
		let key: number;
		[key, p] = varint(b, p);
		const f = Math.floor(key / 8);
		const wt = key & 7;
		if (wt === 0) {
			let v: number;
			[v, p] = varint(b, p);
			yield [f, wt, v];
		} else if (wt === 2) {
			let len: number;
			[len, p] = varint(b, p);
			yield [f, wt, [p, p + len]];
			p += len;
		} else if (wt === 5) {
			yield [f, wt, [p, p + 4]];
			p += 4;
		} else if (wt === 1) {
			yield [f, wt, [p, p + 8]];
			p += 8;
		} else throw new Error(`unsupported protobuf wire type ${wt}`);
	}
}

interface Tensor {
	dims: number[];
	raw: Span | null;
	floats: number[];
	ints: number[];
}

/** Initializers of an ONNX model whose names pass `want` (ModelProto.graph = 7, GraphProto.initializer = 5). */
function initializers(buf: Buffer, want: (name: string) => boolean): Map<string, Tensor> {
	const out = new Map<string, Tensor>();
	const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
	for (const [f, , v] of fields(buf, 0, buf.length)) {
		if (f !== 7 || typeof v === 'number') continue;
		for (const [g, , gv] of fields(buf, v[0], v[1])) {
			if (g !== 5 || typeof gv === 'number') continue;
			const t: Tensor = { dims: [], raw: null, floats: [], ints: [] };
			let name = '';
			for (const [k, wt, tv] of fields(buf, gv[0], gv[1])) {
				if (k === 8 && typeof tv !== 'number') name = buf.subarray(tv[0], tv[1]).toString();
				else if (k === 1) {
					if (typeof tv === 'number') t.dims.push(tv);
					else for (let p = tv[0]; p < tv[1]; ) {
						let d: number;
						[d, p] = varint(buf, p);
						t.dims.push(d);
					}
				} else if (k === 9 && typeof tv !== 'number') t.raw = tv;
				else if (k === 4 && typeof tv !== 'number') {
					for (let p = tv[0]; p < tv[1]; p += 4) t.floats.push(dv.getFloat32(p, true));
				} else if (k === 5) {
					if (typeof tv === 'number') t.ints.push(tv);
					else for (let p = tv[0]; p < tv[1]; ) {
						let d: number;
						[d, p] = varint(buf, p);
						t.ints.push(d);
					}
				}
				void wt;
			}
			if (want(name)) out.set(name, t);
		}
	}
	return out;
}

/** The decoder's quantised token-embedding table from a Whisper `decoder_model_merged_quantized.onnx`. */
export function readTokenEmbeddings(onnxPath: string): TokenEmbeddings {
	const buf = readFileSync(onnxPath);
	const base = 'model.decoder.embed_tokens.weight_merged_0';
	const ts = initializers(buf, (n) => n.startsWith(base));
	const q = ts.get(base + '_quantized');
	const s = ts.get(base + '_scale');
	const z = ts.get(base + '_zero_point');
	if (!q?.raw || !s || !z || q.dims.length !== 2) throw new Error(`${onnxPath}: no quantised token-embedding table`);
	const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
	const scale = s.floats[0] ?? (s.raw ? dv.getFloat32(s.raw[0], true) : NaN);
	const zeroPoint = z.ints[0] ?? (z.raw ? buf[z.raw[0]] : NaN);
	if (!Number.isFinite(scale) || !Number.isFinite(zeroPoint)) throw new Error(`${onnxPath}: unreadable embedding scale`);
	// copy the table out so the 50 MB file buffer can be freed
	return { vocab: q.dims[0], dim: q.dims[1], q: Uint8Array.from(buf.subarray(q.raw[0], q.raw[1])), scale, zeroPoint };
}

/** Mean of the token embeddings (dequantised), L2-normalised; zeros for no tokens. */
export function meanEmbedding(e: TokenEmbeddings, ids: ArrayLike<number>): Float32Array {
	const v = new Float32Array(e.dim);
	let n = 0;
	for (let k = 0; k < ids.length; k++) {
		const id = ids[k];
		if (id < 0 || id >= e.vocab) continue;
		const base = id * e.dim;
		for (let j = 0; j < e.dim; j++) v[j] += e.q[base + j] - e.zeroPoint;
		n++;
	}
	let norm = 0;
	for (let j = 0; j < e.dim; j++) norm += v[j] * v[j];
	norm = Math.sqrt(norm);
	if (n === 0 || norm === 0) return v;
	for (let j = 0; j < e.dim; j++) v[j] /= norm;
	return v;
}
