// Writes the paraphrase recognition table (tests/fixtures/paraphrases) into docs/call-engine.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { loadScenarios } from '../src/lib/server/content/scenarios';
import { HOLDOUT_2_PARAPHRASES, HOLDOUT_BN_PARAPHRASES, HOLDOUT_3_PARAPHRASES, holdoutTotal, paraphraseTable } from '../tests/fixtures/paraphrases/report';

const doc = 'docs/call-engine.md';
const start = '<!-- paraphrase-table -->';
const end = '<!-- /paraphrase-table -->';
const scenarios = loadScenarios().map((f) => f.scenario);
const table = paraphraseTable(scenarios);
const text = readFileSync(doc, 'utf8');
const block = `${start}\n${table}\n${end}`;
const next = text.includes(start) ? text.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block) : `${text.trimEnd()}\n\n${block}\n`;
writeFileSync(doc, next);
console.log(table);
// `npm run report:paraphrases -- --misses`: the held-out lines not recognised, per round
if (process.argv.includes('--misses')) {
	const english = scenarios.filter((s) => s.language === 'en');
	const bengali = scenarios.filter((s) => s.language === 'bn');
	for (const [name, round, of] of [
		['round 2', HOLDOUT_2_PARAPHRASES, english],
		['round 3', HOLDOUT_3_PARAPHRASES, english],
		['Bengali', HOLDOUT_BN_PARAPHRASES, bengali]
	] as const) {
		const { recognised, total, missed } = holdoutTotal(of, round);
		console.log(`\n${name}: ${recognised}/${total}`);
		for (const m of missed) console.log(`  ${m}`);
	}
}
