// Our English customer-service tone lines (data/tone, docs/tone-labelling-guide.md): every file keeps the guide's
// format, and no training line repeats a line the model is measured on. The trainer refuses such a leak too, but only
// when it runs (half an hour); this checks every training file on each test run, whichever files the trainer reads.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAgentLine, parseGoEmotionsTsv, squashText } from './tone-data';
import { carefulEnglishLines } from '../../../../tests/fixtures/fairness/harness';

const DIR = 'data/tone';
const files = readdirSync(DIR).filter((f) => /^customer-service-.*\.tsv$/.test(f) || f === 'call-centre-pinned.tsv').sort();
const rowsOf = (f: string) => parseGoEmotionsTsv(readFileSync(`${DIR}/${f}`, 'utf8'), f);
const isTraining = (f: string) => /^customer-service-train/.test(f);

describe('the customer-service tone files', () => {
	it('are all there: training files, dev portions and the pinned table', () => {
		expect(files.filter(isTraining).length).toBeGreaterThanOrEqual(12);
		expect(files.filter((f) => /-dev\d*\.tsv$/.test(f)).length).toBeGreaterThanOrEqual(11);
		expect(files).toContain('call-centre-pinned.tsv');
	});

	it.each(files)('%s: one of the guide’s four labels per line and a unique speaker id', (f) => {
		const rows = rowsOf(f);
		expect(rows.length).toBeGreaterThan(30);
		for (const r of rows) {
			expect([[3], [9], [27], [15]], r.text).toContainEqual(r.labels);
			expect(r.id, r.text).toMatch(/^cs-[a-z0-9]+-\d{4}-[ac]$/);
		}
		expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
		// the id says who speaks, and isAgentLine reads it so
		expect(rows.filter(isAgentLine).length + rows.filter((r) => r.id!.endsWith('-c')).length).toBe(rows.length);
	});

	it('no training line equals a dev, pinned or fairness-harness line once squashed', () => {
		const heldOut = new Map<string, string>();
		for (const f of files.filter((f) => !isTraining(f))) for (const r of rowsOf(f)) heldOut.set(squashText(r.text), f);
		for (const line of carefulEnglishLines()) heldOut.set(squashText(line), 'fairness harness');
		const leaks = files.filter(isTraining).flatMap((f) => rowsOf(f).filter((r) => heldOut.has(squashText(r.text))).map((r) => `${f}: ${r.text} (${heldOut.get(squashText(r.text))})`));
		expect(leaks).toEqual([]);
		expect(heldOut.size).toBeGreaterThan(3000);
	});
});
