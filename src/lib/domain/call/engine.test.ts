import { describe, expect, it } from 'vitest';
import { loadScenarios } from '../../server/content/scenarios';
import { advanceCall, replayCall, silencePrompt, type CallReplay } from './engine';
import type { TimelineEvent } from './events';

const billing = loadScenarios().find((f) => f.scenario.slug === 'angry-billing-dispute')!.scenario;

function play(events: TimelineEvent[]): { timeline: TimelineEvent[]; replay: CallReplay } {
	let timeline: TimelineEvent[] = [];
	let replay = replayCall(billing, []);
	for (const event of events) {
		const next = advanceCall(billing, timeline, event, replay);
		timeline = [...timeline, ...next.appended];
		replay = next.replay;
	}
	return { timeline, replay };
}
const say = (t: number, text: string): TimelineEvent => ({ type: 'trainee_utterance', t, text });

describe('call engine', () => {
	it('stays silent until the trainee greets, then the caller states the problem', () => {
		const { timeline, replay } = play([{ type: 'call_started', t: 0, scenarioSlug: billing.slug }, say(2000, 'Good morning, Meridian Energy, my name is Sam.')]);
		expect(timeline.filter((e) => e.type === 'customer_utterance')).toHaveLength(1);
		expect(replay.state.stateId).toBe('vent');
	});

	it('lowers anger for an acknowledgement and raises it for "calm down"', () => {
		const base = [{ type: 'call_started', t: 0, scenarioSlug: billing.slug } as TimelineEvent, say(2000, 'Hello, Meridian Energy, Sam speaking.')];
		const kind = play([...base, say(20000, 'I completely understand, that must be a shock.')]);
		const rude = play([...base, say(20000, 'Please calm down.')]);
		expect(kind.replay.state.anger).toBeLessThan(0.8);
		expect(rude.replay.state.anger).toBeGreaterThan(0.8);
		const rudeStep = rude.replay.steps.at(-2)!;
		expect(rudeStep.causes.map((c) => c.kind)).toContain('calmDown');
	});

	it('does not move to the explanation before identity is verified', () => {
		const { replay } = play([
			{ type: 'call_started', t: 0, scenarioSlug: billing.slug },
			say(2000, 'Hello, Meridian Energy, Sam speaking.'),
			say(12000, 'Can I take your date of birth and postcode please?'),
			say(25000, 'It was an estimated reading.')
		]);
		expect(replay.state.stateId).toBe('verify');
	});

	it('asks "are you still there" after a long silence', () => {
		const { replay } = play([{ type: 'call_started', t: 0, scenarioSlug: billing.slug }, say(2000, 'Hello, Meridian Energy, Sam speaking.')]);
		expect(silencePrompt(billing, replay.state, 60_000)).toEqual(['Hello? Are you still there?']);
		expect(silencePrompt(billing, replay.state, 9_000)).toEqual([]);
	});

	it('replays the same timeline to the same anger every time', () => {
		const { timeline } = play([{ type: 'call_started', t: 0, scenarioSlug: billing.slug }, say(2000, 'Hi'), say(40000, 'You should have sent a reading.')]);
		expect(replayCall(billing, timeline).steps.map((s) => s.angerAfter)).toEqual(replayCall(billing, timeline).steps.map((s) => s.angerAfter));
	});
});
