import { describe, expect, it } from 'vitest';
import { SCRIPTS } from '../domain/call/scripted-trainees';
import { playMoves } from '../domain/call/dry-run';
import { loadScenarios } from '../server/content/scenarios';
import { scoreCall } from './score-call';

const scenarios = loadScenarios().map((f) => f.scenario);

describe.each(scenarios.map((s) => [s.slug, s] as const))('scenario %s', (slug, scenario) => {
	const scripts = SCRIPTS[slug];

	it('has a perfect and a careless scripted trainee', () => {
		expect(scripts).toBeDefined();
	});

	it('reaches its end state with the perfect trainee and scores high', () => {
		const { timeline, replay } = playMoves(scenario, scripts.perfect);
		const score = scoreCall(scenario, timeline);
		const lost = score.sections.flatMap((s) => s.deductions.map((d) => `${s.section}: ${d.message}`));
		expect(replay.state.ended, `stuck in ${replay.state.stateId}`).toBe(true);
		expect(scenario.dialogue.states[replay.state.stateId].end).toBe(true);
		expect(lost, `total ${score.total}`).toEqual([]);
		expect(score.total).toBeGreaterThanOrEqual(90);
		expect(replay.state.anger).toBeLessThan(scenario.anger.calmBelow);
	});

	it('scores low with the careless trainee', () => {
		const { timeline } = playMoves(scenario, scripts.careless);
		expect(scoreCall(scenario, timeline).total).toBeLessThan(45);
	});
});
