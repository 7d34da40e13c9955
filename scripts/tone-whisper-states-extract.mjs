// Tone experiment (model card, "Tried after model 7"): Whisper's decoder as a sentence encoder. For each row of a
// GoEmotions-format TSV, the decoder runs once over <|startoftranscript|><|en|><|transcribe|><|notimestamps|> and the
// row's tokens, with 16 frames of zeros for audio, and the row's features are the last layer's self-attention keys
// and values averaged over the row's own tokens (2 × d_model floats; the merged decoder ONNX returns no hidden states).
// `[M=whisper-tiny] node scripts/tone-whisper-states-extract.mjs <in.tsv> $FEATURES_DIR/f-<name>.bin`, for train.tsv and dev.tsv
// of ../shared/data/goemotions and data/tone/customer-service-{train,train2,dev,dev2}.tsv. Lines starting with '#' are
// skipped (the training script leaves the same rows out).
import * as ort from 'onnxruntime-node';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
const models = resolve(process.env.MODELS_DIR ?? '../shared/models');
env.localModelPath = models + '/'; env.allowRemoteModels = false;
const M = process.env.M ?? 'whisper-tiny';
const E = 16;
const tok = await AutoTokenizer.from_pretrained(`Xenova/${M}`);
const s = await ort.InferenceSession.create(`${models}/Xenova/${M}/onnx/decoder_model_merged_quantized.onnx`, { enableCpuMemArena: false, intraOpNumThreads: 1, interOpNumThreads: 1, extra: { session: { disable_quant_qdq: '1' } } });
const cfg = JSON.parse(readFileSync(`${models}/Xenova/${M}/config.json`, 'utf8'));
const D = cfg.d_model, H = cfg.decoder_attention_heads, L = cfg.decoder_layers, hd = D / H;
const layers = (process.env.LAYERS ?? `${L - 1}`).split(',').map(Number);
const prefix = [50258, 50259, 50359, 50363];
const lines = readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
const texts = lines.map((l) => l.split('\t')[0].replace(/^"(.*)"$/, '$1').slice(0, 600));
const dim = layers.length * 2 * D;
const out = new Float32Array(texts.length * dim);
const fetch = layers.flatMap((l) => [`present.${l}.decoder.key`, `present.${l}.decoder.value`]);
const empty = {};
for (let l = 0; l < L; l++) for (const k of ['decoder.key', 'decoder.value', 'encoder.key', 'encoder.value']) empty[`past_key_values.${l}.${k}`] = new ort.Tensor('float32', new Float32Array(0), [1, H, 0, hd]);
const enc = new ort.Tensor('float32', new Float32Array(E * D), [1, E, D]);
const t0 = performance.now();
for (let r = 0; r < texts.length; r++) {
	const ids = [...prefix, ...tok.encode(' ' + texts[r].trim(), { add_special_tokens: false }).slice(0, 120)];
	const res = await s.run({ ...empty, input_ids: new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, ids.length]), encoder_hidden_states: enc, use_cache_branch: new ort.Tensor('bool', [false], [1]) }, fetch);
	const T = ids.length, n = T - prefix.length;
	let o = r * dim;
	for (const name of fetch) {
		const d = res[name].data; // [1, H, T, hd]
		for (let h = 0; h < H; h++) for (let j = 0; j < hd; j++) {
			let sum = 0;
			for (let t = prefix.length; t < T; t++) sum += d[(h * T + t) * hd + j];
			out[o + h * hd + j] = n > 0 ? sum / n : 0;
		}
		o += D;
	}
	if (r % 5000 === 0) console.error(process.argv[2], r, ((performance.now() - t0) / (r + 1)).toFixed(2), 'ms/row');
}
writeFileSync(process.argv[3], Buffer.from(out.buffer));
console.error('done', process.argv[2], texts.length, 'rows', dim, 'dims', ((performance.now() - t0) / texts.length).toFixed(2), 'ms/row');
