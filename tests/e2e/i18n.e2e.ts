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

/**
 * The fonts that drew each element's text, as Chromium reports them (CSS.getPlatformFontsForNode): "custom" means a
 * web font the page loaded, not one installed on this machine. Each element must have Bengali drawn by the served
 * Noto Sans Bengali, and no other web font.
 */
async function expectServedBengaliFont(page: Page, selectors: string[]) {
	await page.evaluate(() => document.fonts.ready);
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('DOM.enable');
	await cdp.send('CSS.enable');
	const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
	for (const selector of selectors) {
		const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
		expect(nodeId, selector).toBeGreaterThan(0);
		const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
		const bengali = fonts.filter((f) => f.familyName === 'Noto Sans Bengali' && f.isCustomFont && f.glyphCount > 0);
		expect(bengali, `${selector}: ${JSON.stringify(fonts)}`).toHaveLength(1);
		// No other web font drew anything (the machine's own may draw Latin letters, such as "CallCraft" in a heading).
		expect(fonts.every((f) => f === bengali[0] || !f.isCustomFont), selector).toBe(true);
	}
	await cdp.detach();
}

test('Bengali text is drawn with the font the app serves, regular and bold, whatever fonts the machine has', async ({ browser, baseURL }) => {
	// Many machines have no Bengali font: without the app's own, every Bengali letter was a box. The page is signed
	// out, so no account is touched.
	const { context, page } = await bengaliPage(browser, baseURL!);
	const fontRequests: string[] = [];
	page.on('response', (r) => {
		if (/\.ttf$/.test(new URL(r.url()).pathname)) fontRequests.push(`${r.status()} ${new URL(r.url()).pathname}`);
	});
	await page.goto('/login');
	await expect(page.locator('html')).toHaveAttribute('lang', 'bn');
	// The heading and the submit button are bold (700 and 600), the label regular; the header switch says "বাংলা".
	await expectServedBengaliFont(page, ['main h1', 'main form button[type=submit]', 'main label', 'button[lang=bn]']);
	expect(await page.evaluate(() => [...document.fonts].filter((f) => f.family.includes('Noto Sans Bengali')).map((f) => `${f.weight} ${f.status}`).sort())).toEqual([
		'100 500 loaded',
		'600 900 loaded'
	]);
	expect(fontRequests.sort()).toEqual([expect.stringMatching(/^200 .*NotoSansBengali-Bold\.[\w-]+\.ttf$/), expect.stringMatching(/^200 .*NotoSansBengali-Regular\.[\w-]+\.ttf$/)]);
	await context.close();
});

test('the call timer in Bengali digits is drawn with the served font too (monospace text)', async ({ browser, baseURL }) => {
	// The timer is set in the monospace stack, which once had no Bengali font of its own: "০০:০০" was four boxes.
	const { context, page } = await bengaliPage(browser, baseURL!);
	await signIn(page, BN);
	// The account's own language wins once signed in (an earlier test left it on English): choose Bengali again.
	await page.getByTestId('language-switcher').getByRole('button', { name: 'বাংলা' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'bn');
	await page.goto('/calls');
	await page.locator('#scenario-address-change-verification button[value=practice]').click();
	await expect(page).toHaveURL(/\/calls\/[0-9a-f-]{36}$/);
	await expect(page.getByTestId('call-timer')).toHaveText(/^[০-৯]{2}:[০-৯]{2}$/);
	await expectServedBengaliFont(page, ['[data-testid=call-timer]']);
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

/** Bengali for this browser only (Paraglide's cookie, as the switch sets it): the account's own setting is untouched. */
async function bengaliPage(browser: Browser, baseURL: string, width = 1280) {
	const made = await newPage(browser, { locale: 'en-GB', viewport: { width, height: 900 } });
	await made.context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'bn', url: baseURL }]);
	return made;
}

