import { describe, expect, it } from 'vitest';
import { counterText, describeRequirement, titleOf } from './describe';

const names = {
	courses: [{ slug: 'crm', title: 'Working in the CRM' }],
	scenarios: [{ slug: 'angry', title: 'Angry bill', angryStart: true }],
	programmes: [{ slug: 'l1', title: 'Level 1' }]
};

describe('describeRequirement', () => {
	it('names courses, prerequisites and call requirements by title', () => {
		expect(describeRequirement({ kind: 'course', key: 'k', courseSlug: 'crm', done: 0, required: 1, met: false, redo: false }, names)).toBe(
			'Pass the course “Working in the CRM”'
		);
		expect(describeRequirement({ kind: 'prerequisite', key: 'k', programmeSlug: 'l1', done: 1, required: 1, met: true, redo: false }, names)).toBe(
			'Hold the “Level 1” certificate'
		);
		const requirement = { count: 2, minScore: 80, minRecordAccuracy: null, angryOnly: false, scenarios: ['angry'] };
		expect(
			describeRequirement({ kind: 'calls', key: 'k', requirement, done: 1, required: 2, met: false, redo: true, callIds: [] }, names)
		).toBe('2 calls scoring ≥ 80 in Angry bill');
	});

	it('falls back to the slug of something that no longer exists', () => {
		expect(describeRequirement({ kind: 'course', key: 'k', courseSlug: 'gone', done: 0, required: 1, met: false, redo: false }, names)).toBe(
			'Pass the course “gone”'
		);
	});
});

describe('counterText', () => {
	it('counts with singular and plural units', () => {
		const requirement = { count: 3, minScore: 75, minRecordAccuracy: null, angryOnly: false, scenarios: [] };
		expect(counterText({ kind: 'calls', key: 'k', requirement, done: 2, required: 3, met: false, redo: false, callIds: [] })).toBe('2 of 3 calls');
		expect(counterText({ kind: 'course', key: 'k', courseSlug: 'x', done: 0, required: 1, met: false, redo: false })).toBe('0 of 1 course');
	});
});

describe('titleOf', () => {
	it('gives the title of a known slug and the slug itself for one since removed', () => {
		expect(titleOf(names.courses, 'crm')).toBe('Working in the CRM');
		expect(titleOf(names.courses, 'retired-course')).toBe('retired-course');
	});
});
