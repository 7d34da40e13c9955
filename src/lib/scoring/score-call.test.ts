import { describe, expect, it } from 'vitest';
import { SCRIPTS } from '../domain/call/scripted-trainees';
import { playMoves } from '../domain/call/dry-run';
import type { TimelineEvent } from '../domain/call/events';
import type { Scenario } from '../schemas/scenario';
import { loadScenarios } from '../server/content/scenarios';
import { scoreCall, totalWithOverrides } from './score-call';
import type { CallScore } from './types';

const scenarios = new Map(loadScenarios().map((f) => [f.scenario.slug, f.scenario]));
const billing = scenarios.get('angry-billing-dispute')!;
const booking = scenarios.get('appointment-booking')!;

/** A timeline from [seconds, event] pairs; call_started is added at 0. */
function at(...pairs: [number, Record<string, unknown> & { type: string }][]): TimelineEvent[] {
	return [
		{ type: 'call_started', t: 0, scenarioSlug: 'x' },
		...pairs.map(([s, e]) => ({ ...e, t: Math.round(s * 1000) }) as TimelineEvent)
	];
}
const trainee = (text: string) => ({ type: 'trainee_utterance', text });
const customer = (text: string) => ({ type: 'customer_utterance', text, stateId: 's' });
const change = (section: string, field: string, value: string) => ({ type: 'crm_change', section, field, value });
const ended = { type: 'call_ended', by: 'trainee' };

const check = (score: CallScore, item: string) => score.etiquette.find((c) => c.item === item)!;
const perfect = (scenario: Scenario) => playMoves(scenario, SCRIPTS[scenario.slug].perfect).timeline;

describe('etiquette from the timeline', () => {
	const cases: [string, Scenario, TimelineEvent[], string, boolean, number | null][] = [
		[
			'fails a greeting without the company name',
			billing,
			at([2, trainee('Hello, my name is Sam, how can I help?')], [5, ended]),
			'greeting',
			false,
			1
		],
		[
			'passes a greeting with the company and the trainee name given as an option',
			billing,
			at([2, trainee('Good morning, Meridian Energy, Sam here.')], [5, ended]),
			'greeting',
			true,
			1
		],
		[
			'fails when an account detail is said before identity is verified',
			billing,
			at([2, trainee('Your bill is 412.67 this month.')], [6, { type: 'identity_verified', accountId: 'MER-20931' }], [8, ended]),
			'identityBeforeDisclosure',
			false,
			1
		],
		[
			'passes when the account detail comes after verification',
			billing,
			at([2, { type: 'identity_verified', accountId: 'MER-20931' }], [6, trainee('Your bill is 412.67 this month.')], [8, ended]),
			'identityBeforeDisclosure',
			true,
			1
		],
		[
			'fails when identity is never verified',
			billing,
			at([2, trainee('Hello')], [5, ended]),
			'identityBeforeDisclosure',
			false,
			2
		],
		[
			'fails a hold without asking first',
			billing,
			at([2, trainee('One moment.')], [4, { type: 'hold_start' }], [20, { type: 'hold_end' }], [22, ended]),
			'holdPermission',
			false,
			2
		],
		[
			'passes a hold the trainee asked for',
			billing,
			at([2, trainee('Can I put you on hold for a minute?')], [4, { type: 'hold_start' }], [20, { type: 'hold_end' }], [22, ended]),
			'holdPermission',
			true,
			null
		],
		[
			'fails a hold longer than the scenario limit',
			billing,
			at([2, trainee('Can I put you on hold?')], [4, { type: 'hold_start' }], [70, { type: 'hold_end' }], [72, ended]),
			'holdLimit',
			false,
			3
		],
		[
			'fails 15 seconds of dead air and cites the event after it',
			booking,
			at([1, trainee('Hi')], [2, customer('Hello.')], [20, change('interaction', 'notes', 'x')], [21, ended]),
			'deadAir',
			false,
			3
		],
		[
			'does not count time on hold as dead air',
			booking,
			at([1, trainee('Hi')], [2, { type: 'hold_start' }], [50, { type: 'hold_end' }], [52, ended]),
			'deadAir',
			true,
			null
		],
		[
			'counts typing in the CRM as activity, not dead air',
			booking,
			at([1, trainee('Hi')], [8, change('appointment', 'subject', 'E')], [16, change('appointment', 'subject', 'En')], [24, ended]),
			'deadAir',
			true,
			null
		],
		[
			'counts the typing before a debounced CRM edit as activity',
			booking,
			at([1, trainee('Hi')], [2, customer('Hello.')], [15, change('interaction', 'notes', 'Customer wants a visit next Thursday afternoon.')], [16, ended]),
			'deadAir',
			true,
			null
		],
		['fails a call with no summary of next steps', booking, at([1, trainee('Hi')], [4, ended]), 'summary', false, 2],
		[
			'passes a summary of next steps',
			booking,
			at([1, trainee('To recap, you will receive an email today.')], [4, ended]),
			'summary',
			true,
			1
		],
		['fails a call with no offer of further help', booking, at([1, trainee('Bye')], [4, ended]), 'furtherHelp', false, 2],
		[
			'passes a polite close in the last lines',
			booking,
			at([1, trainee('Is there anything else?')], [3, trainee('Thank you for calling, have a good day.')], [4, ended]),
			'politeClose',
			true,
			2
		],
		[
			'fails an abrupt end and cites the last line',
			booking,
			at([1, trainee('Right.')], [3, trainee('Done.')], [4, ended]),
			'politeClose',
			false,
			2
		]
	];
	it.each(cases)('%s', (_name, scenario, events, item, passed, evidenceIndex) => {
		const result = check(scoreCall(scenario, events, { traineeName: 'Sam' }), item);
		expect(result.passed).toBe(passed);
		if (evidenceIndex !== null) expect(result.evidence.map((e) => e.eventIndex)).toContain(evidenceIndex);
	});
});

