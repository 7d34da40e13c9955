// Course editing details trainers hit: the Minutes and Pass mark number fields autosave like any other field,
// publishing starter text asks first, and a course can be unpublished without losing trainees' progress.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { createAccount, gotoReady, loginAs } from './fixtures';

async function createCourse(page: Page, slug: string, title: string) {
	await loginAs(page, 'tom', '/trainer/courses');
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Slug').fill(slug);
	await page.getByRole('button', { name: 'Create course' }).click();
	await expect(page).toHaveURL(`/trainer/courses/${slug}`);
}

test('the Minutes and Pass mark fields autosave and keep the preview working', async ({ page }) => {
	const slug = 'e2e-minutes-field';
	await createCourse(page, slug, 'Minutes field (e2e)');

	await gotoReady(page, `/trainer/courses/${slug}/edit/introduction`);
	await page.getByLabel('Minutes').fill('25');
	await expect(page.getByText(/Draft saved/)).toBeVisible();
	await expect(page.getByText(/Invalid input/)).toHaveCount(0);
	await expect(page.getByRole('region', { name: /Preview/ })).toContainText('Write the lesson here.');

	// A cleared number is saved as empty and reported at its line, not refused as a malformed request.
	await page.getByLabel('Minutes').fill('');
	await expect(page.getByText(/Line \d+: .*minutes/i).first()).toBeVisible();
	await expect(page.getByText(/Invalid input/)).toHaveCount(0);
	await page.getByLabel('Minutes').fill('12');
	await expect(page.getByText(/Draft saved/)).toBeVisible();

	await gotoReady(page, `/trainer/courses/${slug}/edit/course`);
	await page.getByLabel('Pass mark (%)').fill('75');
	await page.getByLabel('Minutes').fill('40');
	await expect(page.getByText(/Draft saved/)).toBeVisible();
	await expect(page.getByText(/Invalid input/)).toHaveCount(0);

	// Both values are in the draft after a reload.
	await gotoReady(page, `/trainer/courses/${slug}/edit/course`);
	await expect(page.getByLabel('Pass mark (%)')).toHaveValue('75');
	await expect(page.getByLabel('Minutes')).toHaveValue('40');
	await gotoReady(page, `/trainer/courses/${slug}/edit/introduction`);
	await expect(page.getByLabel('Minutes')).toHaveValue('12');
});

const TRAINEE_FIRST = 'Unpublish-first-2026';
const TRAINEE_PASSWORD = 'Unpublish-e2e-2026';

/** A fresh trainee signed in on `page` (first sign-in sets a new password). */
async function freshTrainee(page: Page, baseURL: string, name: string) {
	const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}@example.test`;
	await createAccount(baseURL, { email, name, password: TRAINEE_FIRST, cohort: 'South team' });
	await gotoReady(page, '/login');
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Password').fill(TRAINEE_FIRST);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByLabel('Current password').fill(TRAINEE_FIRST);
	await page.getByLabel('New password', { exact: true }).fill(TRAINEE_PASSWORD);
	await page.getByLabel('Repeat the new password').fill(TRAINEE_PASSWORD);
	await page.getByRole('button', { name: 'Save new password' }).click();
	await expect(page).not.toHaveURL(/\/account\/password/);
}

test('publishing starter text asks first; unpublishing a course keeps the trainee\'s progress', async ({ page, browser, baseURL }) => {
	test.setTimeout(150_000);
	const slug = 'e2e-unpublish';
	await createCourse(page, slug, 'Unpublish check (e2e)');

	// Starter text: nothing goes live until the trainer confirms.
	await page.getByRole('button', { name: 'Publish version 1' }).click();
	const warning = page.getByTestId('placeholder-warning');
	await expect(warning).toContainText('still has template or placeholder text (3 places)');
	await expect(warning).toContainText('01-introduction.md:7: “Write the lesson here.”');
	await expect(warning).toContainText('course.md:3: “One or two sentences shown in the catalogue.”');
	await expect(page.getByText('Not published yet.').first()).toBeVisible();
	await page.screenshot({ path: 'test-results/screens/publish-warning-1280.png', fullPage: true });
	await warning.getByRole('button', { name: 'Publish anyway' }).click();
	await expect(page.getByText('Version 1 is live.')).toBeVisible();

	// A trainee reads the lesson.
	const traineeContext = await browser.newContext();
	const trainee = await traineeContext.newPage();
	await freshTrainee(trainee, baseURL!, 'Una Published');
	await gotoReady(trainee, `/courses/${slug}/introduction`);
	await trainee.getByRole('button', { name: /Mark as read and finish/ }).click();
	await expect(trainee).toHaveURL(`/courses/${slug}`);
	await expect(trainee.getByText(/· read/).first()).toBeVisible();

	// Unpublish: the trainee no longer sees it.
	await gotoReady(page, `/trainer/courses/${slug}`);
	page.once('dialog', (d) => d.accept());
	await page.getByRole('button', { name: 'Unpublish' }).click();
	await expect(page.getByText(/The course is unpublished/)).toBeVisible();
	await expect(page.getByText(/Unpublished: trainees do not see it \(version 1 was live/)).toBeVisible();
	await gotoReady(trainee, '/courses');
	await expect(trainee.getByRole('link', { name: 'Unpublish check (e2e)' })).toHaveCount(0);
	expect((await trainee.goto(`/courses/${slug}/introduction`))?.status()).toBe(404);

	// Publish again: the same version, with the trainee's progress as it was.
	await page.getByRole('button', { name: 'Publish version 1 again' }).click();
	await expect(page.getByText(/Version 1 is live again/)).toBeVisible();
	await gotoReady(trainee, `/courses/${slug}`);
	await expect(trainee.getByText(/· read/).first()).toBeVisible();
	await traineeContext.close();
});

test('a scenario with starter text asks before publishing, and can be unpublished', async ({ page, browser, baseURL }) => {
	test.setTimeout(120_000);
	const slug = 'e2e-unpublish-call';
	await loginAs(page, 'tom', '/trainer/scenarios');
	await page.getByLabel('Title').fill('Unpublish call (e2e)');
	await page.getByLabel('Slug').fill(slug);
	await page.getByRole('button', { name: 'Create scenario' }).click();
	await expect(page).toHaveURL(`/trainer/scenarios/${slug}`);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });

	await page.getByRole('button', { name: 'Publish v1' }).click();
	const warning = page.getByTestId('placeholder-warning');
	await expect(warning).toContainText(`${slug}.yaml:4: “One or two sentences saying what the trainee has to do on this call.”`);
	await expect(page.getByText('Not published yet: trainees cannot practise it.')).toBeVisible();
	await warning.getByRole('button', { name: 'Publish v1 anyway' }).click();
	await expect(page.getByText('Version 1 is now live for trainees.')).toBeVisible();

	const traineeContext = await browser.newContext();
	const trainee = await traineeContext.newPage();
	await freshTrainee(trainee, baseURL!, 'Sid Scenario');
	await gotoReady(trainee, '/calls');
	await expect(trainee.getByRole('button', { name: 'Assessment call: Unpublish call (e2e)' })).toBeVisible();

	page.once('dialog', (d) => d.accept());
	await page.getByRole('button', { name: 'Unpublish' }).click();
	await expect(page.getByText(/Unpublished: trainees can no longer start this scenario/)).toBeVisible();
	await gotoReady(trainee, '/calls');
	await expect(trainee.getByRole('button', { name: 'Assessment call: Unpublish call (e2e)' })).toHaveCount(0);
	await traineeContext.close();
});
