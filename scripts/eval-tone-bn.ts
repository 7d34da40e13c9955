// npm run eval:tone-bn [-- <file.tsv>]: the Bengali tone model the app uses (src/lib/server/ml/tone-bn-model.json) on a
// labelled set (accuracy, confusion, misses), with the marker lexicon alone beside it; by default
// data/tone/bengali-lines-5.tsv, the set no choice was made on and no training brief drew on.
import { existsSync, readFileSync } from 'node:fs';
import { estimateBengaliTone } from '../src/lib/domain/tone-bn';
import { bengaliToneTable, evaluateBengaliTone, parseBengaliToneSet } from '../src/lib/domain/tone-bn-eval';
import modelFile from '../src/lib/server/ml/tone-bn-model.json';
import { decodeBengaliModel, estimateBengaliToneWith, type BengaliModelFile } from '../src/lib/server/ml/tone-bn-model';

const file = process.argv[2] ?? 'data/tone/bengali-lines-5.tsv';
if (!existsSync(file)) {
	console.error(`eval:tone-bn: no such file: ${file}`);
	process.exit(2);
}
let lines: ReturnType<typeof parseBengaliToneSet>;
try {
	lines = parseBengaliToneSet(readFileSync(file, 'utf8'));
} catch (e) {
	console.error(`eval:tone-bn: ${file}: ${(e as Error).message}`);
	process.exit(2);
}
const model = decodeBengaliModel(modelFile as unknown as BengaliModelFile);
const figures = evaluateBengaliTone(lines, (text) => estimateBengaliToneWith(model, text));
console.log(`${file}: ${lines.length} lines\n\nmodel (what the app uses):\n`);
console.log(bengaliToneTable(figures));
console.log(`\nmarker lexicon alone (the estimate before session 24):\n`);
console.log(bengaliToneTable(evaluateBengaliTone(lines, estimateBengaliTone)));
console.log(`\nmisses of the model (${figures.misses.length}):`);
for (const m of figures.misses) console.log(`  ${m.label} → ${m.predicted}: ${m.text}`);
