// Issue #19 item 7, each with the input that used to be accepted: NUL, U+202E and lone surrogates in names, titles
// and comments (and raw in CSV), unknown CRM field names on the timeline, a score override of "0x10".
import { describe, expect, it } from 'vitest';
import { cohortSchema, createUserSchema } from './auth';
import { programmeFormSchema } from './certification';
import { postEventSchema } from './call-api';
import { decimalText } from './number';
import { displayText, neutraliseText } from './text';
import { overrideSchema, commentSchema } from '$lib/server/calls/review';
import { csvCell } from '$lib/server/csv';
import { z } from 'zod';

const user = { email: 'a@b.example', roles: 'trainee', cohortId: '', password: 'Long-enough-pass-1' };

describe('names, titles and comments', () => {
	it.each([
		['NUL', 'Ann\u0000e'],
		['right-to-left override', 'Ann\u202Eexe.jpg'],
		['a lone surrogate', 'Ann\uD800e'],
		['a line break in a one-line name', 'Ann\ne']
	])('refuses %s in a user name, a cohort name and a programme title', (_what, text) => {
		expect(createUserSchema.safeParse({ ...user, name: text }).success).toBe(false);
		expect(cohortSchema.safeParse({ name: text, trainerId: '' }).success).toBe(false);
		expect(displayText({ min: 1, max: 120 }).safeParse(text).success).toBe(false);
	});

	it('normalises to NFC and keeps ordinary accents, and comments keep their line breaks', () => {
		const parsed = createUserSchema.parse({ ...user, name: '  Zoe\u0301 Müller ' });
		expect(parsed.name).toBe('Zoé Müller');
		expect(parsed.name.length).toBe(10);
		expect(commentSchema.parse({ body: 'Line one\nLine two' }).body).toBe('Line one\nLine two');
		expect(commentSchema.safeParse({ body: 'Bad \u202E one' }).success).toBe(false);
	});

	it('refuses a programme title with an override', () => {
		const issues = programmeFormSchema.safeParse({ slug: 'p', title: 'Level\u202E1', description: '', validityMonths: '', courses: [], prerequisites: [], recertifyCourses: [], recertifyCalls: false, calls: [], revokeNonMatching: false });
		expect(issues.success).toBe(false);
		if (!issues.success) expect(issues.error.issues.some((i) => i.path[0] === 'title')).toBe(true);
	});

	it('the CSV export shows control and bidi characters stored earlier as <U+XXXX>', () => {
		expect(csvCell('Ann\u0000e')).toBe('Ann<U+0000>e');
		expect(csvCell('evil\u202Egpj.exe')).toBe('evil<U+202E>gpj.exe');
		expect(csvCell('lone\uD800')).toBe('lone<U+FFFD>');
		expect(neutraliseText('Zoé')).toBe('Zoé');
		expect(neutraliseText('a\uFFFDb'), 'a replacement character already stored').toBe('a<U+FFFD>b');
		// Every one in a cell, and the same again in the next cell (one shared pattern).
		expect(['x\u0007y\u202Az', 'x\u0007y\u202Az'].map(neutraliseText)).toEqual(['x<U+0007>y<U+202A>z', 'x<U+0007>y<U+202A>z']);
	});
});

describe('numbers are parsed strictly', () => {
	it.each(['0x10', '1e2', '', ' ', 'Infinity', '10abc', '0b1'])('a score override of %j is refused', (score) => {
		expect(overrideSchema.safeParse({ section: 'accuracy', score, reason: 'Because I say so' }).success).toBe(false);
	});

	it('plain decimals are accepted', () => {
		expect(overrideSchema.parse({ section: 'accuracy', score: ' 87.5 ', reason: 'Because I say so' }).score).toBe(87.5);
		expect(decimalText('n').pipe(z.number()).parse('-3')).toBe(-3);
		expect(cohortSchema.safeParse({ name: 'C', trainerId: '0x1' }).success).toBe(false);
	});
});

describe('CRM events name real CRM fields', () => {
	const change = (field: string) => ({ clientId: 'c1', event: { type: 'crm_change', t: 10, section: 'customer', field, value: 'x' } });

	it.each(['__proto__', 'bogusField', 'constructor', 'subject'])('crm_change of customer.%s is refused', (field) => {
		const parsed = postEventSchema.safeParse(change(field));
		expect(parsed.success).toBe(false);
		if (!parsed.success) expect(parsed.error.issues[0].message).toMatch(/not a field/);
	});

	it('crm_change of a real field, and crm_save of real fields, are accepted; a save with a bogus key is not', () => {
		expect(postEventSchema.safeParse(change('surname')).success).toBe(true);
		const save = (record: Record<string, string>) => ({ clientId: 'c2', event: { type: 'crm_save', t: 10, section: 'ticket', record } });
		expect(postEventSchema.safeParse(save({ subject: 'S', team: 'Billing' })).success).toBe(true);
		expect(postEventSchema.safeParse(save({ subject: 'S', bogusField: 'x' })).success).toBe(false);
	});
});
