// Writes the paraphrase recognition table (tests/fixtures/paraphrases) into docs/call-engine.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { loadScenarios } from '../src/lib/server/content/scenarios';
import { paraphraseTable } from '../tests/fixtures/paraphrases/report';

const doc = 'docs/call-engine.md';
const start = '<!-- paraphrase-table -->';
const end = '<!-- /paraphrase-table -->';
const table = paraphraseTable(loadScenarios().map((f) => f.scenario));
const text = readFileSync(doc, 'utf8');
const block = `${start}\n${table}\n${end}`;
const next = text.includes(start) ? text.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block) : `${text.trimEnd()}\n\n${block}\n`;
writeFileSync(doc, next);
console.log(table);