describe('said vs entered', () => {
	const readBackThenType = (said: string, field: string, typed: string) =>
		at([2, change('appointment', field, typed)], [6, trainee(`Just to confirm, ${said}, is that correct?`)], [9, ended]);

	it('flags a phone number read back correctly but typed with a wrong digit', () => {
		const score = scoreCall(booking, readBackThenType('your number is 01632 960418', 'phone', '01632 960481'));
		expect(score.inconsistencies).toHaveLength(1);
		expect(score.inconsistencies[0].evidence.map((e) => e.eventIndex)).toEqual([2, 1]);
		expect(score.sections.find((s) => s.section === 'consistency')!.score).toBe(50);
	});
	it('flags an e-mail read back differently from what was typed', () => {
		const score = scoreCall(booking, readBackThenType('g.pettifer@oakridge-primary.example.org', 'email', 'g.petifer@oakridge-primary.example.org'));
		expect(score.inconsistencies.map((i) => i.kind)).toEqual(['email']);
	});
	it('flags a meeting date read back as the 19th of March but typed as the 18th', () => {
		const score = scoreCall(booking, readBackThenType('Thursday the 19th of March', 'meetingDate', '2026-03-18'));
		expect(score.inconsistencies.map((i) => [i.kind, i.said])).toEqual([['date', '2026-03-19']]);
	});
	it('flags a time read back as 2:30 pm but typed as 15:30', () => {
		const score = scoreCall(booking, readBackThenType('the visit is at 2:30 pm', 'meetingTime', '15:30'));
		expect(score.inconsistencies.map((i) => [i.kind, i.said])).toEqual([['time', '14:30']]);
	});
	it('accepts a read-back that matches what was typed', () => {
		const score = scoreCall(booking, readBackThenType('your number is 01632 960418', 'phone', '01632960418'));
		expect(score.inconsistencies).toEqual([]);
	});
});

describe('record accuracy and completeness', () => {
	it('shows expected and entered values field by field, citing the edit', () => {
		const events = at([2, change('appointment', 'surname', 'Petifer')], [4, ended]);
		const field = scoreCall(booking, events).fields.find((f) => f.section === 'appointment' && f.field === 'surname')!;
		expect(field).toMatchObject({ expected: 'Pettifer', entered: 'Petifer', verdict: 'partial', credit: 0.7 });
		expect(field.evidence[0].eventIndex).toBe(1);
	});
	it('counts an empty field against completeness, citing the section save', () => {
		const events = at([2, change('appointment', 'surname', 'Pettifer')], [3, { type: 'crm_save', section: 'appointment', record: {} }], [4, ended]);
		const completeness = scoreCall(booking, events).sections.find((s) => s.section === 'completeness')!;
		const phone = completeness.deductions.find((d) => d.message.startsWith('Appointment phone'))!;
		expect(phone.evidence[0].eventIndex).toBe(2);
	});
	it('takes the last value typed into a field', () => {
		const events = at([2, change('interaction', 'status', 'Open')], [3, change('interaction', 'status', 'Resolved')], [4, ended]);
		expect(scoreCall(booking, events).fields.find((f) => f.field === 'status')!.verdict).toBe('correct');
	});
});

