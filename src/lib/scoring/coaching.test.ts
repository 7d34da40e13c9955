import { describe, expect, it } from 'vitest';
import { SCRIPTS } from '../domain/call/scripted-trainees';
import { playMoves, type TraineeMove } from '../domain/call/dry-run';
import { DEAD_AIR_MS } from '../domain/call/score-sections';
import type { Scenario } from '../schemas/scenario';
import type { Prosody } from '../domain/tone';
import { loadScenarios } from '../server/content/scenarios';
import { coachCall, deadAirCue, DEAD_AIR_WARN_MS, type Coaching, type CoachingFolds } from './coaching';
import { scoreCall } from './score-call';
import { DeadAirFold, deadAirGaps } from './etiquette';

const scenarios = new Map(loadScenarios().map((f) => [f.scenario.slug, f.scenario]));
const billing = scenarios.get('angry-billing-dispute')!;
const booking = scenarios.get('appointment-booking')!;

/** Coaching after playing `moves`, exactly as the server computes it (timeline, stored angers, engine state). */
function coach(scenario: Scenario, moves: readonly TraineeMove[], traineeName = 'Sam'): Coaching {
	const { timeline, replay } = playMoves(scenario, moves);
	return coachCall({ scenario, events: timeline, angers: replay.steps.map((s) => s.angerAfter), engine: replay.state, traineeName });
}
const say = (text: string): TraineeMove => ({ type: 'trainee_utterance', text });
const status = (c: Coaching, item: string) => c.checklist.find((i) => i.item === item)?.status;
const cue = (c: Coaching, kind: string) => c.cues.find((x) => x.kind === kind);

describe('live coaching on a practice call', () => {
	it('shows every etiquette item as still to do before the trainee has said anything', () => {
		const c = coach(billing, []);
		expect(c.checklist.map((i) => i.item)).toEqual(billing.etiquette);
		for (const item of c.checklist) expect(item.status, item.item).not.toBe('missed');
		expect(status(c, 'greeting')).toBe('open');
		expect(c.cues).toEqual([]);
	});

	it('ticks the greeting once it names the company and the trainee', () => {
		expect(status(coach(billing, [say('Good morning, Meridian Energy, my name is Sam.')]), 'greeting')).toBe('met');
	});

	it('keeps a half greeting open for one more line, then calls it missed', () => {
		const one = coach(billing, [say('Hello, how can I help?')]);
		expect(status(one, 'greeting')).toBe('open');
		const two = coach(billing, [say('Hello, how can I help?'), say('I see, that sounds annoying.')]);
		expect(status(two, 'greeting')).toBe('missed');
		expect(two.checklist.find((i) => i.item === 'greeting')!.message).toMatch(/did not include the company/);
	});

	it('marks identity as missed the moment an account detail is said before verification', () => {
		const c = coach(billing, [say('Good morning, Meridian Energy, Sam speaking.'), say('Your bill is 412.67 this month.')]);
		expect(status(c, 'identityBeforeDisclosure')).toBe('missed');
	});

	it('cues blame when a blaming line made the caller angrier, and only then', () => {
		const blamed = coach(billing, [say('Good morning, Meridian Energy, Sam speaking.'), say('Well, you should have sent us a meter reading.')]);
		expect(cue(blamed, 'blame')?.message).toMatch(/sounded like blame/);
		const kind = coach(billing, [say('Good morning, Meridian Energy, Sam speaking.'), say('I am so sorry, that must be worrying.')]);
		expect(cue(kind, 'blame')).toBeUndefined();
	});

	it('cues talking over the caller for a spoken line that overlapped the caller', () => {
		const prosody: Prosody = {
			durationSec: 2, speechSec: 1.8, rmsDb: -24, loudnessDb: 0, baseline: 'nominal', f0MeanHz: 180, f0RangeSemitones: 4,
			pitchShiftSemitones: 0, wordsPerMinute: 150, pauseCount: 0, longestPauseSec: 0, overtalkSec: 1.2
		};
		const c = coach(billing, [{ type: 'trainee_utterance', text: 'Meridian Energy, Sam speaking.', prosody }]);
		expect(cue(c, 'overtalk')?.message).toMatch(/talked over the caller/);
		expect(cue(coach(billing, [say('Meridian Energy, Sam speaking.')]), 'overtalk')).toBeUndefined();
	});

	it('names the required fields still empty once the trainee wraps up', () => {
		const wrapping = coach(booking, [say('Good morning, Brightwater Energy, Sam speaking.'), say('Is there anything else I can help you with today?')]);
		const empty = cue(wrapping, 'emptyField');
		expect(empty?.message).toMatch(/^Before the call ends, fill in: .*Appointment: Meeting date, Meeting time/);
		expect(wrapping.record.filled).toBeLessThan(wrapping.record.required);
		expect(cue(coach(booking, [say('Good morning, Brightwater Energy, Sam speaking.')]), 'emptyField')).toBeUndefined();
	});

	it('agrees with the scorer at the end of a perfect call: every item met, the record full', () => {
		for (const scenario of [billing, booking]) {
			const moves = SCRIPTS[scenario.slug].perfect;
			const { timeline, replay } = playMoves(scenario, moves);
			const c = coachCall({ scenario, events: timeline, angers: replay.steps.map((s) => s.angerAfter), engine: replay.state, traineeName: 'Sam' });
			const score = scoreCall(scenario, timeline, { traineeName: 'Sam' });
			for (const check of score.etiquette) {
				const live = c.checklist.find((i) => i.item === check.item)!;
				// a hold item the call never needed stays "open" in coaching and passes in the score
				if (live.status !== 'open') expect(live.status === 'met', `${scenario.slug} ${check.item}`).toBe(check.passed);
			}
			expect(c.record.empty, scenario.slug).toEqual([]);
		}
	});

	it('turns what was still open into missed once the call has ended', () => {
		const c = coach(billing, [say('Good morning, Meridian Energy, Sam speaking.'), { type: 'wait', ms: 1000 }]);
		expect(status(c, 'summary')).toBe('open');
		const { timeline, replay } = playMoves(billing, [say('Good morning, Meridian Energy, Sam speaking.')]);
		const events = [...timeline, { type: 'call_ended' as const, t: timeline.at(-1)!.t + 5000, by: 'trainee' as const }];
		const angers = [...replay.steps.map((s) => s.angerAfter), replay.state.anger];
		const after = coachCall({ scenario: billing, events, angers, engine: { ...replay.state, ended: true }, traineeName: 'Sam' });
		expect(status(after, 'summary')).toBe('missed');
		expect(cue(after, 'emptyField')?.message).toMatch(/^Still empty: /);
	});
});

