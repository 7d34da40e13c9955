// A trainer's forms answer in the trainer's own language: the same mistake gets a Bengali message for a trainer
// whose account is set to বাংলা and an English one for a trainer on English, on one server at the same time
// (schema messages are looked up per request, not once when the module loads).
// Two trainer accounts of its own (createAccount), so no demo account's language changes.
import { expect, request, test, type Browser, type Page } from '@playwright/test';
import { createAccount, gotoReady } from './fixtures';

const RUN = Date.now().toString(36);
const PASSWORD = 'Trainer-forms-2026';
const TRAINERS = {
	bn: { email: `bn-trainer-${RUN}@callcraft.test`, name: `Nasrin ${RUN}` },
	en: { email: `en-trainer-${RUN}@callcraft.test`, name: `Edward ${RUN}` }
};

test.beforeAll(async ({ baseURL }) => {
	for (const [locale, t] of Object.entries(TRAINERS)) {
		const first = `First-${RUN}-password`;
		await createAccount(baseURL!, { email: t.email, name: t.name, password: first, role: 'trainer' });
		const ctx = await request.newContext({ baseURL });
		const html = { origin: baseURL!, accept: 'text/html' };
		expect((await ctx.post('/login', { form: { email: t.email, password: first }, headers: html, maxRedirects: 0 })).status()).toBe(303);
		const changed = await ctx.post('/account/password', { form: { current: first, password: PASSWORD, confirm: PASSWORD }, headers: html, maxRedirects: 0 });
		expect(changed.status()).toBe(303);
		// What the header switch posts: saved on the account.
		expect((await ctx.post('/language', { form: { locale, redirectTo: '/' }, headers: html, maxRedirects: 0 })).status()).toBe(303);
		await ctx.dispose();
	}
});

