import { describe, expect, it } from 'vitest';
import { zodFieldErrors, formIssueMessage } from '$lib/server/http';
import { assignmentFormSchema, parseTarget } from './assignments';

const schema = assignmentFormSchema('2026-06-15');
const errorsOf = (input: Record<string, unknown>) => {
	const r = schema.safeParse(input, { error: formIssueMessage });
	return r.success ? {} : zodFieldErrors(r.error);
};

describe('assignment form', () => {
	it('reads a scenario assignment for some trainees', () => {
		const r = schema.parse({ target: 'scenario:angry-billing-dispute', mode: 'assessment', minScore: '80', callCount: '3', dueDate: '2026-06-20', trainees: ['4', '5'], note: ' Before the audit ' });
		expect(r).toEqual({
			target: { kind: 'scenario', slug: 'angry-billing-dispute' },
			mode: 'assessment',
			minScore: 80,
			callCount: 3,
			dueDate: '2026-06-20',
			trainees: [4, 5],
			note: 'Before the audit'
		});
	});
	it('defaults to practice, one call, any score, the whole cohort', () => {
		expect(schema.parse({ target: 'course:working-in-the-crm', dueDate: '2026-06-15' })).toMatchObject({ mode: 'practice', minScore: 0, callCount: 1, trainees: [], note: '' });
	});
	it('refuses a due date in the past, naming the field', () => {
		expect(errorsOf({ target: 'course:x', dueDate: '2026-06-14' })).toEqual({ dueDate: 'The due date is in the past: choose today or a later day.' });
	});
	it('refuses days that do not exist, missing dates and bad targets', () => {
		expect(errorsOf({ target: 'course:x', dueDate: '2026-02-30' }).dueDate).toBe('This date does not exist.');
		expect(errorsOf({ target: 'course:x' }).dueDate).toBe('Choose a due date.');
		expect(errorsOf({ target: 'video:x', dueDate: '2026-07-01' }).target).toBe('Choose what to assign from the list.');
		expect(errorsOf({ target: 'scenario:x', dueDate: '2026-07-01', minScore: '101' }).minScore).toBe('Scores go up to 100.');
		expect(errorsOf({ target: 'scenario:x', dueDate: '2026-07-01', callCount: '0x10' }).callCount).toMatch(/whole number/);
		expect(errorsOf({ target: 'scenario:x', dueDate: '2026-07-01', trainees: 'abc' }).trainees).toBe('Pick trainees from the list.');
	});
	it('parses kind:slug targets strictly', () => {
		expect(parseTarget('programme:crm-call-handling-level-1')).toEqual({ kind: 'programme', slug: 'crm-call-handling-level-1' });
		expect(parseTarget('course:../etc')).toBeNull();
	});
});
