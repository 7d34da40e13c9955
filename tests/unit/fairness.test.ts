// Fairness harness (issue #16): hand-written careful, careless and rude calls for each scenario
// (tests/fixtures/fairness) through the real engine and scorer, each trainee line carrying the tone the server gives it
// (the real text models, as calls/service.ts does). A careful call in the trainee's own words earns at least 90 with
// every etiquette item credited; careless calls score at most 50, rude ones at most 30.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { playMoves } from '../../src/lib/domain/call/dry-run';
import { outboundOutcome } from '../../src/lib/domain/call/outbound';
import { BUILTIN_INTENTS } from '../../src/lib/domain/call/phrases';
import { BENGALI_INTENTS } from '../../src/lib/domain/call/phrases-bn';
import { scoreCall } from '../../src/lib/scoring/score-call';
import { combineTone } from '../../src/lib/domain/tone';
import { loadScenarios } from '../../src/lib/server/content/scenarios';
import { estimateTextTone } from '../../src/lib/server/ml/tone';
import { fairnessFiles, movesOf, type FairnessCall, type FairnessFile } from '../fixtures/fairness/harness';

const scenarios = new Map(loadScenarios().map((f) => [f.scenario.slug, f.scenario]));
const files = fairnessFiles();

const cases = (kind: 'careful' | 'careless' | 'rude') =>
	[...files].flatMap(([slug, file]) => file[kind].map((call) => [slug, call.name, file, call] as [string, string, FairnessFile, FairnessCall]));

function play(slug: string, file: FairnessFile, call: FairnessCall) {
	const scenario = scenarios.get(slug)!;
	// a typed line's tone is its text's, as the server stores it (no prosody without a voice)
	const moves = movesOf(scenario, file, call).map((m) => (m.type === 'trainee_utterance' ? { ...m, tone: combineTone(estimateTextTone(m.text, { speaker: 'agent' })) } : m));
	const { timeline, replay } = playMoves(scenario, moves);
	// the agent of the English calls is Sam, of the Bengali ones Sami (সামি)
	const score = scoreCall(scenario, timeline, { traineeName: scenario.language === 'bn' ? 'Sami' : 'Sam' });
	const lost = score.sections.flatMap((s) => s.deductions.map((d) => `${s.section} −${Math.round(d.points)}: ${d.message}`));
	return { scenario, timeline, replay, score, lost };
}

describe('fairness harness', () => {
	it('has, for each file, 5 careful, 3 careless and 2 rude calls of a shipped scenario', () => {
		expect(files.size).toBeGreaterThan(0);
		for (const [slug, file] of files) {
			expect(scenarios.has(slug), slug).toBe(true);
			expect(file.careful.length, slug).toBeGreaterThanOrEqual(5);
			expect(file.careless.length, slug).toBeGreaterThanOrEqual(3);
			expect(file.rude.length, slug).toBeGreaterThanOrEqual(2);
		}
	});

	it('covers every shipped scenario: each file in content/scenarios has its fixture file', () => {
		expect([...scenarios.keys()].filter((slug) => !files.has(slug))).toEqual([]);
	});

	it('careful calls speak in their own words: no line is a copy of a built-in or scenario phrase', () => {
		// Bengali letters and signs are kept, so a Bengali line is compared as written
		const plain = (text: string) =>
			text.normalize('NFC').toLowerCase().replace(/[^a-z0-9'\u0980-\u09ff ]+/g, ' ').replace(/\s+/g, ' ').trim();
		const builtin = [...Object.values(BUILTIN_INTENTS), ...Object.values(BENGALI_INTENTS)].flat().map(plain);
		for (const [slug, file] of files) {
			const phrases = new Set([...builtin, ...Object.values(scenarios.get(slug)!.vocabulary.intents).flatMap((d) => d.phrases.map(plain))]);
			const steps = [...Object.values(file.blocks ?? {}).flat(), ...file.careful.flatMap((call) => call.steps)];
			const said = steps.flatMap((step) => (typeof step === 'object' && 'say' in step ? [step.say] : []));
			// nobody answers a no-answer call, so a careful agent says nothing on it
			if (outboundOutcome(scenarios.get(slug)!) !== 'no_answer') expect(said.length, slug).toBeGreaterThan(0);
			expect(said.filter((line) => phrases.has(plain(line))), slug).toEqual([]);
		}
	});

	it.each(cases('careful'))('%s: careful call "%s" scores ≥ 90 with every etiquette item credited', (slug, _name, file, call) => {
		const { score, lost, replay, scenario } = play(slug, file, call);
		expect(replay.state.ended, `stuck in ${replay.state.stateId}`).toBe(true);
		expect(scenario.dialogue.states[replay.state.stateId].end).toBe(true);
		// nothing a reviewer could dispute: the record, the talk, the etiquette and the after-call work all earned in
		// full; only the caller's mood (which a careful agent cannot always bring all the way down) may cost a little
		expect(lost.filter((l) => !l.startsWith('angerControl')), lost.join('\n')).toEqual([]);
		expect(score.total, lost.join('\n')).toBeGreaterThanOrEqual(90);
	});

	it('a held-out round of careful calls typed in Banglish (never tuned on): none below 90, at least 11 of 20 reach the end', () => {
		const folder = 'tests/fixtures/fairness/banglish-round-2';
		let ended = 0;
		let calls = 0;
		for (const name of readdirSync(folder)) {
			const slug = name.replace(/\.yaml$/, '');
			const round = parse(readFileSync(`${folder}/${name}`, 'utf8')) as Pick<FairnessFile, 'careful'>;
			for (const call of round.careful) {
				const { score, replay, scenario, lost } = play(slug, files.get(slug)!, call);
				expect(score.total, `${slug} ${call.name}: ${lost.join('; ')}`).toBeGreaterThanOrEqual(90);
				calls += 1;
				if (scenario.dialogue.states[replay.state.stateId].end) ended += 1;
			}
		}
		expect(calls).toBe(20);
		// measured when the respelling was written (session 25): 11 of 20, against 2 of 20 before it (docs/call-engine.md)
		expect(ended).toBeGreaterThanOrEqual(11);
	});

	it.each(cases('careless'))('%s: careless call "%s" scores ≤ 50', (slug, _name, file, call) => {
		expect(play(slug, file, call).score.total).toBeLessThanOrEqual(50);
	});

	it.each(cases('rude'))('%s: rude call "%s" scores ≤ 30', (slug, _name, file, call) => {
		expect(play(slug, file, call).score.total).toBeLessThanOrEqual(30);
	});
});