/** Signs the trainer in from an English browser: the account's language decides the pages. */
async function trainerPage(browser: Browser, who: keyof typeof TRAINERS, path: string) {
	const context = await browser.newContext({ locale: 'en-GB' });
	const page = await context.newPage();
	await gotoReady(page, `/login?redirectTo=${encodeURIComponent(path)}`);
	await page.getByLabel('E-mail').fill(TRAINERS[who].email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(path);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await expect(page.locator('html')).toHaveAttribute('lang', who);
	return { context, page };
}

/** Fills a New scenario (`s`) or New course (`c`) form on the page and sends it. */
async function tryCreate(page: Page, form: 's' | 'c', title: string, slug: string) {
	await page.locator(`#${form}-title`).fill(title);
	await page.locator(`#${form}-slug`).fill(slug);
	await page.locator('form[action="?/create"]').getByRole('button').click();
}

test('a bad slug in the New scenario and New course forms is explained in Bengali to a Bengali trainer', async ({ browser }) => {
	const { context, page } = await trainerPage(browser, 'bn', '/trainer/scenarios');
	await tryCreate(page, 's', 'দেরিতে ডেলিভারির অভিযোগ', 'Deri Delivery');
	await expect(page.locator('#s-slug-error')).toHaveText('ছোট হাতের ইংরেজি শব্দ হাইফেন দিয়ে জুড়ে লিখুন, যেমন late-delivery-complaint।');
	// What was typed stays in the form.
	await expect(page.locator('#s-title')).toHaveValue('দেরিতে ডেলিভারির অভিযোগ');
	await page.screenshot({ path: test.info().outputPath('new-scenario-error-bn.png'), fullPage: true });

	await gotoReady(page, '/trainer/courses');
	await tryCreate(page, 'c', '   ', 'bhul slug');
	await expect(page.locator('#c-title-error')).toHaveText('কোর্সের একটি শিরোনাম দিন।');
	await expect(page.locator('#c-slug-error')).toHaveText('ছোট হাতের ইংরেজি শব্দ হাইফেন দিয়ে জুড়ে লিখুন, যেমন handling-complaints।');
	await expect(page.locator('main')).not.toContainText(/Give the course|lowercase words/);

	// A refusal from the authoring rules (a code, worded for the reader), not from the form's schema.
	await tryCreate(page, 'c', 'টেলিফোন শিষ্টাচার', 'telephone-etiquette');
	await expect(page.locator('#c-slug-error')).toHaveText('"telephone-etiquette" স্লাগের একটি কোর্স আগে থেকেই আছে।');
	// …and one of a course editor's address: a version that does not exist, in Bengali digits.
	const course = await page.request.post('/trainer/courses?/create', {
		form: { title: 'নতুন কোর্স', slug: `bn-forms-${RUN}` },
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(course.status()).toBe(303);
	await page.goto(`/trainer/courses/bn-forms-${RUN}/export?version=42`);
	await expect(page.locator('body')).toContainText('এই কোর্সের ৪২ নম্বর সংস্করণ নেই।');
	await context.close();
});

test('the same mistakes read in English for an English trainer', async ({ browser }) => {
	const { context, page } = await trainerPage(browser, 'en', '/trainer/scenarios');
	await tryCreate(page, 's', 'Late delivery', 'Late Delivery');
	await expect(page.locator('#s-slug-error')).toHaveText('Use lowercase words joined by hyphens, e.g. late-delivery-complaint.');

	await gotoReady(page, '/trainer/courses');
	await tryCreate(page, 'c', '   ', 'bad slug');
	await expect(page.locator('#c-title-error')).toHaveText('Give the course a title.');
	await expect(page.locator('#c-slug-error')).toHaveText('Use lowercase words joined by hyphens, e.g. handling-complaints.');
	await context.close();
});

test('the scenario editor explains a YAML mistake in Bengali to a Bengali trainer, at its line', async ({ browser }) => {
	const { context, page } = await trainerPage(browser, 'bn', '/trainer/scenarios');
	const slug = `bn-yaml-${RUN}`;
	await tryCreate(page, 's', 'দেরিতে ডেলিভারি', slug);
	await expect(page).toHaveURL(`/trainer/scenarios/${slug}`);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	const editor = page.locator('textarea').first();
	const starter = await editor.inputValue();
	const broken = starter.replace('to: question', 'to: questoin').replace(/^difficulty: .*$/m, '$&\ndificulty: hard');
	await editor.fill(broken);
	// Checked in the browser by the same validator as on save: our own check and an unknown field, in Bengali.
	await expect(page.getByText('"questoin" অবস্থায় যেতে বলা হয়েছে, কিন্তু dialogue.states-এ এটি সংজ্ঞায়িত নেই')).toBeVisible();
	await expect(page.getByText('পরিচিত কোনো ফিল্ড নয় (বানান দেখুন; content/README.md-তে সব ফিল্ডের তালিকা আছে)')).toBeVisible();
	await expect(page.locator('main')).not.toContainText(/which is not defined|is not a known field/);
	// …each with its line, in Bengali digits.
	const badLine = broken.split('\n').findIndex((l) => l.includes('to: questoin')) + 1;
	const bnDigits = (n: number) => String(n).replace(/\d/g, (d) => '০১২৩৪৫৬৭৮৯'[Number(d)]);
	await expect(page.getByRole('button', { name: `লাইন ${bnDigits(badLine)}`, exact: true })).toBeVisible();
	await page.screenshot({ path: test.info().outputPath('scenario-yaml-error-bn.png'), fullPage: true });
	// The server words a refused save the same way (the editor blocks saving, so post the text as the form would).
	const save = await page.request.post(`/trainer/scenarios/${slug}?/save`, {
		form: { yaml: broken },
		headers: { origin: new URL(page.url()).origin, accept: 'application/json', 'x-sveltekit-action': 'true' }
	});
	expect(save.status()).toBeLessThan(500);
	const body = await save.text();
	expect(body).toContain('অবস্থায় যেতে বলা হয়েছে');
	await context.close();
});