test('the admin home reads in Bengali with Bengali digits in its figures', async ({ browser, baseURL }) => {
	const { context, page } = await bengaliPage(browser, baseURL!);
	await page.goto('/login');
	await page.getByLabel(BN.email).fill('admin@callcraft.demo');
	await page.getByLabel(BN.password, { exact: true }).fill('Admin-demo-2026');
	await page.getByRole('button', { name: BN.submit, exact: true }).click();
	await expect(page).not.toHaveURL(/\/login/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'bn');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^স্বাগতম, /);
	await expect(page.getByRole('navigation', { name: 'টুলস' }).getByRole('link', { name: 'ব্যবহারকারী' })).toBeVisible();
	const organisation = page.getByRole('region', { name: 'প্রতিষ্ঠান' });
	const users = organisation.locator('.stat', { hasText: 'জন ব্যবহারকারী' }).locator('.num');
	// The demo has nine users and more accounts come from other specs: a count in Bengali digits only.
	await expect(users).toHaveText(/^[০-৯][০-৯,]*$/);
	await expect(page.locator('main')).not.toContainText(/\b(users|deactivated|Organisation)\b/);
	await context.close();
});

test('a trainee home and course list in Bengali (screenshots at 1280 and 375 px)', async ({ browser }) => {
	// The first test left this account on English: choose Bengali with the switch again (saved on the account).
	const first = await newPage(browser, { locale: 'en-GB' });
	await signIn(first.page, EN);
	await first.page.getByTestId('language-switcher').getByRole('button', { name: 'বাংলা' }).click();
	await expect(first.page.locator('html')).toHaveAttribute('lang', 'bn');
	await first.context.close();
	for (const width of [1280, 375]) {
		const { context, page } = await newPage(browser, { locale: 'en-GB', viewport: { width, height: 900 } });
		await signIn(page, EN);
		await expect(page.locator('html')).toHaveAttribute('lang', 'bn');
		await expect(page.getByRole('heading', { name: 'কোর্স', exact: true })).toBeVisible();
		// "n of m courses completed" in Bengali digits.
		await expect(page.locator('main')).toContainText(/[০-৯]+টি কোর্সের মধ্যে [০-৯]+টি সম্পন্ন/);
		await expect(page.getByRole('heading', { name: 'সনদের অগ্রগতি' })).toBeVisible();
		await page.screenshot({ path: test.info().outputPath(`home-bn-${width}.png`), fullPage: true });

		await page.goto('/courses');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('কোর্স');
		await expect(page.locator('main')).toContainText(/[০-৯]+টি পাঠ · প্রায় [০-৯]+ মিনিট/);
		await page.screenshot({ path: test.info().outputPath(`courses-bn-${width}.png`), fullPage: true });
		await context.close();
	}
});

test('the mock calls list the calls in the reader’s language first, the others under their language, marked with it', async ({ browser }) => {
	const { context, page } = await newPage(browser, { locale: 'en-GB' });
	await signIn(page, EN);
	const groups = page.locator('main ul.scenarios');
	for (const [button, titles, firstSlug, secondSlug] of [
		['English', ['Calls in English', 'Calls in Bengali (বাংলা)'], 'address-change-verification', 'bn-angry-electricity-bill'],
		['বাংলা', ['কলের ভাষা: বাংলা', 'কলের ভাষা: ইংরেজি'], 'bn-angry-electricity-bill', 'address-change-verification']
	] as const) {
		await page.getByTestId('language-switcher').getByRole('button', { name: button }).click();
		await page.goto('/calls');
		await expect(page.locator('main h2.group-title')).toHaveText([...titles]);
		await expect(groups).toHaveCount(2);
		await expect(groups.nth(0).locator(`#scenario-${firstSlug}`)).toHaveCount(1);
		await expect(groups.nth(1).locator(`#scenario-${secondSlug}`)).toHaveCount(1);
		// The list is named by its heading; a scenario's own words carry their language (screen readers, fonts).
		await expect(page.getByRole('list', { name: titles[1] }).locator(`#scenario-${secondSlug}`)).toHaveCount(1);
		// The cards' titles sit one level below their language's heading.
		await expect(page.locator('#scenario-bn-angry-electricity-bill h3')).toHaveAttribute('lang', 'bn');
		await expect(groups.nth(0).getByRole('heading', { level: 3 })).toHaveCount(await groups.nth(0).locator('li.scenario').count());
		await expect(page.locator('#scenario-address-change-verification .summary')).toHaveAttribute('lang', 'en');
		await page.screenshot({ path: test.info().outputPath(`calls-${button === 'English' ? 'en' : 'bn'}.png`), fullPage: true });
	}
	await context.close();
});
