// Intent recognition by meaning (issue #16): every scenario's caller understands ≥ 90 % of the paraphrases in
// tests/fixtures/paraphrases (written before the matcher was tuned), and docs/call-engine.md reports the figures.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseUtterance, compileScenario } from '../../src/lib/domain/call/compiled-scenario';
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

/** Lines that must NOT be taken for an intent (negated, the opposite, or about something else), in every English scenario. */
const NOT_AN_INTENT: [string, string][] = [
	['ask_hold', "I can't put you on hold right now."],
	['ask_hold', "I won't put you on hold, I'll stay on the line."],
	['ask_hold', 'I never put customers on hold.'],
	['thank_for_holding', 'Thanks, would you mind holding for a minute?'],
	['thank_for_holding', 'Can I put you on hold? Cheers.'],
	['offer_help', "I can't help with anything else."],
	['offer_help', 'Someone else will help you with that.'],
	['offer_help', 'Nobody else can help you.'],
	['offer_help', 'You have to ring someone else.'],
	['apology', "I'm not sorry."],
	['apology', 'It is not our fault.'],
	['apology', "I'm not going to apologise."],
	['pause_payment', "We can't pause the payment."],
	['explain_estimate', 'The bill was not estimated.'],
	['close', 'Did you watch the football last night?'],
	['greeting', 'My cat is called Biscuit.']
];

describe('lines that say no intent', () => {
	const english = scenarios.filter((s) => s.language === 'en');
	it.each(NOT_AN_INTENT)('%s is not heard in "%s"', (intent, line) => {
		for (const scenario of english) {
			expect(analyseUtterance(compileScenario(scenario), line).intents.has(intent), scenario.slug).toBe(false);
		}
	});

	it('off-topic lines match no intent the caller reacts to', () => {
		for (const line of ['Did you watch the football last night?', 'My cat is called Biscuit.', 'The weather is lovely today.']) {
			for (const scenario of english) {
				const heard = [...analyseUtterance(compileScenario(scenario), line).intents.keys()].filter((i) => intentsOf(scenario).includes(i));
				expect(heard, `${scenario.slug}: ${line}`).toEqual([]);
			}
		}
	});

	it('a negation idiom does not cancel the intent after it', () => {
		const scenario = english.find((s) => s.slug === 'angry-billing-dispute')!;
		const heard = (line: string) => analyseUtterance(compileScenario(scenario), line).intents;
		expect(heard("Don't worry, I'm so sorry about this.").has('apology')).toBe(true);
		expect(heard("Oh no, I'm so sorry.").has('apology')).toBe(true);
		expect(heard("I can't thank you enough for waiting.").has('thank_for_holding')).toBe(true);
	});
});