describe('anger control', () => {
	it('names the phrase that made the caller angrier and cites it', () => {
		const events = at([2, trainee('Hello, Meridian Energy.')], [8, customer('My bill is huge!')], [20, trainee('You should have sent a reading.')], [25, ended]);
		const score = scoreCall(billing, events);
		expect(score.anger.raisedBy.map((r) => [r.eventIndex, r.causes])).toEqual([[3, ['blame']]]);
		const deduction = score.sections.find((s) => s.section === 'angerControl')!.deductions[0];
		expect(deduction.message).toContain('you should have');
		expect(deduction.evidence[0].eventIndex).toBe(3);
	});
	it('measures the time until an angry caller was calm', () => {
		const score = scoreCall(billing, perfect(billing));
		expect(score.anger.start).toBe(0.8);
		expect(score.anger.timeToCalmMs).toBeGreaterThan(0);
		expect(score.anger.end).toBeLessThan(billing.anger.calmBelow);
		expect(score.anger.loweredBy.length).toBeGreaterThan(0);
	});
	it('penalises a caller still upset at the end', () => {
		const score = scoreCall(billing, at([2, trainee('Hello, Meridian Energy, Sam speaking.')], [5, ended]));
		const section = score.sections.find((s) => s.section === 'angerControl')!;
		expect(section.deductions.map((d) => d.message)).toEqual([expect.stringContaining('still upset')]);
	});
});

describe('after-call work', () => {
	it('deducts after-call work that took longer than allowed, citing the save', () => {
		const events = at([2, trainee('Bye')], [3, ended], [400, { type: 'acw_saved', email: null }]);
		const acw = scoreCall(booking, events).sections.find((s) => s.section === 'afterCallWork')!;
		const late = acw.deductions.find((d) => d.message.includes('limit'))!;
		expect(late.evidence[0].eventIndex).toBe(3);
	});
	it('requires the transfer to the right queue when the scenario says so', () => {
		const ivr = scenarios.get('ivr-wrong-reason-code')!;
		const events = at([2, trainee('Hello')], [3, { type: 'transfer', to: 'Payments' }], [4, ended]);
		const acw = scoreCall(ivr, events).sections.find((s) => s.section === 'afterCallWork')!;
		expect(acw.deductions.map((d) => d.message)).toContain('The call was transferred to "Payments", not "Priority services".');
	});
});

describe('the total', () => {
	it('weights the sections with the scenario weights', () => {
		const score = scoreCall(billing, playMoves(billing, SCRIPTS[billing.slug].careless).timeline);
		const expected = score.sections.reduce((sum, s) => sum + s.score * s.weight, 0) / score.sections.reduce((sum, s) => sum + s.weight, 0);
		expect(score.total).toBeCloseTo(expected, 0);
		expect(score.sections.find((s) => s.section === 'angerControl')!.weight).toBe(25);
	});
	it('recomputes the total when a trainer overrides a section', () => {
		const score = scoreCall(billing, playMoves(billing, SCRIPTS[billing.slug].careless).timeline);
		expect(totalWithOverrides(score, { etiquette: 100 })).toBeGreaterThan(score.total);
		expect(totalWithOverrides(score, {})).toBe(score.total);
	});
	it('gives the same score for the same timeline every time', () => {
		const events = perfect(booking);
		expect(scoreCall(booking, events)).toEqual(scoreCall(booking, structuredClone(events)));
	});
	it('links tips to lessons for the topics that lost most', () => {
		const score = scoreCall(billing, playMoves(billing, SCRIPTS[billing.slug].careless).timeline);
		expect(score.tips.length).toBeGreaterThan(0);
		expect(score.tips.find((t) => t.topic === 'angerControl')).toMatchObject({ course: 'anger-control-and-de-escalation', lesson: 'acknowledging-feelings' });
	});
});

describe.each([...scenarios.values()].map((s) => [s.slug, s] as const))('every deduction of %s', (_slug, scenario) => {
	it.each(['perfect', 'careless'] as const)('with the %s trainee cites events of the call and adds up', (which) => {
		const events = playMoves(scenario, SCRIPTS[scenario.slug][which]).timeline;
		const score = scoreCall(scenario, events);
		for (const section of score.sections) {
			for (const d of section.deductions) {
				expect(d.evidence.length, d.message).toBeGreaterThan(0);
				for (const e of d.evidence) expect(e.eventIndex).toBeLessThan(events.length);
			}
			const lost = section.deductions.reduce((sum, d) => sum + d.points, 0);
			expect(section.score + lost).toBeCloseTo(100, 0);
		}
	});
});
