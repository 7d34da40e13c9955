// A trainer creates a scenario, sees a validation error inline with its line, fixes it, plays a dry run
// (caller replies, anger, score), saves a new version and publishes it.
import { expect, test } from '@playwright/test';
import { confirmPlaceholderPublish, gotoReady, loginAs } from './fixtures';

const SLUG = 'e2e-late-delivery';
const shots = process.env.SCREENSHOT_DIR;

test('a trainer authors, dry-runs, saves and publishes a scenario, and unsaved text is kept', async ({ page }) => {
	await loginAs(page, 'tom', '/trainer/scenarios');
	await expect(page.getByRole('heading', { name: 'Scenario editor' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Angry billing dispute' })).toBeVisible();
	if (shots) await page.screenshot({ path: `${shots}/scenarios-list.png`, fullPage: true });

	// A bad slug is refused with the typed values kept.
	await page.getByLabel('Title').fill('Late delivery (e2e)');
	await page.getByLabel('Slug').fill('Late Delivery');
	await page.getByRole('button', { name: 'Create scenario' }).click();
	await expect(page.getByText('Use lowercase words joined by hyphens')).toBeVisible();
	await expect(page.getByLabel('Title')).toHaveValue('Late delivery (e2e)');

	await page.getByLabel('Slug').fill(SLUG);
	await page.getByRole('button', { name: 'Create scenario' }).click();
	await expect(page).toHaveURL(`/trainer/scenarios/${SLUG}`);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await expect(page.getByText('No problems: the scenario is valid.')).toBeVisible();

	// An error shows inline with its line number, and saving is blocked until it is fixed.
	const editor = page.getByLabel('Scenario YAML');
	const starter = await editor.inputValue();
	const broken = starter.replace('to: question', 'to: questoin');
	const badLine = broken.split('\n').findIndex((l) => l.includes('to: questoin')) + 1;
	await editor.fill(broken);
	await expect(page.getByText('goes to the state "questoin", which is not defined under dialogue.states')).toBeVisible();
	await expect(page.getByRole('button', { name: `Line ${badLine}` })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Save as new version' })).toBeDisabled();
	await expect(page.getByText('Fix the problems to run the dry run')).toBeVisible();
	if (shots) await page.screenshot({ path: `${shots}/scenario-editor-error.png`, fullPage: true });

	await editor.fill(starter.replace('title: "Late delivery (e2e)"', 'title: "Late delivery question (e2e)"'));
	await expect(page.getByText('No problems: the scenario is valid.')).toBeVisible();

	// Unsaved text survives a closed tab: another tab of the same browser offers to restore it.
	const draftKey = `callcraft:scenario-draft:${SLUG}`;
	await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), draftKey)).toContain('Late delivery question (e2e)');
	const other = await page.context().newPage();
	await gotoReady(other, `/trainer/scenarios/${SLUG}`);
	await other.getByRole('button', { name: 'Restore them' }).click();
	await expect(other.getByLabel('Scenario YAML')).toHaveValue(/Late delivery question \(e2e\)/);
	await other.close();

	// Dry run: the caller answers the greeting, then says goodbye when offered more help.
	const line = page.getByLabel('What the trainee says');
	await line.fill('Good morning, Meridian Energy, my name is Tom. How can I help?');
	await page.getByRole('button', { name: 'Say', exact: true }).click();
	await expect(page.getByText("Hello, I've got a quick question about my account.")).toBeVisible();
	await line.fill('Is there anything else I can help you with?');
	await line.press('Enter');
	await expect(page.getByText("No, that's all, thank you.")).toBeVisible();
	// the caller waits for the agent's goodbye before hanging up
	await expect(page.getByTestId('dry-run-state')).toHaveText('state: goodbye');
	await line.fill('Thank you for calling, have a good day.');
	await line.press('Enter');
	await expect(page.locator('li.customer', { hasText: /Bye\.$/ })).toBeVisible();
	await expect(page.getByTestId('dry-run-state')).toHaveText('reached the end');
	await expect(page.getByTestId('dry-run-total')).toHaveText(/^\d+(\.\d)?$/);

	// Save as version 2 with a note, then publish it.
	await page.getByLabel('Note for this version (optional)').fill('Clearer title');
	await page.getByRole('button', { name: 'Save as new version' }).click();
	await expect(page.getByText('Saved as version 2.')).toBeVisible();
	await expect(page.getByText('Clearer title')).toBeVisible();
	await page.getByRole('button', { name: 'Publish v2' }).click();
	await confirmPlaceholderPublish(page);
	await expect(page.getByText('Version 2 is now live for trainees.')).toBeVisible();
	await expect(page.getByRole('row', { name: /v2 live/ })).toBeVisible();
	if (shots) await page.screenshot({ path: `${shots}/scenario-editor-published.png`, fullPage: true });
});

test('the dry run shows an angry caller getting angrier at "calm down"', async ({ page }) => {
	await loginAs(page, 'tom', '/trainer/scenarios');
	await gotoReady(page, '/trainer/scenarios/angry-billing-dispute');
	await expect(page.getByTestId('dry-run-anger')).toHaveText('0.80');
	const line = page.getByLabel('What the trainee says');
	await line.fill('Hello, Meridian Energy.');
	await line.press('Enter');
	await expect(page.getByText(/I've just opened my bill/)).toBeVisible();
	await line.fill('Please calm down.');
	await line.press('Enter');
	await expect(page.getByText("Don't tell me to calm down. You'd be angry too.")).toBeVisible();
	await expect(page.getByTestId('dry-run-anger')).toHaveText('1.00');
	await page.setViewportSize({ width: 375, height: 800 });
	if (shots) await page.screenshot({ path: `${shots}/scenario-dry-run-375.png`, fullPage: true });
});

test.describe('in a browser far from UTC', () => {
	test.use({ timezoneId: 'Pacific/Auckland' });

	test('version times read the same as the server wrote them (UTC), after hydration too', async ({ page }) => {
		await loginAs(page, 'tom', '/trainer/scenarios');
		await gotoReady(page, '/trainer/scenarios/angry-billing-dispute');
		const saved = page.getByRole('row', { name: /v1/ }).getByRole('cell').nth(1);
		await expect(saved).toHaveText(/^\d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC$/);
	});
});
