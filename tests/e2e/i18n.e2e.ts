// Interface language: English by default, Bengali (বাংলা) from the header switch, Accept-Language or the account.
// Uses its own trainee (createAccount) so switching the language never touches the demo accounts other specs use.
import { expect, request, test, type Browser, type Page } from '@playwright/test';
import { createAccount } from './fixtures';

const RUN = Date.now().toString(36);
const TRAINEE = { email: `i18n-${RUN}@callcraft.test`, name: `Rahim ${RUN}`, first: 'I18n-first-2026', password: 'I18n-trainee-2026', cohort: 'North team' };

async function signIn(page: Page, labels: { email: string; password: string; submit: string }) {
	await page.goto('/login');
	await page.getByLabel(labels.email).fill(TRAINEE.email);
	await page.getByLabel(labels.password, { exact: true }).fill(TRAINEE.password);
	await page.getByRole('button', { name: labels.submit, exact: true }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

const EN = { email: 'E-mail', password: 'Password', submit: 'Sign in' };
const BN = { email: 'ই-মেইল', password: 'পাসওয়ার্ড', submit: 'সাইন ইন' };

async function newPage(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}) {
	const context = await browser.newContext(options);
	return { context, page: await context.newPage() };
}

test.beforeAll(async ({ baseURL }) => {
	await createAccount(baseURL!, { email: TRAINEE.email, name: TRAINEE.name, password: TRAINEE.first, cohort: TRAINEE.cohort });
	// An account an admin created starts with a temporary password: choose the real one first.
	const ctx = await request.newContext({ baseURL });
	const html = { origin: baseURL!, accept: 'text/html' };
	expect((await ctx.post('/login', { form: { email: TRAINEE.email, password: TRAINEE.first }, headers: html, maxRedirects: 0 })).status()).toBe(303);
	const changed = await ctx.post('/account/password', { form: { current: TRAINEE.first, password: TRAINEE.password, confirm: TRAINEE.password }, headers: html, maxRedirects: 0 });
	expect(changed.status()).toBe(303);
	await ctx.dispose();
});

test('English is the default; the header switch turns the pages Bengali without JavaScript and the account keeps it', async ({ browser }) => {
	const { context, page } = await newPage(browser, { javaScriptEnabled: false, locale: 'en-GB' });
	await signIn(page, EN);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Courses' })).toBeVisible();

	await page.getByTestId('language-switcher').getByRole('button', { name: 'বাংলা' }).click();
	await expect(page).toHaveURL(/\/$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'bn');
	const nav = page.getByRole('navigation', { name: 'প্রধান মেনু' });
	await expect(nav.getByRole('link', { name: 'ড্যাশবোর্ড' })).toHaveAttribute('aria-current', 'page');
	await expect(nav.getByRole('link', { name: 'কোর্স' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'সাইন আউট' })).toBeVisible();
	await expect(page.getByTestId('language-switcher').getByRole('button', { name: 'বাংলা' })).toHaveAttribute('aria-pressed', 'true');
	await context.close();

	// Another browser, English everywhere: the account's choice wins over Accept-Language once signed in.
	const second = await newPage(browser, { locale: 'en-GB' });
	await signIn(second.page, EN);
	await expect(second.page.locator('html')).toHaveAttribute('lang', 'bn');
	await expect(second.page.getByRole('navigation', { name: 'প্রধান মেনু' })).toBeVisible();
	// …and back to English with the same switch (JavaScript on this time).
	await second.page.getByTestId('language-switcher').getByRole('button', { name: 'English' }).click();
	await expect(second.page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(second.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' })).toBeVisible();
	await second.context.close();
});

test('a signed-out visitor gets Bengali from Accept-Language, and the cookie from the switch wins over it', async ({ browser }) => {
	const { context, page } = await newPage(browser, { locale: 'bn-BD' });
	await page.goto('/login');
	await expect(page.locator('html')).toHaveAttribute('lang', 'bn');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('CallCraft-এ সাইন ইন করুন');
	await page.getByTestId('language-switcher').getByRole('button', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to CallCraft');
	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await context.close();
});

test('an unknown language is refused with a message on the language page, nothing saved', async ({ page, baseURL }) => {
	const res = await page.request.post('/language', {
		form: { locale: 'xx', redirectTo: '/' },
		headers: { origin: baseURL!, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(res.status()).toBe(400);
	expect(await res.text()).toContain('Choose one of the options offered.');
	expect(res.headers()['set-cookie'] ?? '').not.toContain('PARAGLIDE_LOCALE');
});
