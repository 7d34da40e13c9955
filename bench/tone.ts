// npm run bench:tone [-- <older tone-model.json> …] — per-utterance latency of the text tone model on one core
// (one utterance at a time, main thread): the committed model through analyseTextTone (input checks and the sentence
// encoder's pass included; the encoder and the n-gram heads also alone),
// the same with the word drivers (results page), the Bengali model on the Bengali and Banglish sets' lines, VADER alone, and any older model files given for comparison.
// Texts: the customer-service dev set and the GoEmotions dev split. Goal: p95 ≤ 20 ms per utterance.

import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import vader from 'vader-sentiment';
import { encodeSentence } from '../src/lib/server/ml/sentence-encoder';
import { analyseTextTone } from '../src/lib/server/ml/tone';
import { parseGoEmotionsTsv } from '../src/lib/server/ml/tone-data';
import { parseBengaliToneSet } from '../src/lib/domain/tone-bn-eval';
import { decodeToneModel, predictTone, type ToneModelFile } from '../src/lib/server/ml/tone-model';

const texts = [
	...parseGoEmotionsTsv(readFileSync('data/tone/customer-service-dev.tsv', 'utf8')).map((r) => r.text),
	...parseGoEmotionsTsv(readFileSync(resolve(process.env.DATA_DIR ?? '../shared/data', 'goemotions/dev.tsv'), 'utf8')).map((r) => r.text)
];

function measure(name: string, f: (t: string) => unknown, sample = texts) {
	for (const t of sample.slice(0, 200)) f(t);
	const ms: number[] = [];
	for (const t of sample) {
		const a = performance.now();
		f(t);
		ms.push(performance.now() - a);
	}
	ms.sort((a, b) => a - b);
	const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))].toFixed(3);
	console.log(`| ${name} | ${ms.length} | ${q(0.5)} | ${q(0.95)} | ${q(0.99)} | ${ms[ms.length - 1].toFixed(2)} |`);
}

console.log(`tone benchmark — Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
console.log('| what | utterances | p50 ms | p95 ms | p99 ms | max ms |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
measure('committed model, analyseTextTone', (t) => analyseTextTone(t));
// what the simulator runs for each trainee line: the agent anger head (model 14's read no embedding; model 15's reads it again)
measure("committed model, analyseTextTone as an agent's line", (t) => analyseTextTone(t, { speaker: 'agent' }));
// its parts: the sentence encoder's pass (worker thread, the caller blocked meanwhile) and the n-gram heads alone
measure('sentence encoder alone, encodeSentence', (t) => encodeSentence(t));
const committed = decodeToneModel(JSON.parse(readFileSync('src/lib/server/ml/tone-model.json', 'utf8')) as ToneModelFile);
measure('committed model, n-gram heads alone (no embedding)', (t) => predictTone(committed, t, null));
measure('committed model + word drivers (results page)', (t) => analyseTextTone(t, { explain: true }), texts.slice(0, 1500));
// Bengali lines go to the Bengali model (status "bengali"): the four Bengali sets' lines
const bengali = ['', '-2', '-3', '-4'].flatMap((n) => parseBengaliToneSet(readFileSync(`data/tone/bengali-lines${n}.tsv`, 'utf8')).map((l) => l.text));
measure('Bengali model, analyseTextTone', (t) => analyseTextTone(t), bengali);
measure('Bengali model + word drivers', (t) => analyseTextTone(t, { explain: true }), bengali);
// Banglish lines (Bengali typed in Latin letters, status "banglish"): recognised by their words, then the same model
const banglish = ['', '-2'].flatMap((n) => parseBengaliToneSet(readFileSync(`data/tone/banglish-lines${n}.tsv`, 'utf8')).map((l) => l.text));
measure('Banglish, analyseTextTone', (t) => analyseTextTone(t), banglish);
measure('Banglish + word drivers', (t) => analyseTextTone(t, { explain: true }), banglish);
measure('VADER polarity_scores alone', (t) => vader.SentimentIntensityAnalyzer.polarity_scores(t));
for (const file of process.argv.slice(2)) {
	const m = decodeToneModel(JSON.parse(readFileSync(file, 'utf8')) as ToneModelFile);
	measure(`${file.split('/').pop()} (${m.features}), predictTone`, (t) => predictTone(m, t));
}
