// npm run eval:tone -- <file.tsv> — metrics of the committed tone model (and of VADER) on any
// GoEmotions-format TSV: text <TAB> comma-separated label ids (0–27) [<TAB> id], no header.

import { readFileSync } from 'node:fs';
import { parseGoEmotionsTsv } from '../src/lib/server/ml/tone-data';
import { decodeToneModel, type ToneModelFile } from '../src/lib/server/ml/tone-model';
import { evaluateModel, evaluateVader, markdownTable, vaderCompound } from './lib/tone-eval';

const file = process.argv[2];
if (!file) {
	console.error('usage: npm run eval:tone -- <file.tsv>   (GoEmotions format: text<TAB>label ids[<TAB>id])');
	process.exit(2);
}
let rows;
try {
	rows = parseGoEmotionsTsv(readFileSync(file, 'utf8'), file);
} catch (e) {
	console.error(`cannot read ${file}: ${(e as Error).message}`);
	process.exit(1);
}
const model = decodeToneModel(JSON.parse(readFileSync(new URL('../src/lib/server/ml/tone-model.json', import.meta.url), 'utf8')) as ToneModelFile);
const ours = evaluateModel(model, rows);
const vader = evaluateVader(rows, vaderCompound(rows));
console.log(`${file}: ${rows.length} rows; ${ours.anger.support} anger-or-annoyance; ${ours.sentiment.n} with a single sentiment (${ours.excludedFromSentiment} excluded: ambiguous-only or mixed groups)\n`);
console.log(markdownTable([
	{ name: 'CallCraft tone model', r: ours },
	{ name: 'VADER, standard thresholds', r: vader }
]));
