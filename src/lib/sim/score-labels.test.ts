// Every scoring reason outside etiquette (record accuracy and completeness, said vs typed, anger control, after-call
// work) and every record comparator's detail carries a code: these tests pin that the English worded from the codes
// equals what the scorer stores, that each code reads as Bengali to a Bengali reader, and that a call scored before
// codes existed still shows its stored English.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { playMoves } from '../domain/call/dry-run';
import type { TimelineEvent } from '../domain/call/events';
import { SCRIPTS } from '../domain/call/scripted-trainees';
import { getLocale, overwriteGetLocale } from '../paraglide/runtime';
import { loadScenarios } from '../server/content/scenarios';
import {
	compareDate,
	compareEmail,
	compareFacts,
	compareIdentifier,
	compareName,
	comparePhone,
	comparePicklist,
	compareTime,
	compareWords,
	type Comparison
} from '../scoring/comparators';
import { compileScenario } from '../domain/call/compiled-scenario';
import { scoreCall } from '../scoring/score-call';
import type { CallScore, Deduction, FieldResult } from '../scoring/types';
import { m } from '../paraglide/messages';
import { deductionText, fieldDetailText, findingText, fieldValueText, saidFieldLabel } from './score-labels';

const scenarios = new Map(loadScenarios().map((f) => [f.scenario.slug, f.scenario]));
const billing = scenarios.get('angry-billing-dispute')!;
const booking = scenarios.get('appointment-booking')!;
const english = getLocale;
afterEach(() => overwriteGetLocale(english));
const inBengali = () => overwriteGetLocale(() => 'bn');

/** Codes each message file words: every one must be produced (and so pinned) by some case below. */
const en = JSON.parse(readFileSync('messages/en.json', 'utf8')) as Record<string, string>;
const codesOf = (prefix: string) => Object.keys(en).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)).filter((c) => c !== 'field_name');

function at(...pairs: [number, Record<string, unknown> & { type: string }][]): TimelineEvent[] {
	return [{ type: 'call_started', t: 0, scenarioSlug: 'x' }, ...pairs.map(([s, e]) => ({ ...e, t: Math.round(s * 1000) }) as TimelineEvent)];
}
const trainee = (text: string) => ({ type: 'trainee_utterance', text });
const change = (section: string, field: string, value: string) => ({ type: 'crm_change', section, field, value });
const save = (section: string) => ({ type: 'crm_save', section, record: {} });
const ended = { type: 'call_ended', by: 'trainee' };

/** Scored calls with record mistakes, slow or missing after-call work, a wrong transfer and an angry caller. */
function mistakes(): CallScore[] {
	const scripted = [...scenarios].flatMap(([slug, scenario]) =>
		Object.values(SCRIPTS[slug] ?? {}).map((moves) => scoreCall(scenario, playMoves(scenario, moves).timeline, { traineeName: 'Sam' }))
	);
	const transfer = [...scenarios.values()].find((s) => s.truth.transferTo)!;
	return [
		...scripted,
		// nothing entered, nothing saved, a caller told to calm down
		scoreCall(billing, at([2, trainee('Calm down, it is your fault, you should have sent a reading.')], [40, ended])),
		// a few wrong values, too little of the record, after-call work over the limit
		scoreCall(
			booking,
			at(
				[2, trainee('Good morning, Brightwater Energy, Sam speaking.')],
				[5, change('appointment', 'phone', '0161 496 0001')],
				[6, change('appointment', 'email', 'x@@')],
				[7, change('appointment', 'meetingDate', 'tomorrow')],
				[8, change('appointment', 'meetingTime', 'soon')],
				[9, trainee('So that is 14 March at 10:30, phone 0161 496 0999.')],
				[10, change('appointment', 'outcome', 'Declined')],
				[12, ended],
				[13, save('appointment')],
				[900, { type: 'acw_saved' }]
			)
		),
		// read back one number, typed another; the appointment never saved
		scoreCall(booking, at([2, change('appointment', 'phone', '01632 960481')], [6, trainee('Just to confirm, your number is 01632 960418, is that correct?')], [9, ended])),
		// a transfer to the wrong queue, then none
		scoreCall(transfer, at([2, { type: 'transfer', to: 'Nowhere team' }], [4, ended])),
		scoreCall(transfer, at([2, trainee('Hello.')], [4, ended]))
	];
}

