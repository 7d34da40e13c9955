// Intent recognition by meaning (issue #16): every scenario's caller understands ≥ 90 % of the paraphrases in
// tests/fixtures/paraphrases (written before the matcher was tuned), and docs/call-engine.md reports the figures.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarios } from '../../src/lib/server/content/scenarios';
import { SCENARIO_PARAPHRASES, builtinParaphrases, intentsOf, paraphraseFigures, paraphraseTable } from '../fixtures/paraphrases/report';

const scenarios = loadScenarios().map((f) => f.scenario);

describe('paraphrases the caller was never given', () => {
	it.each(scenarios.map((s) => [s.slug, s] as const))('%s has at least 10 for every intent it reacts to', (_slug, scenario) => {
		for (const intent of intentsOf(scenario)) {
			const lines = SCENARIO_PARAPHRASES[scenario.slug]?.[intent] ?? builtinParaphrases(scenario)[intent] ?? [];
			expect(lines.length, intent).toBeGreaterThanOrEqual(10);
		}
	});

	it('are not copies of any phrase list line', () => {
		for (const scenario of scenarios) {
			const own = Object.values(scenario.vocabulary.intents).flatMap((d) => d.phrases.map((p) => p.toLowerCase()));
			for (const lines of Object.values(SCENARIO_PARAPHRASES[scenario.slug] ?? {})) {
				for (const line of lines) expect(own).not.toContain(line.toLowerCase().replace(/[.?!]$/, ''));
			}
		}
	});

	it.each(scenarios.map((s) => [s.slug, s] as const))('%s recognises at least 90 %% of them', (_slug, scenario) => {
		const figures = paraphraseFigures(scenario);
		const recognised = figures.reduce((n, f) => n + f.recognised, 0);
		const total = figures.reduce((n, f) => n + f.total, 0);
		expect(recognised / total, JSON.stringify(figures.filter((f) => f.missed.length))).toBeGreaterThanOrEqual(0.9);
		for (const f of figures) expect(f.recognised / f.total, `${f.intent}: ${f.missed.join(' | ')}`).toBeGreaterThanOrEqual(0.8);
	});

	it('docs/call-engine.md shows the figures as measured (npm run report:paraphrases)', () => {
		expect(readFileSync('docs/call-engine.md', 'utf8')).toContain(paraphraseTable(scenarios));
	});
});
