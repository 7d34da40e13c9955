import { describe, expect, it } from 'vitest';
import { createUserSchema, safeRedirect, cohortMembersSchema } from './auth';

describe('safeRedirect', () => {
	it.each([
		['/courses', '/courses'],
		['/admin/users?q=a', '/admin/users?q=a'],
		['//evil.example', '/'],
		['/\\evil.example', '/'],
		// Browsers drop tabs and line breaks inside URLs, so these would become //evil.example.
		['/\t/evil.example', '/'],
		['/\n/evil.example', '/'],
		['/\r\n/evil.example', '/'],
		['/x\u0000', '/'],
		['https://evil.example', '/'],
		[null, '/'],
		['', '/'],
		// non-ASCII is sent back percent-encoded (a raw one made the Location header throw: a 500 after sign-in)
		['/\u3002x', '/%E3%80%82x'],
		['/courses/caf\u00e9?q=\u00fc', '/courses/caf%C3%A9?q=%C3%BC'],
		['/a/../../b', '/b']
	])('maps %s to %s', (input, expected) => {
		expect(safeRedirect(input)).toBe(expected);
	});
});

describe('user form', () => {
	it('accepts one role or several and turns the cohort into a number', () => {
		const one = createUserSchema.parse({ name: 'A', email: 'A@B.test', roles: 'trainee', cohortId: '2', password: 'long-enough-1' });
		expect(one.roles).toEqual(['trainee']);
		expect(one.cohortId).toBe(2);
		const many = createUserSchema.parse({ name: 'A', email: 'a@b.test', roles: ['trainer', 'admin'], cohortId: '', password: 'long-enough-1' });
		expect(many.roles).toEqual(['trainer', 'admin']);
		expect(many.cohortId).toBeNull();
	});

	it('rejects an unknown role, no role and a short password', () => {
		expect(createUserSchema.safeParse({ name: 'A', email: 'a@b.test', roles: 'root', password: 'long-enough-1' }).success).toBe(false);
		expect(createUserSchema.safeParse({ name: 'A', email: 'a@b.test', password: 'long-enough-1' }).success).toBe(false);
		expect(createUserSchema.safeParse({ name: 'A', email: 'a@b.test', roles: 'trainee', password: 'short' }).success).toBe(false);
	});

	it('reads cohort members as ids', () => {
		expect(cohortMembersSchema.parse({ trainees: ['3', '4'] }).trainees).toEqual([3, 4]);
		expect(cohortMembersSchema.parse({}).trainees).toEqual([]);
		expect(cohortMembersSchema.safeParse({ trainees: 'x' }).success).toBe(false);
	});
});