/** One comparator result per detail code (the same comparators the scorer uses). */
const COMPARISONS: Comparison[] = [
	comparePhone('12', '01632 960123'),
	comparePhone('01632 960124', '01632 960123'),
	comparePhone('01711-22334', '01711-223344', 'BD'),
	comparePhone('020 7946 0000', '01632 960123'),
	compareEmail('nope', 'a@b.co'),
	compareEmail('a@b.cx', 'a@b.co'),
	compareEmail('a@b.xx', 'a@b.co'),
	compareEmail('zed@zed.org', 'a@b.co'),
	compareName('', 'Rahim'),
	compareName('রহীম', 'রহিম'),
	compareName('Rahin', 'Rahim'),
	compareName('Katherine', 'Catharine'),
	compareName('Smythe-Jones', 'Smith'),
	compareName('Rahin Uddin', 'রহিম উদ্দিন'),
	compareName('Bob', 'Priyanka'),
	compareIdentifier('MER-1', 'MER-2'),
	comparePicklist('billing', 'complaint'),
	comparePicklist('Open', 'Resolved'),
	compareDate('soon', '2026-03-17'),
	compareDate('18/03/2026', '2026-03-17'),
	compareTime('later', '10:30'),
	compareTime('11am', '10:30'),
	compareWords('', '12 Park Road'),
	compareWords('12 Park Road Leeds North', '12 Park Road Leeds'),
	compareWords('12 Park Road', '12 Park Road Leeds'),
	compareWords('1 High Street', '12 Park Road Leeds'),
	// the scorer's own fallback for a wrong field without a reason
	{ credit: 0, detail: 'not correct', note: { code: 'not_correct' } },
	compareFacts('nothing here', [{ label: 'Reading 45102', phrases: ['45102'] }], compileScenario(billing).vocabulary)
];

const deductions = (scores: CallScore[]) => scores.flatMap((s) => s.sections.flatMap((x) => x.deductions)).filter((d) => d.section !== 'etiquette');
const fieldsOf = (scores: CallScore[]) => scores.flatMap((s) => s.fields);

