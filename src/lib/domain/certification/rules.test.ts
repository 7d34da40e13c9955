import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '../../paraglide/runtime';
import {
	describeCallRequirement,
	orderByPhases,
	validateProgramme,
	type ProgrammeDefinition,
	type ProgrammeRules,
	type RuleCatalogue
} from './rules';

const catalogue: RuleCatalogue = {
	courses: [
		{ slug: 'crm-basics', title: 'CRM basics' },
		{ slug: 'etiquette', title: 'Telephone etiquette' }
	],
	scenarios: [
		{ slug: 'address-change', title: 'Address change', angryStart: false },
		{ slug: 'angry-billing', title: 'Angry billing dispute', angryStart: true }
	],
	programmes: [
		{ slug: 'level-1', title: 'Level 1', prerequisites: [] },
		{ slug: 'deesc', title: 'De-escalation', prerequisites: ['level-1'] }
	]
};

const def = (rules: Partial<ProgrammeRules> = {}, slug = 'new-programme'): ProgrammeDefinition => ({
	slug,
	title: 'New programme',
	rules: {
		courses: ['crm-basics'],
		calls: [{ count: 3, minScore: 75, minRecordAccuracy: 80, angryOnly: false, scenarios: [] }],
		prerequisites: [],
		validityMonths: 12,
		recertify: { courses: [], calls: true },
		...rules
	}
});
const call = { count: 1, minScore: 75, minRecordAccuracy: null, angryOnly: false, scenarios: [] as string[] };

describe('validateProgramme', () => {
	it('accepts a sensible programme', () => {
		expect(validateProgramme(def(), catalogue)).toEqual([]);
	});

	it.each([
		['an unknown course', def({ courses: ['crm-basic'] }), 'courses.0', /Course "crm-basic" does not exist/],
		['a course listed twice', def({ courses: ['etiquette', 'etiquette'] }), 'courses.1', /listed twice/],
		['nothing required', def({ courses: [], calls: [], recertify: { courses: [], calls: false } }), 'courses', /at least one course or one call/],
		['a score threshold above 100', def({ calls: [{ ...call, minScore: 120 }] }), 'calls.0.minScore', /120 can never be met: scores go up to 100/],
		['a negative score threshold', def({ calls: [{ ...call, minScore: -1 }] }), 'calls.0.minScore', /between 0 and 100/],
		['record accuracy above 100', def({ calls: [{ ...call, minRecordAccuracy: 101 }] }), 'calls.0.minRecordAccuracy', /101 can never be met/],
		['zero calls', def({ calls: [{ ...call, count: 0 }] }), 'calls.0.count', /at least 1/],
		['a fractional call count', def({ calls: [{ ...call, count: 1.5 }] }), 'calls.0.count', /whole number/],
		['an unknown scenario', def({ calls: [{ ...call, scenarios: ['nope'] }] }), 'calls.0.scenarios', /Scenario "nope" does not exist/],
		['angry-only among calm scenarios', def({ calls: [{ ...call, angryOnly: true, scenarios: ['address-change'] }] }), 'calls.0.angryOnly', /None of the chosen scenarios/],
		['zero months validity', def({ validityMonths: 0 }), 'validityMonths', /1 to 120/],
		['redoing a course that is not required', def({ recertify: { courses: ['etiquette'], calls: false } }), 'recertify.courses.0', /"etiquette" is not required/],
		['redoing calls when none are required', def({ calls: [], recertify: { courses: [], calls: true } }), 'recertify.calls', /requires none/],
		['an unknown prerequisite', def({ prerequisites: ['level-9'] }), 'prerequisites.0', /"level-9" does not exist/],
		['requiring itself', def({ prerequisites: ['new-programme'] }), 'prerequisites.0', /cannot require itself/],
		['a bad slug', { ...def(), slug: 'Level 1!' }, 'slug', /lowercase letters/],
		['an empty title', { ...def(), title: '  ' }, 'title', /title/]
	])('refuses %s', (_name, programme, path, message) => {
		const problems = validateProgramme(programme, catalogue);
		expect(problems).toContainEqual({ path, message: expect.stringMatching(message) });
	});

	it('refuses angry-only calls when no angry scenario exists at all', () => {
		const calm = { ...catalogue, scenarios: catalogue.scenarios.filter((s) => !s.angryStart) };
		const problems = validateProgramme(def({ calls: [{ ...call, angryOnly: true }] }), calm);
		expect(problems.map((p) => p.message)).toEqual(['There is no angry-caller scenario yet, so this rule could never be met.']);
	});

	it('refuses a phase cycle and names the programmes in it', () => {
		// Editing level-1 to require deesc, which already requires level-1.
		const problems = validateProgramme(def({ prerequisites: ['deesc'] }, 'level-1'), catalogue);
		expect(problems).toEqual([
			{
				path: 'prerequisites',
				message: 'These phases require each other in a circle, so none could ever be earned: New programme → De-escalation → New programme.'
			}
		]);
	});

	it('accepts a longer chain of phases without a cycle', () => {
		expect(validateProgramme(def({ prerequisites: ['deesc'] }), catalogue)).toEqual([]);
	});
});

