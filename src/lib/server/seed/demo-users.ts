// The demo organisation: one admin, two trainers, six trainees in two cohorts. Logins are printed at start.
import { createCohort, createUser, findUserByEmail } from '../db/queries/users';
import { runSeedOnce } from './run-once';
import { DEMO_COHORTS, DEMO_USERS } from './demo-accounts';

export { DEMO_USERS, demoUser } from './demo-accounts';

export async function seedDemoUsers(): Promise<boolean> {
	return runSeedOnce('demo-users', async () => {
		const ids = new Map<string, number>();
		for (const u of DEMO_USERS.filter((d) => !d.cohort)) {
			ids.set(u.key, findUserByEmail(u.email)?.id ?? (await createUser(u)));
		}
		const cohortIds = new Map<string, number>();
		for (const c of DEMO_COHORTS) cohortIds.set(c.name, createCohort(c.name, ids.get(c.trainer) ?? null));
		for (const u of DEMO_USERS.filter((d) => d.cohort)) {
			if (!findUserByEmail(u.email)) await createUser({ ...u, cohortId: cohortIds.get(u.cohort!) });
		}
	});
}

export function demoLoginsText(): string {
	const lines = DEMO_USERS.map((u) => `  ${u.roles.join('+').padEnd(8)} ${u.email.padEnd(24)} ${u.password}${u.cohort ? `   (${u.cohort})` : ''}`);
	return ['Demo logins (role, e-mail, password):', ...lines].join('\n');
}
