import { describe, expect, it } from 'vitest';
import { courseChanges, lessonsToRetrain, retrainingDueAt, scenarioChanges, soonestRetrainingDays, DEFAULT_RETRAINING_DAYS, changeLabel } from './what-changed';

const lesson = (slug: string, text: string, title = slug) => ({ slug, title, text });

describe('courseChanges', () => {
	it('lists added and changed lessons in the new order, removed ones last, and leaves untouched lessons out', () => {
		const before = [lesson('welcome', 'Hi'), lesson('search', 'Find a record'), lesson('old-tips', 'Tips')];
		const after = [lesson('welcome', 'Hi'), lesson('new-workflow', 'Workflows'), lesson('search', 'Find a record by phone number')];
		expect(courseChanges(before, after)).toEqual([
			{ ref: 'new-workflow', title: 'new-workflow', change: 'added' },
			{ ref: 'search', title: 'search', change: 'changed' },
			{ ref: 'old-tips', title: 'old-tips', change: 'removed' }
		]);
	});
	it('counts a new title or a changed translation as a change, a lesson moved to another place as none', () => {
		const before = [lesson('a', 'A'), lesson('b', 'B', 'Bee'), lesson('c', 'C\n--- bn\nসি')];
		const after = [lesson('c', 'C\n--- bn\nসি (নতুন)'), lesson('a', 'A'), lesson('b', 'B', 'Bees')];
		expect(courseChanges(before, after).map((c) => [c.ref, c.change])).toEqual([
			['c', 'changed'],
			['b', 'changed']
		]);
		expect(courseChanges(before, before)).toEqual([]);
	});
	it('asks to read again what was added or changed, never what was removed', () => {
		const items = courseChanges([lesson('a', '1'), lesson('b', '2')], [lesson('a', '1!'), lesson('c', '3')]);
		expect(lessonsToRetrain(items)).toEqual(['a', 'c']);
	});
});

describe('scenarioChanges', () => {
	const base = {
		title: 'Billing',
		summary: 'An angry caller',
		truth: { customer: { accountId: 'A-1' } },
		dialogue: { opening: 'Hello?', states: { start: { say: ['Hi'] }, verify: { say: ['DOB?'] }, close: { say: ['Bye'] } } }
	};
	it('names changed, added and removed call steps, then changed sections', () => {
		const next = {
			...base,
			truth: { customer: { accountId: 'A-2' } },
			dialogue: { opening: 'Hello?', states: { start: { say: ['Hi'] }, verify: { say: ['Date of birth and postcode?'] }, refund: { say: ['Refund'] } } }
		};
		expect(scenarioChanges(base, next)).toEqual([
			{ ref: 'step:verify', title: 'verify', change: 'changed' },
			{ ref: 'step:refund', title: 'refund', change: 'added' },
			{ ref: 'step:close', title: 'close', change: 'removed' },
			{ ref: 'section:truth', title: 'truth', change: 'changed' }
		]);
	});
	it('reports the opening line as the dialogue settings and ignores the title', () => {
		const next = { ...base, title: 'Billing dispute', dialogue: { ...base.dialogue, opening: 'Hi there?' } };
		expect(scenarioChanges(base, next)).toEqual([{ ref: 'section:dialogue', title: 'dialogue', change: 'changed' }]);
		expect(scenarioChanges(base, { ...base, tips: [{ topic: 'x' }] })).toEqual([{ ref: 'section:tips', title: 'tips', change: 'added' }]);
	});
	it('labels steps and sections for people', () => {
		expect(changeLabel({ ref: 'step:verify_id', title: 'verify_id', change: 'changed' })).toBe('Call step “verify id”');
		expect(changeLabel({ ref: 'section:truth', title: 'truth', change: 'changed' })).toBe('Expected CRM record');
		expect(changeLabel({ ref: 'search', title: 'Searching records', change: 'added' })).toBe('Searching records');
	});
});

describe('due dates', () => {
	it('is due at the end of the day the retraining days end (UTC)', () => {
		expect(retrainingDueAt(new Date('2026-06-01T09:00:00Z'), 14).toISOString()).toBe('2026-06-15T23:59:59.999Z');
		expect(retrainingDueAt(new Date('2026-06-30T23:30:00Z'), 1).toISOString()).toBe('2026-07-01T23:59:59.999Z');
	});
	it('takes the soonest of several programmes, the default without any', () => {
		expect(soonestRetrainingDays([30, 10, 14])).toBe(10);
		expect(soonestRetrainingDays([])).toBe(DEFAULT_RETRAINING_DAYS);
	});
});
