// Monthly cohort targets: the trainer sets them on the cohort page; the page and the trainer home show this month's
// counters and the trend; a number out of range is refused with the field named and the typed values kept.
import { expect, test } from '@playwright/test';
import { loginAs } from './fixtures';

test('a trainer sets monthly targets for a cohort and sees the counters and the trend', async ({ page }) => {
	await loginAs(page, 'tom', '/trainer/assignments');
	await page.getByRole('link', { name: /South team/ }).first().click();
	await expect(page).toHaveURL(/\/trainer\/assignments\/\d+$/);
	const section = page.getByRole('region', { name: 'Monthly targets' });
	const month = new Date().toISOString().slice(0, 7);

	// Out of range: refused, the field named, what was typed kept.
	await section.getByLabel('Assessment calls completed').fill('12');
	await section.getByLabel('Average record accuracy (%)').fill('120');
	await section.getByRole('button', { name: 'Save targets' }).click();
	await expect(section.locator('.field-error')).toContainText('Average record accuracy must be a whole number from 0 to 100');
	await expect(section.getByLabel('Assessment calls completed')).toHaveValue('12');

	await section.getByLabel('Average record accuracy (%)').fill('80');
	await section.getByLabel('Trainees holding a certificate').fill('3');
	await section.getByRole('button', { name: 'Save targets' }).click();
	await expect(section.getByRole('status')).toHaveText(`Targets for ${month} saved.`);
	const counters = section.getByTestId('target-counters');
	await expect(counters).toContainText(/\d+ of 12 assessment calls completed/);
	await expect(counters).toContainText(/Average record accuracy .* of 80/);
	await expect(counters).toContainText(/\d+ of 3 trainees hold a certificate/);
	const trend = section.getByRole('table');
	await expect(trend.getByRole('row')).toHaveCount(7); // header + 6 months
	await expect(trend.getByRole('row', { name: new RegExp(month) })).toContainText('/ 12');
	await page.screenshot({ path: 'test-results/targets/cohort-1280.png', fullPage: true });
	await page.setViewportSize({ width: 375, height: 800 });
	await section.screenshot({ path: 'test-results/targets/cohort-375.png' });
	await page.setViewportSize({ width: 1280, height: 900 });

	// The trainer home shows the same counters for the cohort.
	await page.goto('/');
	const home = page.getByRole('group', { name: 'Monthly targets of South team' });
	await expect(home.getByTestId('target-counters')).toContainText(/of 12 assessment calls completed/);
});
