// Etiquette and mood feedback judged fairly (issue #16): a hold asked in the trainee's own words and thanked on
// return is credited; a bare "bye" is not a polite close; "the caller got angrier" only where the mood rose.
import { describe, expect, it } from 'vitest';
import { playMoves, type TraineeMove } from '../domain/call/dry-run';
import type { TimelineEvent } from '../domain/call/events';
import { loadScenarios } from '../server/content/scenarios';
import { scoreCall } from './score-call';

const billing = loadScenarios().find((f) => f.scenario.slug === 'angry-billing-dispute')!.scenario;
const say = (text: string): TraineeMove => ({ type: 'trainee_utterance', text });
const check = (moves: TraineeMove[], item: string) => {
	const { timeline } = playMoves(billing, moves);
	return scoreCall(billing, timeline, { traineeName: 'Sam' }).etiquette.find((c) => c.item === item)!;
};
const opening = [say('Good morning, Meridian Energy, Sam speaking.'), say('Can I take your date of birth and postcode?')];

describe('fair etiquette', () => {
	it('credits a hold asked for in natural words and thanked for on return', () => {
		const result = check(
			[...opening, say('Would it be all right if I put you on hold for a minute while I check the meter readings?'), { type: 'hold_start' }, { type: 'hold_end', after: 30_000 }, say('Thanks for waiting, Denise.')],
			'holdPermission'
		);
		expect(result.passed).toBe(true);
	});

	it('does not credit a hold when the trainee does not thank the caller on return', () => {
		const result = check(
			[...opening, say('Can I pop you on hold for a minute?'), { type: 'hold_start' }, { type: 'hold_end', after: 30_000 }, say('Right, the bill used an estimate.')],
			'holdPermission'
		);
		expect(result.passed).toBe(false);
		expect(result.message).toMatch(/thank/);
	});

	it('judges the close by the courtesy of the last lines: a bare "bye" is not polite', () => {
		const blunt = check([...opening, say('Right, that is done. Bye.'), { type: 'call_ended', by: 'trainee' }], 'politeClose');
		const polite = check([...opening, say('Thank you for calling, Denise. Take care, bye.'), { type: 'call_ended', by: 'trainee' }], 'politeClose');
		expect(blunt.passed).toBe(false);
		expect(polite.passed).toBe(true);
	});

	it('never says the caller got angrier at a step where the mood fell', () => {
		// a calming move by the scenario (the re-bill offer) outweighs a slightly hostile tone in the same line
		const { timeline } = playMoves(billing, [
			...opening,
			{ type: 'identity_verified', accountId: 'MER-20931' },
			say('The bill used an estimated reading.'),
			say('I will reissue the bill with your reading.')
		]);
		const rebill = timeline.findIndex((e) => e.type === 'trainee_utterance' && e.text.startsWith('I will reissue'));
		const hostile: TimelineEvent[] = timeline.map((e, i) =>
			i === rebill && e.type === 'trainee_utterance'
				? { ...e, tone: { anger: 0.9, politeness: 0.1, sentiment: { negative: 0.8, neutral: 0.1, positive: 0.1 }, source: 'text' } }
				: e
		);
		const score = scoreCall(billing, hostile, { traineeName: 'Sam' });
		const curve = score.anger.curve.find((p) => p.eventIndex === rebill);
		const before = score.anger.curve.filter((p) => p.eventIndex < rebill).at(-1)!;
		expect(curve, 'the mood moved at the re-bill offer').toBeDefined();
		expect(curve!.anger).toBeLessThan(before.anger);
		const claims = score.sections.flatMap((s) => s.deductions).filter((d) => d.evidence.some((e) => e.eventIndex === rebill) && /angrier/.test(d.message));
		expect(claims).toEqual([]);
	});
});
