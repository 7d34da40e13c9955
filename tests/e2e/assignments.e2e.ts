// Assignments journey: priya assigns a mock-call scenario with a due date to one new North trainee (a past date is
// refused naming the field), the trainee sees it in "To do", completes the call, and the cohort matrix and its CSV
// show it done. Another trainer's cohort is 403. Uses its own trainee; demo trainees are only shown, never changed.
import { expect, test, type Page } from '@playwright/test';
import { createAccount, gotoReady, loginAs, loginRequest } from './fixtures';

const RUN = Date.now().toString(36);
const TRAINEE = { email: `assign-${RUN}@callcraft.test`, name: `Asha Assigned ${RUN}`, password: 'Assign-first-2026', next: 'Assign-trainee-2026' };
const SCENARIO = 'Upgrade enquiry for full fibre';
const shots = 'test-results/assignments';

function day(offsetDays: number): string {
	return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function signInAsNewTrainee(page: Page) {
	await gotoReady(page, '/login');
	await page.getByLabel('E-mail').fill(TRAINEE.email);
	await page.getByLabel('Password').fill(TRAINEE.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(/\/account\/password/);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByLabel('Current password').fill(TRAINEE.password);
	await page.getByLabel('New password', { exact: true }).fill(TRAINEE.next);
	await page.getByLabel('Repeat the new password').fill(TRAINEE.next);
	await page.getByRole('button', { name: 'Save new password' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/account/password'));
}

async function northCohortUrl(page: Page): Promise<string> {
	await gotoReady(page, '/trainer/assignments');
	const link = page.getByTestId('assignment-cohorts').getByRole('link', { name: 'North team' });
	return (await link.getAttribute('href'))!;
}

test.describe.configure({ mode: 'serial' });

let cohortUrl = '';

test('a trainer assigns a scenario with a due date; the trainee sees it, completes it, and the matrix updates', async ({ page, baseURL }) => {
	test.setTimeout(120_000);
	await createAccount(baseURL!, { ...TRAINEE, cohort: 'North team' });

	await loginAs(page, 'priya');
	cohortUrl = await northCohortUrl(page);
	await gotoReady(page, cohortUrl);
	await expect(page.getByRole('heading', { name: 'North team: assignments' })).toBeVisible();

	// A due date in the past is refused with the field named, and what was typed stays.
	const form = page.locator('form[action="?/create"]');
	await form.getByLabel('What').selectOption({ label: SCENARIO });
	await form.getByLabel('Purpose').selectOption('practice');
	await form.getByLabel('Number of calls').fill('1');
	await form.getByLabel('Minimum score').fill('0');
	await form.getByLabel(TRAINEE.name).check();
	await form.getByLabel('Due date').fill(day(-1));
	await form.getByRole('button', { name: 'Assign' }).click();
	await expect(form.locator('#f-dueDate-error')).toHaveText('The due date is in the past: choose today or a later day.');
	await expect(form.getByLabel(TRAINEE.name)).toBeChecked();
	await expect(form.getByLabel('What')).toHaveValue('scenario:sales-enquiry');

	await form.getByLabel('Due date').fill(day(7));
	await form.getByRole('button', { name: 'Assign' }).click();
	await expect(page.getByRole('status')).toContainText(`Assigned “${SCENARIO}” to 1 trainee, due ${day(7)}.`);
	const column = page.getByTestId('assignment-matrix').locator('thead th').filter({ hasText: `Practice: 1 call of “${SCENARIO}”` }).last();
	await expect(column.getByTestId('done-counter')).toHaveText('0 of 1 trainee done');
	const cell = page.locator(`td[data-trainee="${TRAINEE.name}"]`).last();
	await expect(cell.locator('[data-status]')).toHaveText('Not started');
	await page.context().clearCookies();

	// The trainee's home page lists it under "To do" with its due date, linking to the scenario.
	await signInAsNewTrainee(page);
	await gotoReady(page, '/');
	const todo = page.getByTestId('todo-list');
	await expect(todo).toContainText(`Practice: 1 call of “${SCENARIO}”`);
	await expect(todo).toContainText(`due ${day(7)} · 7 days left`);
	await expect(todo).toContainText('0 of 1 call');
	await page.setViewportSize({ width: 375, height: 800 });
	await page.screenshot({ path: `${shots}/trainee-todo-375.png`, fullPage: true });
	await page.setViewportSize({ width: 1280, height: 800 });
	await todo.getByRole('link', { name: /Practice: 1 call/ }).click();
	await expect(page).toHaveURL(/\/calls#scenario-sales-enquiry$/);

	// A short call: answer, one line, hang up, finish the after-call work.
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByRole('button', { name: `Practice call: ${SCENARIO}` }).click();
	await expect(page).toHaveURL(/\/calls\/[0-9a-f-]{36}$/);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByRole('button', { name: /Answer call/ }).click();
	await expect(page.getByTestId('call-state')).toHaveText('On call');
	const box = page.getByLabel('Your answer');
	await box.fill('Good morning, thank you for calling. How can I help?');
	await box.press('Enter');
	await expect(page.locator('[data-speaker="trainee"]').last()).toContainText('Good morning');
	await page.getByRole('button', { name: 'End call' }).click();
	await page.getByRole('button', { name: 'Finish without e-mail' }).click();
	await expect(page).toHaveURL(/\/calls\/[0-9a-f-]{36}\/result$/);

	await gotoReady(page, '/');
	await expect(page.getByText('Everything assigned to you is done.')).toBeVisible();
	await page.getByText('Done (1)').click();
	await expect(page.locator('#todo')).toContainText('1 of 1 call');
	await page.context().clearCookies();

	// Back to the trainer: the matrix counts the trainee done; the CSV says so too.
	await loginAs(page, 'priya');
	await gotoReady(page, cohortUrl);
	await expect(cell.locator('[data-status]')).toHaveText('Done');
	await expect(column.getByTestId('done-counter')).toHaveText('1 of 1 trainee done');
	await page.screenshot({ path: `${shots}/matrix-1280.png`, fullPage: true });
	await page.setViewportSize({ width: 375, height: 800 });
	await page.screenshot({ path: `${shots}/matrix-375.png`, fullPage: true });
	const csv = await (await page.request.get(`${cohortUrl}/export`)).text();
	expect(csv).toContain(`North team,${TRAINEE.name},${TRAINEE.email},Practice: 1 call of “${SCENARIO}”,Mock-call scenario,${day(7)},Done,1 of 1 call`);
});

test('a trainer cannot see or assign to another trainer’s cohort (403); trainees get 403', async ({ playwright, baseURL }) => {
	const html = { origin: baseURL!, accept: 'text/html' };
	const tom = await playwright.request.newContext({ baseURL });
	await loginRequest(tom, 'tom', baseURL!);
	expect((await tom.get(cohortUrl)).status()).toBe(403);
	expect((await tom.get(`${cohortUrl}/export`)).status()).toBe(403);
	const post = await tom.post(`${cohortUrl}?/create`, {
		form: { target: 'scenario:sales-enquiry', dueDate: day(3), mode: 'practice', minScore: '0', callCount: '1' },
		headers: html,
		maxRedirects: 0
	});
	expect(post.status()).toBe(403);
	await tom.dispose();
	const fay = await playwright.request.newContext({ baseURL });
	await loginRequest(fay, 'fay', baseURL!);
	expect((await fay.get(cohortUrl)).status()).toBe(403);
	expect((await fay.post(`${cohortUrl}?/create`, { form: { target: 'course:working-in-the-crm', dueDate: day(3) }, headers: html, maxRedirects: 0 })).status()).toBe(403);
	await fay.dispose();

	const admin = await playwright.request.newContext({ baseURL });
	await loginRequest(admin, 'admin', baseURL!);
	expect((await admin.get(cohortUrl)).status()).toBe(200);
	// A past due date as the admin: 400 naming the field.
	const past = await admin.post(`${cohortUrl}?/create`, {
		form: { target: 'course:working-in-the-crm', dueDate: day(-3) },
		headers: html,
		maxRedirects: 0
	});
	expect(past.status()).toBe(400);
	expect(await past.text()).toContain('The due date is in the past');
	await admin.dispose();
});
