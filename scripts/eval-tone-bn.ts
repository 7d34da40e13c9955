// npm run eval:tone-bn [-- <file.tsv>]: the Bengali tone estimator on a labelled set (accuracy, confusion, misses);
// by default data/tone/bengali-lines.tsv, the set the lexicon was tuned on.
import { existsSync, readFileSync } from 'node:fs';
import { bengaliToneTable, evaluateBengaliTone, parseBengaliToneSet } from '../src/lib/domain/tone-bn-eval';

const file = process.argv[2] ?? 'data/tone/bengali-lines.tsv';
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
const figures = evaluateBengaliTone(lines);
console.log(`${file}: ${lines.length} lines\n`);
console.log(bengaliToneTable(figures));
console.log(`\nmisses (${figures.misses.length}):`);
for (const m of figures.misses) console.log(`  ${m.label} → ${m.predicted}: ${m.text}`);