describe('orderByPhases', () => {
	const p = (slug: string, prerequisites: string[]) => ({ slug, rules: { prerequisites } });
	it('puts prerequisites first', () => {
		expect(orderByPhases([p('c', ['b']), p('b', ['a']), p('a', [])]).map((x) => x.slug)).toEqual(['a', 'b', 'c']);
	});
	it('drops programmes in or behind a cycle', () => {
		expect(orderByPhases([p('x', ['y']), p('y', ['x']), p('z', ['x']), p('ok', [])]).map((x) => x.slug)).toEqual(['ok']);
	});
	it('ignores prerequisites that no longer exist', () => {
		expect(orderByPhases([p('a', ['gone'])]).map((x) => x.slug)).toEqual(['a']);
	});
});

describe('describeCallRequirement', () => {
	it.each([
		[{ count: 3, minScore: 75, minRecordAccuracy: 80, angryOnly: false, scenarios: [] }, '3 calls scoring ≥ 75 with record accuracy ≥ 80'],
		[{ count: 1, minScore: 70, minRecordAccuracy: null, angryOnly: true, scenarios: [] }, '1 angry-caller call scoring ≥ 70'],
		[{ count: 2, minScore: 60, minRecordAccuracy: null, angryOnly: false, scenarios: ['a', 'b'] }, '2 calls scoring ≥ 60 in A or B']
	])('describes %o', (req, text) => {
		expect(describeCallRequirement(req, (s) => s.toUpperCase())).toBe(text);
	});
});

describe('validateProgramme in Bengali', () => {
	const english = getLocale;
	afterEach(() => overwriteGetLocale(english));
	it('says why a rule could never be met in Bengali, with Bengali digits', () => {
		overwriteGetLocale(() => 'bn');
		const problems = validateProgramme(
			def({
				courses: ['crm-basics', 'nope'],
				calls: [{ count: 60, minScore: 150, minRecordAccuracy: -1, angryOnly: true, scenarios: ['address-change'] }],
				validityMonths: 0,
				prerequisites: ['new-programme']
			}),
			catalogue
		);
		expect(Object.fromEntries(problems.map((p) => [p.path, p.message]))).toEqual({
			'courses.1': '“nope” কোর্সটি নেই, তাই এই শর্ত কখনো পূরণ হবে না।',
			'calls.0.count': 'সর্বোচ্চ ৫০টি কল চাইতে পারেন।',
			'calls.0.minScore': 'ন্যূনতম কল স্কোর ১৫০ কখনো পূরণ হবে না: স্কোর সর্বোচ্চ ১০০ পর্যন্ত হয়।',
			'calls.0.minRecordAccuracy': 'ন্যূনতম রেকর্ড নির্ভুলতা ০ থেকে ১০০-এর মধ্যে হতে হবে।',
			'calls.0.angryOnly': 'বেছে নেওয়া কোনো সিনারিওই রাগী কলার দিয়ে শুরু হয় না, তাই এই শর্ত কখনো পূরণ হবে না।',
			validityMonths: 'মেয়াদ ১ থেকে ১২০ মাসের মধ্যে একটি পূর্ণ সংখ্যা হতে হবে; মেয়াদ না রাখতে ঘরটি খালি রাখুন।',
			'prerequisites.0': 'কোনো প্রোগ্রাম নিজেকেই পূর্বশর্ত করতে পারে না।'
		});
	});
});
