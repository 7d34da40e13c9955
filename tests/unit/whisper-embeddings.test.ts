// scripts/lib/whisper-embeddings.ts reads Whisper's decoder token-embedding table straight from the int8 ONNX file
// (used by the tone-model experiments). Real model file from MODELS_DIR, no mocks.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { meanEmbedding, readTokenEmbeddings } from '../../scripts/lib/whisper-embeddings';
import { speechConfig } from '../../src/lib/server/ml/config';

const file = resolve(speechConfig().modelsDir, 'Xenova/whisper-tiny/onnx/decoder_model_merged_quantized.onnx');

describe('Whisper token embeddings', () => {
	it('reads whisper-tiny’s 51,865 × 384 uint8 table with its scale and zero point', () => {
		expect(existsSync(file)).toBe(true);
		const e = readTokenEmbeddings(file);
		expect([e.vocab, e.dim]).toEqual([51865, 384]);
		expect(e.q.length).toBe(51865 * 384);
		expect(e.scale).toBeGreaterThan(0);
		expect(e.zeroPoint).toBeGreaterThanOrEqual(0);
		expect(e.zeroPoint).toBeLessThanOrEqual(255);
		// the mean of token embeddings is L2-normalised; no tokens (or only out-of-range ids) give zeros
		const v = meanEmbedding(e, [11083, 3806]);
		expect(Math.hypot(...v)).toBeCloseTo(1, 5);
		expect(meanEmbedding(e, [11083, 11083])).toEqual(meanEmbedding(e, [11083]));
		expect(meanEmbedding(e, [11083])).not.toEqual(meanEmbedding(e, [3806]));
		expect(Array.from(meanEmbedding(e, []))).toEqual(new Array(384).fill(0));
		expect(Array.from(meanEmbedding(e, [-1, 999999]))).toEqual(new Array(384).fill(0));
	});

	it('refuses a file without the table', () => {
		expect(() => readTokenEmbeddings(resolve('package.json'))).toThrow();
	});
});
