// Outbound and dead-end calls (issue #17): the phone rings before anyone answers, and the record and the scorer
// handle outcomes that need no detailed report: a wrong number, no answer, a voicemail with a callback task.
import { describe, expect, it } from 'vitest';
import { playMoves, type TraineeMove } from '../domain/call/dry-run';
import { replayCall } from '../domain/call/engine';
import { callOutcomeSummary, RING_MS } from '../domain/call/outbound';
import { SCRIPTS } from '../domain/call/scripted-trainees';
import { parseScenarioYaml } from '../server/content/scenarios';
import { loadScenarios } from '../server/content/scenarios';
import { coachCall } from './coaching';
import { scoreCall } from './score-call';
import type { CallScore } from './types';

const scenarios = new Map(loadScenarios().map((f) => [f.scenario.slug, f.scenario]));
const scenario = (slug: string) => scenarios.get(slug)!;

function play(slug: string, moves: readonly TraineeMove[]) {
	const s = scenario(slug);
	const { timeline, replay } = playMoves(s, moves);
	return { timeline, replay, score: scoreCall(s, timeline, { traineeName: 'Sam' }) };
}
const deductions = (score: CallScore, section?: string) =>
	score.sections.filter((s) => !section || s.section === section).flatMap((s) => s.deductions.map((d) => d.message));
const check = (score: CallScore, item: string) => score.etiquette.find((c) => c.item === item)!;

/** The perfect script with some moves replaced or removed (matched by the text said or the field typed). */
function variant(slug: string, change: (m: TraineeMove) => TraineeMove | null): TraineeMove[] {
	return SCRIPTS[slug].perfect.map(change).filter((m): m is TraineeMove => m !== null);
}

describe('an outbound call rings before it is answered', () => {
	it('times the first line after the rings, an inbound call at once', () => {
		const out = scenario('outbound-mortgage-review');
		const first = (s = out) => playMoves(s, []).timeline.find((e) => e.type === 'customer_utterance')!;
		expect(first().t).toBeGreaterThanOrEqual(out.outbound!.rings * RING_MS);
		expect(first(scenario('appointment-booking')).t).toBeLessThan(RING_MS);
	});

	it('does not count the ringing as dead air', () => {
		const { score } = play('outbound-no-answer-callback', SCRIPTS['outbound-no-answer-callback'].perfect);
		expect(check(score, 'deadAir').passed).toBe(true);
	});

	it('has nobody answer a no-answer call: no line is said and the call stays open until the trainee hangs up', () => {
		const { timeline, replay } = playMoves(scenario('outbound-no-answer-callback'), [{ type: 'wait', ms: 8000 }]);
		expect(timeline.filter((e) => e.type === 'customer_utterance')).toEqual([]);
		expect(replay.state.ended).toBe(false);
	});
});

describe('a wrong number', () => {
	const slug = 'outbound-wrong-number';

	it('needs no notes: a call logged as Wrong number without a report loses nothing', () => {
		const { score } = play(slug, SCRIPTS[slug].perfect);
		expect(score.fields.map((f) => f.field)).not.toContain('notes');
		expect(deductions(score)).toEqual([]);
		expect(score.total).toBe(100);
	});

	it('deducts for telling the stranger about the account, naming what was said', () => {
		const leaky = variant(slug, (m) =>
			m.type === 'trainee_utterance' && m.text.startsWith('Good morning')
				? { ...m, text: 'Good morning, this is Sam calling from Meridian Energy about the overdue balance on Daniel Reyes\'s account.' }
				: m
		);
		const fair = play(slug, SCRIPTS[slug].perfect).score;
		const { score } = play(slug, leaky);
		const item = check(score, 'identityBeforeDisclosure');
		expect(item.passed).toBe(false);
		expect(item.message).toMatch(/someone who is not the customer/);
		expect(score.total).toBeLessThan(fair.total - 5);
	});

	it('deducts for not apologising, and for a status that is not Wrong number', () => {
		const rude = variant(slug, (m) => (m.type === 'trainee_utterance' && m.text.startsWith('I am so sorry') ? null : m));
		expect(check(play(slug, rude).score, 'wrongNumberApology').passed).toBe(false);
		const closed = variant(slug, (m) => (m.type === 'crm_change' && m.field === 'status' ? { ...m, value: 'Closed' } : m));
		const status = play(slug, closed).score.fields.find((f) => f.field === 'status')!;
		expect(status.verdict).toBe('wrong');
	});

	it('coaches the trainee while the stranger waits: apologise, and nothing about the account', () => {
		const s = scenario(slug);
		const moves = SCRIPTS[slug].perfect.slice(0, 2); // open the record, ask for Daniel
		const { timeline, replay } = playMoves(s, moves);
		const coaching = coachCall({ scenario: s, events: timeline, angers: replayCall(s, timeline).steps.map((st) => st.angerAfter), engine: replay.state });
		const apology = coaching.checklist.find((c) => c.item === 'wrongNumberApology')!;
		expect(apology.status).toBe('open');
		expect(apology.message).toMatch(/apologise/);
		expect(coaching.checklist.find((c) => c.item === 'identityBeforeDisclosure')!.status).toBe('met');
	});
});