describe('the dead-air cue', () => {
	it('stays quiet below half the dead-air limit, warns from there, and says it counts past the limit', () => {
		expect(deadAirCue(DEAD_AIR_WARN_MS - 1)).toBeNull();
		expect(deadAirCue(DEAD_AIR_WARN_MS)?.message).toBe('5 s of silence. Tell the caller what you are doing.');
		expect(deadAirCue(DEAD_AIR_MS + 2000)?.message).toMatch(/^12 s of dead air: this counts against you/);
	});
});

describe('coaching that keeps its folds between events', () => {
	it('gives the same coaching at every step of a growing call as coaching the whole timeline afresh', () => {
		let compared = 0;
		for (const [slug, scripts] of Object.entries(SCRIPTS)) {
			const scenario = scenarios.get(slug)!;
			for (const [kind, moves] of Object.entries(scripts)) {
				const { timeline, replay } = playMoves(scenario, moves);
				const angers = replay.steps.map((s) => s.angerAfter);
				const folds: CoachingFolds = {};
				for (let n = 1; n <= timeline.length; n++) {
					const input = { scenario, events: timeline.slice(0, n), angers: angers.slice(0, n), engine: replay.state, traineeName: 'Sam' };
					expect(coachCall({ ...input, folds }), `${slug} ${kind} at ${n}`).toEqual(coachCall(input));
					compared++;
				}
				expect(folds.deadAir, `${slug} ${kind}`).toBeInstanceOf(DeadAirFold);
			}
		}
		expect(compared).toBeGreaterThan(200);
	});

	it('finds the same dead air read in pieces as read at once, and none after the hang-up', () => {
		const { timeline: played } = playMoves(billing, SCRIPTS['angry-billing-dispute'].careless);
		const timeline = played.slice(0, played.findIndex((e) => e.type === 'call_ended'));
		const quiet = [...timeline, { type: 'crm_change' as const, t: timeline.at(-1)!.t + 60_000, section: 'interaction' as const, field: 'notes', value: 'x' }];
		const whole = deadAirGaps(quiet);
		expect(whole.length).toBeGreaterThan(0);
		const fold = new DeadAirFold();
		for (let n = 0; n <= quiet.length; n += 3) fold.extend(quiet.slice(0, n));
		expect(fold.extend(quiet).gaps).toEqual(whole);
		// after call_ended nothing counts, however long the pause
		const ended = [...quiet, { type: 'call_ended' as const, t: quiet.at(-1)!.t + 1, by: 'trainee' as const }];
		const after = [...ended, { type: 'crm_change' as const, t: ended.at(-1)!.t + 90_000, section: 'interaction' as const, field: 'notes', value: 'late' }];
		expect(fold.extend(ended).extend(after).gaps).toEqual(deadAirGaps(ended));
	});
});
