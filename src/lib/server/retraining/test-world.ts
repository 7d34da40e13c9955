// The starting point the retraining tests share, in a test's own temporary database: the shipped courses and scenarios
// imported 30 days before T0 (so their versions are older than any republish a test makes), an admin, and trainer
// Tess with her cohort "Blue team". E-mail is queued but never sent (SMTP points at a closed port), so a test can
// read the outbox. Imported by test files only.
import { afterAll, beforeAll } from 'vitest';
import { createCohort, createUser } from '$lib/server/db/queries/users';
import { importContentCourses } from '$lib/server/courses/catalogue';
import { readFileSync } from 'node:fs';
import { importContentScenarios, saveScenarioVersion } from '$lib/server/scenarios/versions';
import { scenarioVersionChanges } from './retraining';
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

/** Saves a new version of the shipped sales-enquiry scenario with one caller line changed (step "plan"); returns the
 * saved version and its changes, not yet published. */
export function saveChangedSalesEnquiry(admin: SessionUser) {
	const yaml = readFileSync('content/scenarios/sales-enquiry.yaml', 'utf8').replace(
		'"That sounds good. Is there a contract? And do I have to pay for installation?"',
		'"That sounds good. Is there a contract, and is there a cooling-off period?"'
	);
	const saved = saveScenarioVersion('sales-enquiry', yaml, admin, 'cooling-off');
	if (!saved.ok) throw new Error('not saved');
	return { version: saved.version, changed: scenarioVersionChanges('sales-enquiry', saved.version.number)! };
}