describe('scoring reasons worded from their codes', () => {
	const scores = mistakes();

	it('words every non-etiquette deduction and field detail in English exactly as the scorer stores it', () => {
		const all = deductions(scores);
		expect(all.length).toBeGreaterThan(40);
		for (const d of all) {
			expect(d.note, d.message).toBeDefined();
			expect(deductionText(d)).toBe(d.message);
		}
		for (const f of fieldsOf(scores).filter((x) => x.detail)) {
			expect(f.note, f.detail!).toBeDefined();
			expect(fieldDetailText(f)).toBe(f.detail);
		}
		for (const c of COMPARISONS.filter((x) => x.detail)) expect(fieldDetailText(c)).toBe(c.detail);
	});

	it('has a case for every deduction and comparator code the messages word', () => {
		const seen = new Set(deductions(scores).map((d) => d.note!.code));
		expect(codesOf('ded_').filter((c) => !seen.has(c))).toEqual([]);
		const details = new Set([...fieldsOf(scores), ...COMPARISONS].flatMap((x) => (x.note ? [x.note.code] : [])));
		for (const d of deductions(scores)) if (d.note?.detail) details.add(d.note.detail.code);
		expect(codesOf('cmp_').filter((c) => !details.has(c))).toEqual([]);
	});

	it('words every code in Bengali, with Bengali digits and names, and no English words of its own', () => {
		inBengali();
		/** Latin words a Bengali reason may still hold: the values it quotes (what was typed, said, or a scenario's names). */
		const quoted = (x: { note?: { params?: Record<string, string | number>; detail?: { params?: Record<string, string | number> } } }) =>
			Object.values({ ...x.note?.params, ...x.note?.detail?.params }).join(' ');
		const englishWords = (text: string, allowed: string) => (text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !allowed.includes(w));
		for (const d of deductions(scores)) {
			const text = deductionText(d);
			expect(text, d.message).not.toBe(d.message);
			// a field's English label and an anger cause are named in Bengali; only quoted values (what was typed or said,
			// a queue's or a key fact's name) may stay as they were written
			const quotes = ['said_typed', 'angrier_after_phrase', 'transferred_wrong', 'not_transferred'].includes(d.note!.code);
			expect(englishWords(text, quotes ? quoted(d) : quoted({ note: d.note!.detail })), text).toEqual([]);
		}
		for (const c of COMPARISONS.filter((x) => x.note)) {
			const text = fieldDetailText(c)!;
			expect(text, c.detail!).not.toBe(c.detail);
			expect(englishWords(text, c.note!.code === 'picklist_instead' ? '' : quoted(c)), text).toEqual([]);
		}
	});

	it('reads exact Bengali for record, tone and after-call reasons', () => {
		inBengali();
		const find = (code: string) => deductions(scores).find((d) => d.note?.code === code)!;
		expect(deductionText(find('record_empty'))).toBe('প্রত্যাশিত রেকর্ডের কিছুই লেখা হয়নি।');
		expect(deductionText(find('acw_not_completed'))).toBe('কল-পরবর্তী কাজ শেষ করা হয়নি।');
		expect(deductionText(find('acw_too_slow'))).toMatch(/^কল-পরবর্তী কাজে [০-৯]+ সেকেন্ড লেগেছে; সীমা [০-৯]+ সেকেন্ড।$/);
		expect(deductionText(find('still_upset'))).toMatch(/^কল শেষেও গ্রাহক বিরক্ত ছিলেন \(রাগ [০-৯]\.[০-৯]{2}\)।$/);
		const blamed = deductions(scores).find((d) => d.note?.code.startsWith('angrier_after') && String(d.note.params?.causes).includes('blame'))!;
		expect(deductionText(blamed)).toMatch(/^গ্রাহক আরও রেগে গেছেন, কারণ: .*গ্রাহককে দোষ দেওয়া/);
		expect(deductionText(find('said_typed'))).toBe('আপনি বলেছেন +441632960418, কিন্তু লিখেছেন 01632 960481 (অ্যাপয়েন্টমেন্ট › ফোন)।');
		expect(deductionText(find('field_empty'))).toMatch(/^.+ › .+ ফাঁকা রাখা হয়েছে।$/);
		expect(deductionText(find('record_coverage_low'))).toMatch(/^প্রত্যাশিত রেকর্ডের মাত্র [০-৯]+% লেখা হয়েছে/);
		const phone = deductions(scores).find((d) => d.note?.code === 'field_inaccurate' && d.note.params?.field === 'phone' && d.note.params.section === 'appointment')!;
		expect(deductionText(phone)).toBe(`অ্যাপয়েন্টমেন্ট › ফোন: ${fieldDetailText({ detail: null, note: phone.note!.detail })}।`);
		const picked = deductions(scores).find((d) => d.note?.detail?.code === 'picklist_instead' && d.note.detail.params?.entered === 'Declined')!;
		expect(deductionText(picked)).toBe(`অ্যাপয়েন্টমেন্ট › ফলাফল: "${m.crm_opt_booked()}"-এর বদলে "${m.crm_opt_declined()}" বাছাই করা হয়েছে।`);
		expect(fieldDetailText(compareDate('18/03/2026', '2026-03-17'))).toBe('২০২৬-০৩-১৭-এর বদলে ২০২৬-০৩-১৮');
		expect(fieldDetailText(comparePhone('01632 960124', '01632 960123'))).toBe('একটি অঙ্ক ভুল');
	});

	it('words a voicemail message that left things out in English as the scorer does, and in Bengali', () => {
		const voicemail = scenarios.get('outbound-voicemail-renewal')!;
		const score = scoreCall(voicemail, at([3, trainee('Hello, this is a message.')], [8, ended]), { traineeName: 'Sam' });
		const item = score.etiquette.find((c) => c.item === 'voicemailMessage')!;
		expect(item.note?.code).toBe('message_incomplete');
		expect(item.message).toMatch(/^Your message did not say your name, the company \(.+\), why you called \(.+\), the number to call back \(.+\)\.$/);
		expect(findingText(item)).toBe(item.message);
		const d = score.sections.find((x) => x.section === 'etiquette')!.deductions.find((x) => x.topic === 'voicemailMessage')!;
		expect(deductionText(d)).toBe(d.message);
		inBengali();
		expect(findingText(item)).toBe(
			`আপনার বার্তায় বলা হয়নি: আপনার নাম, কোম্পানির নাম (${voicemail.company}), কেন ফোন করেছেন (${voicemail.outbound!.message.map((f) => f.label).join('; ')}), কোন নম্বরে ফিরতি কল করবেন (${voicemail.outbound!.callbackNumber})।`
		);
	});

	it('shows a picklist value by its Bengali label and keeps free text and English values as stored', () => {
		expect(fieldValueText('interaction', 'category', 'billing')).toBe('billing');
		expect(fieldValueText('ticket', 'team', 'Billing adjustments')).toBe('Billing adjustments');
		inBengali();
		expect(fieldValueText('interaction', 'category', 'billing')).toBe('বিল');
		expect(fieldValueText('appointment', 'outcome', 'Booked')).toBe('বুক করা হয়েছে');
		expect(fieldValueText('interaction', 'notes', 'billing')).toBe('billing');
		expect(fieldValueText('customer', 'phone', '01711-223344')).toBe('01711-223344');
		expect(saidFieldLabel('meetingDate')).toBe('মিটিংয়ের তারিখ');
	});

	it('shows a call scored before codes existed with its stored English, in any language, without failing', () => {
		inBengali();
		const old: Deduction = { section: 'accuracy', topic: 'accuracy', points: 10, message: 'Customer phone: one digit differs.', evidence: [] };
		expect(deductionText(old)).toBe('Customer phone: one digit differs.');
		const oldField: Pick<FieldResult, 'detail' | 'note'> = { detail: 'one digit differs' };
		expect(fieldDetailText(oldField)).toBe('one digit differs');
		// a code this version does not know (a newer scorer's, or a renamed one) falls back the same way
		expect(deductionText({ ...old, note: { code: 'from_the_future' } })).toBe(old.message);
		expect(deductionText({ ...old, note: { code: 'field_inaccurate', params: { section: 'customer', field: 'phone', label: 'Phone' }, detail: { code: 'nope' } } })).toBe(old.message);
		expect(fieldDetailText({ detail: 'x', note: { code: 'nope' } })).toBe('x');
	});
});
