import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '../../paraglide/runtime';
import {
	assignmentStatus,
	byDueDate,
	callCounter,
	daysLeft,
	describeAssignment,
	doneCounter,
	dueAtFromDate,
	type AssignmentTerms
} from './assignments';

const NOW = new Date('2026-06-15T12:00:00Z');
const due = (iso: string) => new Date(iso);
const scenario: AssignmentTerms = { kind: 'scenario', callCount: 5, minScore: 80, dueAt: due('2026-06-20T23:59:59.999Z') };
const course: AssignmentTerms = { kind: 'course', callCount: null, minScore: null, dueAt: due('2026-06-20T23:59:59.999Z') };
const none = { goodCalls: 0, started: false, complete: false };

describe('assignmentStatus', () => {
	it.each([
		['no work before the due date', scenario, none, NOW, 'not-started'],
		['some calls, not enough', scenario, { goodCalls: 3, started: true, complete: false }, NOW, 'in-progress'],
		['a call below the minimum counts as started', scenario, { goodCalls: 0, started: true, complete: false }, NOW, 'in-progress'],
		['enough good calls', scenario, { goodCalls: 5, started: true, complete: false }, NOW, 'done'],
		['more than enough good calls', scenario, { goodCalls: 9, started: true, complete: false }, NOW, 'done'],
		['unfinished after the due date', scenario, { goodCalls: 4, started: true, complete: false }, due('2026-06-21T00:00:00Z'), 'overdue'],
		['done stays done after the due date', scenario, { goodCalls: 5, started: true, complete: false }, due('2026-07-01T00:00:00Z'), 'done'],
		['a passed course', course, { goodCalls: 0, started: true, complete: true }, NOW, 'done'],
		['a course with lessons read', course, { goodCalls: 0, started: true, complete: false }, NOW, 'in-progress'],
		['a course not touched and late', course, none, due('2026-06-22T00:00:00Z'), 'overdue']
	] as const)('%s → %s', (_name, terms, ev, now, expected) => {
		expect(assignmentStatus(terms, ev, now)).toBe(expected);
	});

	it('is due until the last millisecond of the due day', () => {
		expect(assignmentStatus(scenario, none, due('2026-06-20T23:59:59.999Z'))).toBe('not-started');
		expect(assignmentStatus(scenario, none, due('2026-06-21T00:00:00.000Z'))).toBe('overdue');
	});
});

describe('counters and words', () => {
	it('counts good calls against the number asked, capped there', () => {
		expect(callCounter(scenario, { goodCalls: 3, started: true, complete: false })).toBe('3 of 5 calls ≥ 80');
		expect(callCounter(scenario, { goodCalls: 7, started: true, complete: false })).toBe('5 of 5 calls ≥ 80');
		expect(callCounter({ ...scenario, callCount: 1, minScore: 0 }, none)).toBe('0 of 1 call');
		expect(callCounter(course, none)).toBeNull();
	});
	it('says how many trainees are done', () => {
		expect(doneCounter(7, 12)).toBe('7 of 12 trainees done');
		expect(doneCounter(0, 1)).toBe('0 of 1 trainee done');
	});
	it('describes what is asked', () => {
		expect(describeAssignment({ kind: 'scenario', mode: 'assessment', callCount: 3, minScore: 80 }, 'Angry billing')).toBe(
			'Assessment: 3 calls of “Angry billing” scoring 80 or more'
		);
		expect(describeAssignment({ kind: 'scenario', mode: 'practice', callCount: 1, minScore: 0 }, 'Sales')).toBe('Practice: 1 call of “Sales”');
		expect(describeAssignment({ kind: 'course', mode: null, callCount: null, minScore: null }, 'CRM')).toBe('Pass the course “CRM”');
		expect(describeAssignment({ kind: 'programme', mode: null, callCount: null, minScore: null }, 'Level 1')).toBe('Earn the certificate “Level 1”');
		expect(describeAssignment({ kind: 'course', mode: null, callCount: null, minScore: null, reason: 'retraining' }, 'CRM')).toBe(
			'Read the changed lessons of “CRM” again'
		);
	});
	it('makes a typed day due at its end (UTC) and counts whole days left', () => {
		expect(dueAtFromDate('2026-06-20').toISOString()).toBe('2026-06-20T23:59:59.999Z');
		expect(daysLeft(dueAtFromDate('2026-06-20'), NOW)).toBe(5);
		expect(daysLeft(dueAtFromDate('2026-06-15'), NOW)).toBe(0);
		expect(daysLeft(dueAtFromDate('2026-06-14'), NOW)).toBe(-1);
	});
	it('orders unfinished work by due date, finished work last', () => {
		const list = [
			{ id: 1, status: 'done' as const, dueAt: due('2026-06-01T00:00:00Z') },
			{ id: 2, status: 'not-started' as const, dueAt: due('2026-06-30T00:00:00Z') },
			{ id: 3, status: 'overdue' as const, dueAt: due('2026-06-10T00:00:00Z') },
			{ id: 4, status: 'in-progress' as const, dueAt: due('2026-06-18T00:00:00Z') }
		];
		expect([...list].sort(byDueDate).map((t) => t.id)).toEqual([3, 4, 2, 1]);
	});
});

describe('assignment words in Bengali', () => {
	const english = getLocale;
	afterEach(() => overwriteGetLocale(english));
	it('counts and describes in Bengali with Bengali digits', () => {
		overwriteGetLocale(() => 'bn');
		const terms: AssignmentTerms = { kind: 'scenario', callCount: 5, minScore: 80, dueAt: new Date('2026-12-31T23:59:59Z') };
		expect(callCounter(terms, { goodCalls: 3, started: true, complete: false })).toBe('৫টির মধ্যে ৩টি কল ≥ ৮০');
		expect(doneCounter(7, 12)).toBe('১২ জনের মধ্যে ৭ জন শেষ করেছেন');
		expect(describeAssignment({ kind: 'scenario', mode: 'assessment', callCount: 3, minScore: 80 }, 'রাগী গ্রাহক')).toBe(
			'মূল্যায়ন: “রাগী গ্রাহক”-এর ৩টি কল, স্কোর ৮০ বা তার বেশি'
		);
		expect(describeAssignment({ kind: 'course', mode: null, callCount: null, minScore: null }, 'CRM')).toBe('“CRM” কোর্সটি পাস করুন');
	});
});
