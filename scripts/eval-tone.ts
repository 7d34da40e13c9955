// npm run eval:tone -- <file.tsv> [--speaker agent] — metrics of the committed tone model (and of VADER) on any
// GoEmotions-format TSV: text <TAB> comma-separated label ids (0–27) [<TAB> id], no header. The general heads read
// every row; with --speaker agent, the agent anger head does (as the app reads what trainees say).

import { readFileSync } from 'node:fs';
import { parseGoEmotionsTsv } from '../src/lib/server/ml/tone-data';
import { decodeToneModel, type ToneModelFile } from '../src/lib/server/ml/tone-model';
import { evaluateModel, evaluateVader, markdownTable, vaderCompound } from './lib/tone-eval';

const args = process.argv.slice(2);
const speakerAt = args.indexOf('--speaker');
const speaker = speakerAt >= 0 ? args[speakerAt + 1] : 'any';
const file = args.filter((_, i) => speakerAt < 0 || (i !== speakerAt && i !== speakerAt + 1))[0];
if (!file || (speaker !== 'any' && speaker !== 'agent')) {
	console.error('usage: npm run eval:tone -- <file.tsv> [--speaker agent]   (GoEmotions format: text<TAB>label ids[<TAB>id])');
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
const ours = evaluateModel(model, rows, speaker);
const vader = evaluateVader(rows, vaderCompound(rows));
console.log(`${file}: ${rows.length} rows; ${ours.anger.support} anger-or-annoyance; ${ours.sentiment.n} with a single sentiment (${ours.excludedFromSentiment} excluded: ambiguous-only or mixed groups)\n`);
console.log(markdownTable([
	{ name: 'CallCraft tone model', r: ours },
	{ name: 'VADER, standard thresholds', r: vader }
]));
