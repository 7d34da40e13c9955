// Course editing details trainers hit: the Minutes and Pass mark number fields autosave like any other field,
// publishing starter text asks first, and a course can be unpublished without losing trainees' progress.
import { expect, test } from '@playwright/test';
import { gotoReady, loginAs } from './fixtures';

async function createCourse(page: import('@playwright/test').Page, slug: string, title: string) {
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
