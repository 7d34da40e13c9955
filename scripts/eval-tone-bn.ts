// npm run eval:tone-bn: the Bengali tone estimator on data/tone/bengali-lines.tsv (accuracy, confusion, misses).
import { readFileSync } from 'node:fs';
import { bengaliToneTable, evaluateBengaliTone, parseBengaliToneSet } from '../src/lib/domain/tone-bn-eval';

const figures = evaluateBengaliTone(parseBengaliToneSet(readFileSync('data/tone/bengali-lines.tsv', 'utf8')));
console.log(bengaliToneTable(figures));
console.log(`\nmisses (${figures.misses.length}):`);
for (const m of figures.misses) console.log(`  ${m.label} → ${m.predicted}: ${m.text}`);
