import { afterEach, describe, expect, it } from 'vitest';
import { playMoves, type TraineeMove } from '../domain/call/dry-run';
import type { Scenario } from '../schemas/scenario';
import { loadScenarios } from '../server/content/scenarios';
import { coachCall, deadAirCue, type Coaching } from '../scoring/coaching';
import { getLocale, overwriteGetLocale } from '../paraglide/runtime';
import { checklistNote, cueText, type CoachScenario } from './coach-text';
import { deductionText, etiquetteLabel, findingText, sectionLabel, tipText } from './score-labels';
import { DEFAULT_TIPS } from '../scoring/tips';
import { scoreCall } from '../scoring/score-call';
import { SCRIPTS } from '../domain/call/scripted-trainees';
import { ETIQUETTE_LABELS, SCORE_SECTION_LABELS } from '../domain/call/score-sections';
import en from '../../../messages/en.json';
import bn from '../../../messages/bn.json';

const scenarios = new Map(loadScenarios().map((f) => [f.scenario.slug, f.scenario]));
const billing = scenarios.get('angry-billing-dispute')!;
const booking = scenarios.get('appointment-booking')!;
const say = (text: string): TraineeMove => ({ type: 'trainee_utterance', text });
function coach(scenario: Scenario, moves: readonly TraineeMove[]): Coaching {
	const { timeline, replay } = playMoves(scenario, moves);
	return coachCall({ scenario, events: timeline, angers: replay.steps.map((s) => s.angerAfter), engine: replay.state, traineeName: 'Sam' });
}
const basics = (s: Scenario): CoachScenario => ({ company: s.company, holdLimitSeconds: s.holdLimitSeconds, callbackNumber: s.outbound?.callbackNumber ?? null });

const english = getLocale;
afterEach(() => overwriteGetLocale(english));
const inBengali = () => overwriteGetLocale(() => 'bn');

const blamed = () => coach(billing, [say('Good morning, Meridian Energy, Sam speaking.'), say('Well, you should have sent us a meter reading.')]);
const wrapping = () => coach(booking, [say('Good morning, Brightwater Energy, Sam speaking.'), say('Is there anything else I can help you with today?')]);

