// npm run eval:tone-bn [-- <file.tsv>]: the Bengali tone model on a labelled set of Bengali or Banglish lines
// (accuracy, confusion, misses) read the way the app reads them (analyseTextTone: a Banglish line the app does not
// recognise goes to the English model), with the marker lexicon alone beside it; by default
// data/tone/bengali-lines-5.tsv, the set no choice was made on and no training brief drew on.
import { existsSync, readFileSync } from 'node:fs';
import { estimateBengaliTone } from '../src/lib/domain/tone-bn';
import { bengaliToneTable, evaluateBengaliTone, parseBengaliToneSet } from '../src/lib/domain/tone-bn-eval';
import { analyseTextTone } from '../src/lib/server/ml/tone';

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
const figures = evaluateBengaliTone(lines, (text) => analyseTextTone(text));
const read = (status: string) => lines.filter((l) => analyseTextTone(l.text).status === status).length;
console.log(`${file}: ${lines.length} lines (${read('bengali')} read as Bengali script, ${read('banglish')} as Banglish, the rest by the English model)\n\nthe app's reading:\n`);
console.log(bengaliToneTable(figures));
console.log(`\nmarker lexicon alone (the estimate before session 24):\n`);
console.log(bengaliToneTable(evaluateBengaliTone(lines, estimateBengaliTone)));
console.log(`\nmisses of the app (${figures.misses.length}):`);
for (const m of figures.misses) console.log(`  ${m.label} → ${m.predicted}: ${m.text}`);
