// The starting point the retraining tests share, in a test's own temporary database: the shipped courses and scenarios
// imported 30 days before T0 (so their versions are older than any republish a test makes), an admin, and trainer
// Tess with her cohort "Blue team". E-mail is queued but never sent (SMTP points at a closed port), so a test can
// read the outbox. Imported by test files only.
import { afterAll, beforeAll } from 'vitest';
import { createCohort, createUser } from '$lib/server/db/queries/users';
import { importContentCourses } from '$lib/server/courses/catalogue';
import { importContentScenarios } from '$lib/server/scenarios/versions';
import type { SessionUser } from '$lib/server/auth/session';

export const T0 = new Date('2026-06-01T09:00:00Z');
export const DAY = 86_400_000;
/** T0 shifted by a number of days. */
export const at = (days: number) => new Date(T0.getTime() + days * DAY);
export const PASSWORD = 'x-password-1';

export async function retrainingWorld() {
	beforeAll(() => {
		process.env.SMTP_URL = 'smtp://127.0.0.1:1';
	});
	afterAll(() => {
		delete process.env.SMTP_URL;
	});
	importContentCourses(undefined, at(-30));
	importContentScenarios(undefined, at(-30));
	const adminId = await createUser({ email: 'ad@example.test', name: 'Ada Admin', password: PASSWORD, roles: ['admin'] });
	const admin: SessionUser = { id: adminId, email: 'ad@example.test', name: 'Ada Admin', roles: ['admin'], mustChangePassword: false, cohortId: null };
	const tess = await createUser({ email: 'tess@example.test', name: 'Tess Trainer', password: PASSWORD, roles: ['trainer'] });
	const blue = createCohort('Blue team', tess);
	return { adminId, admin, tess, blue };
}