describe('the coach in the reader’s language', () => {
	it('words every cue in English exactly as the scorer does', () => {
		const cues = [deadAirCue(6000)!, deadAirCue(12_000)!, blamed().cues.find((c) => c.kind === 'blame')!, wrapping().cues.find((c) => c.kind === 'emptyField')!];
		expect(cues.map((c) => c.kind)).toEqual(['deadAir', 'deadAir', 'blame', 'emptyField']);
		for (const cue of cues) expect(cueText(cue)).toBe(cue.message);
	});

	it('words the open checklist hints in English exactly as the scorer does', () => {
		for (const scenario of [billing, booking]) {
			const open = coach(scenario, []).checklist.filter((i) => i.status === 'open');
			expect(open.length).toBeGreaterThan(3);
			for (const item of open) expect(checklistNote(item, basics(scenario)), item.item).toBe(item.message);
		}
	});

	it('keeps the scorer’s English labels for sections and etiquette items', () => {
		for (const [s, label] of Object.entries(SCORE_SECTION_LABELS)) expect(sectionLabel(s)).toBe(label);
		for (const [i, label] of Object.entries(ETIQUETTE_LABELS)) expect(etiquetteLabel(i)).toBe(label);
	});

	it('words every etiquette finding and deduction of scripted calls in English exactly as the scorer does', () => {
		let coded = 0;
		for (const [slug, scenario] of scenarios) {
			for (const moves of Object.values(SCRIPTS[slug] ?? {})) {
				const { timeline } = playMoves(scenario, moves);
				const score = scoreCall(scenario, timeline, { traineeName: 'Sam' });
				for (const check of score.etiquette) {
					expect(findingText(check), `${slug} ${check.item}`).toBe(check.message);
					if (check.note) coded++;
				}
				for (const d of score.sections.flatMap((s) => s.deductions)) expect(deductionText(d)).toBe(d.message);
			}
		}
		expect(coded).toBeGreaterThan(50);
	});

	it('has a wording for every finding code the messages name (etq_<code>), in each language', () => {
		// etq_part_* are pieces of the voicemail finding message_incomplete, which score-labels.test.ts covers.
		const codes = Object.keys(en)
			.filter((k) => k.startsWith('etq_') && !k.startsWith('etq_part_') && k !== 'etq_message_incomplete')
			.map((k) => k.slice(4));
		expect(codes.length).toBeGreaterThan(30);
		const params = { company: 'Acme', what: 'the balance', seconds: 90, limit: 60, count: 2, longest: 14, phrase: 'mate' };
		const plain = (text: string) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k as keyof typeof params]));
		for (const code of codes) expect(findingText({ message: '?', note: { code, params } }), code).toBe(plain(en[`etq_${code}` as keyof typeof en]));
		inBengali();
		const bnDigits = (text: string) => text.replace(/[0-9]/g, (d) => '০১২৩৪৫৬৭৮৯'[Number(d)]);
		for (const code of codes) expect(findingText({ message: '?', note: { code, params } }), code).toBe(bnDigits(plain(bn[`etq_${code}` as keyof typeof bn])));
		expect(findingText({ message: 'An older call’s finding.', note: { code: 'no_such_code' } })).toBe('An older call’s finding.');
	});

	it('words the built-in tips in the reader’s language and keeps a scenario’s own tip as written', () => {
		for (const tip of Object.values(DEFAULT_TIPS)) expect(tipText(tip)).toBe(tip.text);
		inBengali();
		expect(tipText(DEFAULT_TIPS.greeting)).toBe('সম্ভাষণ, কোম্পানির নাম আর নিজের নাম দিয়ে কল শুরু করুন।');
		expect(tipText({ topic: 'greeting', text: 'Say the company first.' })).toBe('Say the company first.');
	});

	it('speaks Bengali with Bengali digits to a Bengali reader', () => {
		inBengali();
		expect(cueText(deadAirCue(12_000)!)).toBe('১২ সেকেন্ড নীরবতা: এতে আপনার নম্বর কাটা যাবে। এখনই কিছু বলুন।');
		expect(cueText(blamed().cues.find((c) => c.kind === 'blame')!)).toMatch(/^“.+” দোষারোপের মতো শুনিয়েছে/);
		const empty = cueText(wrapping().cues.find((c) => c.kind === 'emptyField')!);
		expect(empty).toMatch(/^কল শেষ হওয়ার আগে পূরণ করুন: .*অ্যাপয়েন্টমেন্ট: মিটিংয়ের তারিখ, মিটিংয়ের সময়/);
		const hold = coach(billing, []).checklist.find((i) => i.item === 'holdLimit')!;
		expect(checklistNote(hold, basics(billing))).toMatch(/^যেকোনো হোল্ড [০-৯]+ সেকেন্ডের কম রাখুন।$/);
		expect(sectionLabel('angerControl')).toBe('রাগ সামলানো');
		const greeting = coach(billing, [say('Hello, how can I help?'), say('I see, that sounds annoying.')]).checklist.find((i) => i.item === 'greeting')!;
		expect(greeting.status).toBe('missed');
		expect(checklistNote(greeting, basics(billing))).toBe(`আপনার সম্ভাষণে কোম্পানির নাম (${billing.company}) ও নিজের নাম — কোনোটিই ছিল না।`);
		const { timeline } = playMoves(billing, [say('Hello, how can I help?'), say('I see, that sounds annoying.')]);
		const d = scoreCall(billing, timeline, { traineeName: 'Sam' }).sections.find((s) => s.section === 'etiquette')!.deductions.find((x) => x.topic === 'greeting')!;
		expect(deductionText(d)).toMatch(/^কোম্পানি ও নিজের নাম বলে সম্ভাষণ: আপনার সম্ভাষণে/);
	});
});
