import { describe, expect, it } from 'vitest';
import { createCohort, createUser, listUsers, visibleTraineeIds, canSeeTrainee, setCohortMembers } from './users';
import { seedDemoUsers } from '../../seed/demo-users';
import { DEMO_USERS } from '../../seed/demo-accounts';

describe('demo seed', () => {
	it('creates one admin, two trainers and six trainees in two cohorts, once', async () => {
		expect(await seedDemoUsers()).toBe(true);
		expect(await seedDemoUsers()).toBe(false);
		const users = listUsers();
		expect(users.filter((u) => u.email.endsWith('@callcraft.demo'))).toHaveLength(DEMO_USERS.length);
		expect(listUsers({ role: 'admin' })).toHaveLength(1);
		expect(listUsers({ role: 'trainer' })).toHaveLength(2);
		const trainees = listUsers({ role: 'trainee' });
		expect(trainees).toHaveLength(6);
		expect(new Set(trainees.map((t) => t.cohortName))).toEqual(new Set(['North team', 'South team']));
	});
});

describe('who sees which trainees', () => {
	it('shows trainers only the trainees of the cohorts they lead', async () => {
		const trainer = await createUser({ email: 'tr@v.test', name: 'Tr', password: 'password-123', roles: ['trainer'] });
		const other = await createUser({ email: 'tr2@v.test', name: 'Tr2', password: 'password-123', roles: ['trainer'] });
		const mine = createCohort('Mine', trainer);
		const theirs = createCohort('Theirs', other);
		const a = await createUser({ email: 'a@v.test', name: 'A', password: 'password-123', roles: ['trainee'], cohortId: mine });
		const b = await createUser({ email: 'b@v.test', name: 'B', password: 'password-123', roles: ['trainee'], cohortId: theirs });
		const asTrainer = { id: trainer, roles: ['trainer' as const] };
		expect(visibleTraineeIds(asTrainer)).toContain(a);
		expect(visibleTraineeIds(asTrainer)).not.toContain(b);
		expect(canSeeTrainee(asTrainer, b)).toBe(false);
		expect(canSeeTrainee({ id: 0, roles: ['admin'] }, b)).toBe(true);
		expect(visibleTraineeIds({ id: a, roles: ['trainee'] })).toEqual([a]);
		setCohortMembers(mine, [a, b]);
		expect(canSeeTrainee(asTrainer, b)).toBe(true);
	});

	it('finds users by part of the name or e-mail, treating % and _ literally', async () => {
		await createUser({ email: 'percent@v.test', name: 'Per Cent', password: 'password-123', roles: ['trainee'] });
		expect(listUsers({ search: 'cent' }).map((u) => u.email)).toContain('percent@v.test');
		expect(listUsers({ search: '%' })).toHaveLength(0);
	});
});
