import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { createAccount, gotoReady, loginAs } from './fixtures';

test.describe('admin: users and cohorts', () => {
	test('creates a user, who must change the first password, then is deactivated and thrown out at once', async ({ browser }) => {
		const adminCtx = await browser.newContext();
		const admin = await adminCtx.newPage();
		await loginAs(admin, 'admin');
		await gotoReady(admin, '/admin/users/new');
		// Bad input first: errors shown, typed values kept.
		await admin.getByLabel('Full name').fill('Gale Newhire');
		await admin.getByLabel('E-mail').fill('not-an-email');
		await admin.getByRole('button', { name: 'Create user' }).click();
		await expect(admin.getByText('Enter a valid e-mail address.')).toBeVisible();
		await expect(admin.getByLabel('Full name')).toHaveValue('Gale Newhire');

		await admin.getByLabel('E-mail').fill('gale@callcraft.demo');
		await admin.getByLabel('First password').fill('first-password-1');
		await admin.getByLabel('Cohort').selectOption({ label: 'South team' });
		await admin.getByRole('button', { name: 'Create user' }).click();
		await expect(admin.getByRole('heading', { name: 'Gale Newhire' })).toBeVisible();
		await expect(admin.getByText('Must change password')).toBeVisible();

		// Search finds them.
		await admin.goto('/admin/users?q=gale');
		await expect(admin.getByTestId('users-table').getByRole('row')).toHaveCount(2);

		// The new user signs in and is made to choose a new password.
		const userCtx = await browser.newContext();
		const user = await userCtx.newPage();
		await gotoReady(user, '/login');
		await user.getByLabel('E-mail').fill('gale@callcraft.demo');
		await user.getByLabel('Password').fill('first-password-1');
		await user.getByRole('button', { name: 'Sign in' }).click();
		await expect(user).toHaveURL(/\/account\/password\?required=1/);
		await user.goto('/');
		await expect(user).toHaveURL(/\/account\/password/);
		await user.getByLabel('Current password').fill('first-password-1');
		await user.getByLabel('New password', { exact: true }).fill('my-own-password-9');
		await user.getByLabel('Repeat the new password').fill('my-own-password-9');
		await user.getByRole('button', { name: 'Save new password' }).click();
		await expect(user.getByRole('heading', { name: 'Welcome, Gale' })).toBeVisible();

		// Deactivation ends the user's session at once.
		await admin.getByTestId('users-table').getByRole('link', { name: 'Gale Newhire' }).click();
		await admin.getByRole('button', { name: 'Deactivate Gale Newhire' }).click();
		await expect(admin.getByText('is deactivated and signed out everywhere')).toBeVisible();
		await user.reload();
		await expect(user).toHaveURL(/\/login/);
		await user.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await user.getByLabel('E-mail').fill('gale@callcraft.demo');
		await user.getByLabel('Password').fill('my-own-password-9');
		await user.getByRole('button', { name: 'Sign in' }).click();
		await expect(user.getByTestId('form-error')).toBeVisible();

		// Reactivate and reset: the user must change the password again.
		await admin.getByRole('button', { name: 'Reactivate Gale Newhire' }).click();
		// as a person would: the page shows the user active again before the next form is filled in
		await expect(admin.getByRole('button', { name: 'Deactivate Gale Newhire' })).toBeVisible();
		await admin.getByLabel('Temporary password').fill('temporary-pass-2');
		await admin.getByRole('button', { name: 'Reset password' }).click();
		await expect(admin.getByText('must choose a new one')).toBeVisible();
		await adminCtx.close();
		await userCtx.close();
	});

	test('creates a cohort, renames it, assigns a trainer and trainees; the trainer sees only their trainees', async ({ browser, baseURL }) => {
		// A trainee of our own, moved out of priya's North team: the demo trainees belong to other specs.
		const run = Date.now().toString(36);
		const mover = `Evening Mover ${run}`;
		await createAccount(baseURL!, { name: mover, email: `evening-${run}@callcraft.test`, password: 'Evening-first-2026', cohort: 'North team' });
		const adminCtx = await browser.newContext();
		const admin = await adminCtx.newPage();
		await loginAs(admin, 'admin');
		await gotoReady(admin, '/admin/cohorts');
		await admin.getByLabel('Name').fill('North team');
		await admin.getByRole('button', { name: 'Create cohort' }).click();
		await expect(admin.getByText('A cohort with this name exists already.')).toBeVisible();
		await admin.getByLabel('Name').fill('Evening shft');
		await admin.getByRole('button', { name: 'Create cohort' }).click();
		await expect(admin.getByRole('heading', { name: 'Evening shft' })).toBeVisible();

		await admin.getByLabel('Name', { exact: true }).fill('Evening shift');
		await admin.getByLabel('Trainer').selectOption({ label: 'Tom Okafor' });
		await admin.getByRole('button', { name: 'Save', exact: true }).click();
		await expect(admin.getByRole('heading', { name: 'Evening shift' })).toBeVisible();

		// Members are added one at a time from a search (name or e-mail), never from a list of every trainee.
		const members = admin.getByRole('region', { name: 'Members' });
		const finder = admin.getByRole('region', { name: 'Add trainees' });
		await expect(members.getByText('No members yet.')).toBeVisible();
		await finder.getByLabel('Search trainees by name or e-mail').fill(`evening-${run}@`);
		await finder.getByRole('button', { name: 'Search' }).click();
		await admin.waitForURL(/[?&]q=evening-/);
		await expect(finder.getByRole('row')).toHaveCount(2); // header + the one match
		await expect(finder.getByText('North team', { exact: true })).toBeVisible();
		await finder.getByRole('button', { name: `Add ${mover}` }).click();
		await expect(admin.getByRole('status')).toHaveText(`${mover} added to the cohort.`);
		await expect(members.getByRole('cell', { name: new RegExp(`^${mover} evening-`) })).toBeVisible();
		await expect(finder.getByText('No trainee outside this cohort matches.')).toBeVisible();
		await expect(admin.getByRole('heading', { level: 1, name: 'Evening shift' })).toBeVisible();
		await expect(admin.getByText('1 trainee · trainer: Tom Okafor')).toBeVisible();

		const trainerCtx = await browser.newContext();
		const trainer = await trainerCtx.newPage();
		await loginAs(trainer, 'tom');
		await trainer.goto('/trainer/trainees');
		await expect(trainer.getByRole('heading', { name: 'Evening shift' })).toBeVisible();
		await expect(trainer.getByText(mover)).toBeVisible();
		await expect(trainer.getByText('Alex Rivera')).toHaveCount(0); // North team is Priya's

		// Removed again (the search still shows it, now with no cohort): tom no longer sees the trainee.
		await members.getByRole('button', { name: `Remove ${mover}` }).click();
		await expect(admin.getByRole('status')).toHaveText(`${mover} removed from the cohort.`);
		await expect(members.getByText('No members yet.')).toBeVisible();
		await expect(finder.getByRole('button', { name: `Add ${mover}` })).toBeVisible();
		await expect(finder.getByText('No cohort', { exact: true })).toBeVisible();
		await trainer.reload();
		await expect(trainer.getByText(mover)).toHaveCount(0);
		await trainerCtx.close();
		await adminCtx.close();
	});

	test('the audit log filters by action and entity, shows a bad date instead of failing, and exports what it shows', async ({ page, baseURL }) => {
		const run = Date.now().toString(36);
		const email = `audited-${run}@callcraft.test`;
		const id = await createAccount(baseURL!, { name: `Audited Hire ${run}`, email, password: 'Audited-first-2026' });

		await loginAs(page, 'admin');
		await gotoReady(page, '/admin/audit');
		await page.getByLabel('Action').selectOption('user.create');
		await page.getByLabel('Entity id').fill(String(id));
		await page.getByRole('button', { name: 'Filter' }).click();
		await page.waitForURL(/[?&]entityId=/);
		await expect(page.getByText('1 entry', { exact: true })).toBeVisible();
		await expect(page.getByRole('cell', { name: `user #${id}` })).toBeVisible();
		await expect(page.getByRole('cell', { name: new RegExp(email) })).toBeVisible();

		// A date typed into the address is reported at its field; the rows and the export leave it out alike.
		await page.goto(`/admin/audit?action=user.create&entityId=${id}&from=yesterday`);
		await expect(page.getByText('Use a date like 2026-05-31.')).toBeVisible();
		await expect(page.getByText('1 entry', { exact: true })).toBeVisible();
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
		const lines = (await readFile((await download.path())!, 'utf8')).split('\r\n').filter(Boolean);
		expect(lines).toHaveLength(2);
		expect(lines[1]).toContain('user.create');
		expect(lines[1]).toContain(email);

		// Clear goes back to every entry.
		await page.getByRole('link', { name: 'Clear' }).click();
		await expect(page).toHaveURL('/admin/audit');
		await expect(page.getByLabel('Action')).toHaveValue('');
	});
});
