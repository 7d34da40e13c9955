// Every expected record value must be derivable from what the trainee can know (issue #16): what the caller says,
// what the screen shows (the caller's profile and history, the knowledge base, the scenario's summary, the call date
// shown as today in the CRM) and the picklists. A value only the scenario file knows fails here.
import { describe, expect, it } from 'vitest';
import { INTERACTION_CATEGORIES, INTERACTION_CHANNELS, INTERACTION_STATUSES, TICKET_PRIORITIES, TICKET_TEAMS } from '../../src/lib/domain/crm';
import type { Scenario } from '../../src/lib/schemas/scenario';
import { compileScenario } from '../../src/lib/domain/call/compiled-scenario';
import { findPhrase } from '../../src/lib/domain/call/text-match';
import { loadCrmContent } from '../../src/lib/server/calls/crm-content';
import { loadScenarios } from '../../src/lib/server/content/scenarios';
import { latinDigits } from '../../src/lib/domain/bengali';

const scenarios = loadScenarios().map((f) => f.scenario);
const { kb } = loadCrmContent();
const kbText = kb.map((a) => `${a.title}. ${a.summary}. ${a.html.replace(/<[^>]+>/g, ' ')}`).join('\n');

const DIGIT_WORDS: Record<string, string> = { zero: '0', oh: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9' };
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Spoken forms as a person would type them: "four five one zero two" → 45102, "g dot p at x dot org" → g.p@x.org. */
function typedForm(text: string): string {
	let out = text.toLowerCase().replace(/\s+dot\s+/g, '.').replace(/\s+hyphen\s+/g, '-').replace(/(\S)\s+at\s+(\S+\.\S)/g, '$1@$2');
	out = out.replace(/\b(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\b[\s,]*){3,}/g, (run) =>
		run.trim().split(/[\s,]+/).map((w) => DIGIT_WORDS[w]).join('') + ' '
	);
	ORDINALS.forEach((word, i) => (out = out.replace(new RegExp(`\\b${word}\\b`, 'g'), `${i + 1}th`)));
	out = out.replace(/\btwenty-(\d)th\b/g, (_m, d) => `2${d}th`);
	return out;
}

function callerLines(s: Scenario): string[] {
	const states = Object.values(s.dialogue.states);
	return [
		...states.flatMap((st) => [...st.say, ...(st.fallback ?? []), ...st.on.flatMap((t) => t.say ?? [])]),
		...s.dialogue.anyState.flatMap((t) => t.say ?? []),
		...Object.values(s.dialogue.lines).flat()
	];
}

/** Everything the trainee can read or hear on this call. */
function visibleText(s: Scenario): string {
	const c = s.caller;
	const profile = [
		c.firstName, c.surname, c.title ?? '', c.phone, c.email, c.address, c.postcode ?? '', c.account.id, c.account.product,
		...Object.entries(c.account.details).map(([k, v]) => `${k}: ${v}`),
		...c.history.map((h) => h.summary)
	];
	return typedForm([s.summary, s.company, ...callerLines(s), ...profile, kbText].join('\n'));
}

const words = (text: string) => text.toLowerCase().split(/[^a-z0-9@.+-]+/).map((w) => w.replace(/^[.-]+|[.-]+$/g, '')).filter(Boolean);
const digitsOf = (text: string) => text.replace(/\D/g, '');

function valueIsVisible(value: string, visible: string): boolean {
	const v = value.toLowerCase();
	if (/@/.test(v)) return visible.includes(v);
	if (/^[+\d][\d\s-]{6,}$/.test(v)) return digitsOf(visible.replace(/[^\d\n ]/g, ' ')).includes(digitsOf(v).slice(-9)) || visible.replace(/\s/g, '').includes(digitsOf(v));
	const have = new Set(words(visible));
	return words(v).every((w) => have.has(w));
}

const addDays = (iso: string, n: number) => {
	const d = new Date(`${iso}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
};
function addWorkingDays(iso: string, n: number): string {
	let d = iso;
	for (let left = n; left > 0; ) {
		d = addDays(d, 1);
		const day = new Date(`${d}T00:00:00Z`).getUTCDay();
		if (day !== 0 && day !== 6) left -= 1;
	}
	return d;
}

/** Dates a trainee can work out from the call date and what is said or written. */
function derivableDates(s: Scenario, visible: string): Set<string> {
	const out = new Set<string>();
	const numbers: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, seven: 7, ten: 10 };
	for (const m of visible.matchAll(/\b(\d+|one|two|three|four|five|seven|ten) working days?\b/g)) {
		out.add(addWorkingDays(s.callDate, numbers[m[1]] ?? Number(m[1])));
	}
	for (const m of visible.matchAll(/\b(\d+) hours\b/g)) out.add(addWorkingDays(s.callDate, Math.ceil(Number(m[1]) / 24)));
	if (/\ba week\b/.test(visible)) out.add(addDays(s.callDate, 7));
	const today = new Date(`${s.callDate}T00:00:00Z`).getUTCDay();
	WEEKDAYS.forEach((name, day) => {
		if (!new RegExp(`\\b${name}\\b`).test(visible)) return;
		const ahead = ((day - today + 7) % 7) || 7;
		out.add(addDays(s.callDate, ahead));
		if (new RegExp(`\\b${name} next week\\b`).test(visible)) out.add(addDays(s.callDate, ahead + (ahead < 7 ? 7 : 0)));
	});
	for (const m of visible.matchAll(/\b(\d{1,2})th\b/g)) {
		for (let n = 0; n <= 45; n++) if (Number(addDays(s.callDate, n).slice(8)) === Number(m[1])) out.add(addDays(s.callDate, n));
	}
	return out;
}

function derivableTimes(visible: string): Set<string> {
	const out = new Set<string>();
	const hours: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };
	const add = (h: number, m: number) => {
		for (const hh of [h, h + 12]) if (hh < 24) out.add(`${String(hh).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
	};
	for (const m of visible.matchAll(/\b(half|quarter) past (\w+)\b/g)) if (hours[m[2]]) add(hours[m[2]], m[1] === 'half' ? 30 : 15);
	for (const m of visible.matchAll(/\b(\w+) o'?clock\b/g)) if (hours[m[1]]) add(hours[m[1]], 0);
	for (const m of latinDigits(visible).matchAll(/\b(\d{1,2})[:.](\d{2})\b/g)) add(Number(m[1]) % 12, Number(m[2]));
	// Bengali clock words: "সাড়ে এগারোটা" 11:30, "সোয়া তিনটা" 3:15, "পৌনে পাঁচটা" 4:45, "দশটায়" 10:00, "দেড়টা", "আড়াইটা"
	const bn = visible.normalize('NFKD');
	const bnHours: [string, number][] = [['এক', 1], ['দুই', 2], ['দু', 2], ['তিন', 3], ['চার', 4], ['পাঁচ', 5], ['ছয়', 6], ['ছ', 6], ['সাত', 7], ['আট', 8], ['নয়', 9], ['দশ', 10], ['এগারো', 11], ['বারো', 12]];
	for (const [word, h] of bnHours) {
		const w = word.normalize('NFKD');
		const at = (prefix: string) => new RegExp(`${prefix.normalize('NFKD')}\\s*${w}\\s*টা`, 'u').test(bn);
		if (at('সাড়ে ')) add(h, 30);
		if (at('সোয়া ')) add(h, 15);
		if (at('পৌনে ')) add(h === 1 ? 12 : h - 1, 45);
		if (new RegExp(`(^|[\\s,।])${w}টা`, 'u').test(bn)) add(h, 0);
	}
	if (bn.includes('দেড়টা'.normalize('NFKD'))) add(1, 30);
	if (bn.includes('আড়াইটা'.normalize('NFKD'))) add(2, 30);
	return out;
}

function problems(s: Scenario): string[] {
	const visible = visibleText(s);
	const out: string[] = [];
	const vocabulary = compileScenario(s).vocabulary;
	const visibleWords = vocabulary.words(visible);
	const factSupported = (phrases: string[]) => phrases.some((p) => findPhrase(visibleWords, vocabulary.phrase(p)) !== null);
	const check = (ok: boolean, what: string) => ok || out.push(what);
	const { customer, interaction, ticket, appointment, acknowledgement, transferTo } = s.truth;

	for (const [field, value] of Object.entries(customer)) if (value) check(valueIsVisible(value, visible), `customer.${field} "${value}"`);
	check((INTERACTION_CHANNELS as readonly string[]).includes(interaction.channel), 'interaction.channel');
	check((INTERACTION_CATEGORIES as readonly string[]).includes(interaction.category), 'interaction.category');
	check((INTERACTION_STATUSES as readonly string[]).includes(interaction.status), 'interaction.status');
	if (interaction.followUpDate) check(derivableDates(s, visible).has(interaction.followUpDate), `interaction.followUpDate ${interaction.followUpDate}`);
	if (interaction.followUpTime) check(derivableTimes(visible).has(interaction.followUpTime), `interaction.followUpTime ${interaction.followUpTime}`);
	for (const fact of interaction.keyFacts) check(factSupported(fact.phrases), `interaction fact "${fact.label}"`);
	if (ticket) {
		check((TICKET_PRIORITIES as readonly string[]).includes(ticket.priority), 'ticket.priority');
		if (ticket.team) check((TICKET_TEAMS as readonly string[]).includes(ticket.team) && valueIsVisible(ticket.team, visible), `ticket.team "${ticket.team}"`);
		for (const fact of [...ticket.subjectFacts, ...ticket.descriptionFacts]) check(factSupported(fact.phrases), `ticket fact "${fact.label}"`);
	}
	if (appointment) {
		check(derivableDates(s, visible).has(appointment.meetingDate), `appointment.meetingDate ${appointment.meetingDate}`);
		check(derivableTimes(visible).has(appointment.meetingTime), `appointment.meetingTime ${appointment.meetingTime}`);
		for (const field of ['clientTitle', 'firstName', 'surname', 'phone', 'email'] as const) {
			check(valueIsVisible(appointment[field], visible), `appointment.${field} "${appointment[field]}"`);
		}
		for (const fact of appointment.subjectFacts) check(factSupported(fact.phrases), `appointment fact "${fact.label}"`);
	}
	if (acknowledgement) check(valueIsVisible(acknowledgement.to, visible), `acknowledgement.to "${acknowledgement.to}"`);
	if (transferTo) check(valueIsVisible(transferTo, visible), `transferTo "${transferTo}"`);
	return out;
}

describe('expected record values are derivable from what the trainee hears and sees', () => {
	it.each(scenarios.map((s) => [s.slug, s] as const))('%s', (_slug, scenario) => {
		expect(problems(scenario)).toEqual([]);
	});

	it('catches a value that only the scenario file knows', () => {
		const base = scenarios.find((s) => s.slug === 'angry-billing-dispute')!;
		const bad: Scenario = {
			...base,
			truth: { ...base.truth, interaction: { ...base.truth.interaction, followUpDate: '2026-04-02' } }
		};
		expect(problems(bad)).toEqual(['interaction.followUpDate 2026-04-02']);
	});
});