describe('no answer with a callback task', () => {
	const slug = 'outbound-no-answer-callback';

	it('scores full marks for the status and the callback task, without notes', () => {
		const { score } = play(slug, SCRIPTS[slug].perfect);
		expect(deductions(score)).toEqual([]);
	});

	it('deducts for a missing callback task: the after-call work and the empty date and time', () => {
		const noTask = variant(slug, (m) => (m.type === 'crm_change' && m.field.startsWith('followUp') ? null : m));
		const { score } = play(slug, noTask);
		expect(deductions(score, 'afterCallWork').join('\n')).toMatch(/No callback task/);
		expect(deductions(score, 'completeness')).toEqual([
			'Interaction log follow-up date was left empty.',
			'Interaction log callback time was left empty.'
		]);
		expect(score.total).toBeLessThan(90);
	});

	it('marks a callback at the wrong time as wrong', () => {
		const late = variant(slug, (m) => (m.type === 'crm_change' && m.field === 'followUpTime' ? { ...m, value: '14:00' } : m));
		expect(play(slug, late).score.fields.find((f) => f.field === 'followUpTime')!.verdict).toBe('wrong');
	});

	it('coaches the empty callback fields once the call has ended', () => {
		const s = scenario(slug);
		const { timeline, replay } = playMoves(s, SCRIPTS[slug].perfect.slice(0, 3)); // open, wait, hang up
		const coaching = coachCall({ scenario: s, events: timeline, angers: timeline.map(() => 0), engine: replay.state });
		const cue = coaching.cues.find((c) => c.kind === 'emptyField')!;
		expect(cue.message).toMatch(/Follow-up date, Callback time/);
		expect(cue.message).not.toMatch(/Notes/);
	});
});

describe('a voicemail', () => {
	const slug = 'outbound-voicemail-renewal';

	it('credits a message with the name, company, reason and callback number', () => {
		const { score, replay } = play(slug, SCRIPTS[slug].perfect);
		expect(check(score, 'voicemailMessage').passed).toBe(true);
		expect(replay.state.ended).toBe(true);
		expect(deductions(score)).toEqual([]);
	});

	it('names what the message left out: here the callback number', () => {
		const noNumber = variant(slug, (m) =>
			m.type === 'trainee_utterance' && m.text.startsWith('Please call') ? { ...m, text: 'Please call us back when it suits you. Thank you, and have a good day, goodbye.' } : m
		);
		const item = check(play(slug, noNumber).score, 'voicemailMessage');
		expect(item.passed).toBe(false);
		expect(item.message).toBe('Your message did not say the number to call back (0800 160 4411).');
	});

	it('deducts for personal data on a voicemail anyone may hear', () => {
		const leaky = variant(slug, (m) =>
			m.type === 'trainee_utterance' && m.text.startsWith('Hello')
				? { ...m, text: 'Hello, this is Sam calling from Harbour Home Insurance about your home insurance renewal; the premium goes up to £486.20.' }
				: m
		);
		const item = check(play(slug, leaky).score, 'identityBeforeDisclosure');
		expect(item.passed).toBe(false);
		expect(item.message).toMatch(/voicemail anyone may hear/);
	});
});

describe('outbound scenario files', () => {
	const base = `title: T\nslug: t\ndifficulty: easy\nsummary: S\ncompany: Acme\nlearningGoals: [g]\ncallDate: 2026-03-12\nqueue: { ivrChoice: a, reasonCode: b }\ncaller: { firstName: A, surname: B, phone: "01632 960000", email: a@example.com, address: X, account: { id: A-1, product: P, since: 2020-01-01 } }\nidentity: { required: false }\netiquette: [deadAir]\nafterCallWork: { timeLimitSeconds: 60, expected: [log] }\nanger: { start: 0 }\n`;
	const problems = (yaml: string) => {
		const parsed = parseScenarioYaml(yaml);
		return parsed.ok ? [] : parsed.issues.map((i) => `${i.path}: ${i.message}`);
	};
	const truth = (status: string, extra = '') => `truth: { customer: { accountId: A-1 }, interaction: { channel: phone, category: general, status: ${status}${extra} } }\n`;
	const quiet = 'dialogue: { start: r, states: { r: { end: true } } }\n';

	it('accepts a no-answer call logged without notes', () => {
		expect(problems(base + 'direction: outbound\noutbound: { outcome: no_answer }\n' + truth('No answer') + quiet)).toEqual([]);
	});

	it('asks for notes when the status needs a report, and for the callback task on Call back later', () => {
		expect(problems(base + truth('Resolved') + quiet).join('\n')).toMatch(/list the facts the notes must cover/);
		expect(problems(base + truth('"Call back later"') + quiet).join('\n')).toMatch(/needs the callback task/);
	});

	it('refuses an outbound call without its outcome, and a no-answer call where someone speaks', () => {
		expect(problems(base + 'direction: outbound\n' + truth('No answer') + quiet).join('\n')).toMatch(/needs an outbound part/);
		const speaks = 'dialogue: { start: r, states: { r: { say: Hello?, end: true } } }\n';
		expect(problems(base + 'direction: outbound\noutbound: { outcome: no_answer }\n' + truth('No answer') + speaks).join('\n')).toMatch(
			/nobody answers a no_answer call/
		);
	});
});

describe('what the results page and the dry run say about how a call ends', () => {
	it('names the outbound outcome and the status that is the whole report', () => {
		expect(callOutcomeSummary(scenario('outbound-wrong-number'))).toEqual({ outcome: 'wrong_number', status: 'Wrong number', noReport: true, callback: null });
		expect(callOutcomeSummary(scenario('outbound-no-answer-callback'))).toEqual({
			outcome: 'no_answer',
			status: 'No answer',
			noReport: true,
			callback: { date: '2026-03-13', time: '09:30' }
		});
	});

	it('says an answered outbound call needs its report, and nothing for an ordinary inbound call', () => {
		const answered = callOutcomeSummary(scenario('outbound-mortgage-review'));
		expect(answered).toMatchObject({ outcome: 'answer', noReport: false });
		expect(callOutcomeSummary(scenario('angry-billing-dispute'))).toBeNull();
	});
});
