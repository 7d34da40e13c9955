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

	const start = { type: 'call_started', t: 0, scenarioSlug: billing.slug } as TimelineEvent;
	const callerLines = (timeline: TimelineEvent[]) => timeline.filter((e) => e.type === 'customer_utterance').map((e) => e.text);
	const verified = (t: number): TimelineEvent[] => [
		say(t, 'Hello, Meridian Energy, Sam speaking.'),
		say(t + 8000, 'Can I take your date of birth and postcode please?'),
		{ type: 'identity_verified', t: t + 20000, accountId: 'MER-20931' }
	];

	it('answers a hold request in its own words, and the answer reflects how upset the caller is', () => {
		const upset = play([start, say(2000, 'Hello, Meridian Energy, Sam speaking.'), say(9000, 'Would it be all right if I put you on hold for a minute?')]);
		expect(callerLines(upset.timeline).at(-1)).toBe(billing.dialogue.lines.holdAgreeUpset[0]);
		expect(upset.replay.state.holdPermissionAsked).toBe(true);
		const calm = { ...billing, anger: { ...billing.anger, start: 0.1 } };
		const asked = advanceCall(calm, [start], say(2000, 'Is it okay if I place you on hold?'), replayCall(calm, [start]));
		expect(asked.replay.state.anger).toBeLessThan(calm.anger.calmBelow);
		expect(asked.appended.filter((e) => e.type === 'customer_utterance').at(-1)).toMatchObject({ text: billing.dialogue.lines.holdAgree[0] });
	});

	it('says nothing while on hold, and what it would have said comes after the hold', () => {
		const events = [start, say(2000, 'Hello, Meridian Energy, Sam speaking.'), say(8000, 'Can I take your date of birth and postcode please?')];
		const { timeline, replay } = play([
			...events,
			say(20000, 'Would you mind if I put you on hold while I check?'),
			{ type: 'hold_start', t: 25000 },
			{ type: 'identity_verified', t: 30000, accountId: 'MER-20931' },
			{ type: 'kb_lookup', t: 35000, query: 'estimated readings' },
			{ type: 'hold_end', t: 50000 }
		]);
		const held = timeline.filter((e) => e.type === 'customer_utterance' && e.t > 25000 && e.t < 50000);
		expect(held).toEqual([]);
		const after = callerLines(timeline.filter((e) => e.t >= 50000));
		expect(after).toEqual(["Yes, I'm here.", "So? What's gone wrong with it?"]);
		expect(after).not.toContain("Take your time, but I haven't got all day.");
		expect(replay.state.stateId).toBe('explain');
	});

	it('never says the same line twice in a row when it does not understand', () => {
		const { timeline } = play([
			start,
			...verified(2000),
			say(40000, 'The weather is nice today.'),
			say(50000, 'Our offices are in Leeds.'),
			say(60000, 'We have many customers.'),
			say(70000, 'The company was founded long ago.')
		]);
		const lines = callerLines(timeline.filter((e) => e.t > 40000));
		expect(lines.length).toBe(4);
		for (let i = 1; i < lines.length; i++) expect(lines[i]).not.toBe(lines[i - 1]);
		expect(lines.some((l) => billing.dialogue.lines.clarify.includes(l))).toBe(true);
	});

	it('waits for the agent to say goodbye before hanging up', () => {
		const moves: TimelineEvent[] = [
			start,
			...verified(2000),
			say(30000, 'The bill used an estimated reading.'),
			say(40000, 'I will reissue the bill with your reading.'),
			say(50000, 'I will pause the direct debit so nothing comes out.'),
			{ type: 'crm_save', t: 60000, section: 'ticket', record: {} },
			say(70000, 'To recap, a corrected bill is on its way.'),
			say(80000, 'Is there anything else I can help with?')
		];
		const waiting = play(moves);
		expect(waiting.replay.state.stateId).toBe('goodbye');
		expect(waiting.replay.state.ended).toBe(false);
		expect(waiting.replay.state.awaitingGoodbye).toBe(true);
		const done = play([...moves, say(90000, 'Thank you for calling, have a good day.')]);
		expect(done.replay.state.ended).toBe(true);
		expect(callerLines(done.timeline).at(-1)).toBe('Bye.');
	});
});
