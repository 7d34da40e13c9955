// Courses in Bengali: a trainee who chose বাংলা reads the original Bengali course and a translated lesson and passes
// their quizzes in Bengali; a lesson that exists only in English shows a note, until a trainer adds a translation.
// Uses its own trainees (created here) and the admin; selectors avoid interface wording, which i18n translates.
import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { confirmPlaceholderPublish, createAccount, loginAs } from './fixtures';
import { passQuiz } from './quiz-steps';
import { loadCoursesFromDir } from '../../src/lib/server/content/courses';

const RUN = Date.now().toString(36);
const SHOTS = 'test-results/screens/bengali';
const courses = loadCoursesFromDir('content/courses', 'content/courses');
const bengaliCourse = courses.find((c) => c.slug === 'domestic-voice-basics')!;
const crm = courses.find((c) => c.slug === 'working-in-the-crm')!;
const ENGLISH_ONLY = `english-only-${RUN}`;

/** A new trainee signed in (first password changed) who chose `language` with the header switcher's form. */
async function traineeContext(browser: Browser, baseURL: string, language: 'bn' | 'en', tag: string): Promise<BrowserContext> {
	const u = { email: `bengali-${tag}-${RUN}@callcraft.test`, name: `Bengali ${tag} ${RUN}`, first: 'Bengali-first-2026', password: 'Bengali-trainee-2026' };
	await createAccount(baseURL, { email: u.email, name: u.name, password: u.first });
	const context = await browser.newContext({ locale: 'en-GB' });
	const post = (path: string, form: Record<string, string>) =>
		context.request.post(path, { form, headers: { origin: baseURL, accept: 'text/html' }, maxRedirects: 0 });
	expect((await post('/login', { email: u.email, password: u.first })).status()).toBe(303);
	expect((await post('/account/password', { current: u.first, password: u.password, confirm: u.password })).status()).toBe(303);
	expect((await post('/language', { locale: language, redirectTo: '/' })).status()).toBe(303);
	return context;
}

async function open(page: Page, url: string) {
	await page.goto(url);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}

/** Screenshots at 1280 and 375 px wide; with `at`, of the viewport scrolled to that element. */
async function shoot(page: Page, name: string, at?: Locator) {
	for (const width of [1280, 375]) {
		await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
		await at?.scrollIntoViewIfNeeded();
		await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: !at && width === 1280 });
	}
	await page.setViewportSize({ width: 1280, height: 900 });
}

test('a trainee reading in Bengali takes the original Bengali course and a translated lesson, and passes both quizzes', async ({ browser, baseURL }) => {
	const context = await traineeContext(browser, baseURL!, 'bn', 'reader');
	const page = await context.newPage();

	// The catalogue shows translated titles and the Bengali course.
	await open(page, '/courses');
	await expect(page.getByRole('link', { name: crm.translations.bn!.title, exact: true })).toBeVisible();
	await expect(page.getByRole('link', { name: bengaliCourse.meta.title, exact: true })).toBeVisible();
	await shoot(page, 'catalogue');

	// The first lesson of the original Bengali course: Bengali text, marked lang="bn", no note.
	const first = bengaliCourse.lessons[0];
	await open(page, `/courses/${bengaliCourse.slug}/${first.slug}`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'bn');
	const article = page.locator('article.lesson');
	await expect(article).toHaveAttribute('lang', 'bn');
	await expect(article.locator('h1')).toHaveText(first.title);
	await expect(page.locator('.language-note')).toHaveCount(0);
	await shoot(page, 'lesson');
	await passQuiz(page, first);
	await shoot(page, 'quiz-passed', page.locator('#quiz-0 .alert-success'));

	// A translated lesson of an English course: the Bengali file, its Bengali quiz, graded in Bengali.
	const records = crm.lessons[0];
	const bn = records.translations.bn!;
	await open(page, `/courses/${crm.slug}/${records.slug}`);
	await expect(article).toHaveAttribute('lang', 'bn');
	await expect(article.locator('h1')).toHaveText(bn.title);
	await expect(page.locator('.language-note')).toHaveCount(0);
	await passQuiz(page, bn);

	// The course page counts the passed quiz whatever the language it was taken in.
	await open(page, `/courses/${crm.slug}`);
	await expect(page.locator('h1')).toHaveText(crm.translations.bn!.title);
	await expect(page.locator('ol.lessons li').first()).toContainText(/100|১০০/);
	await context.close();
});

test('a lesson only in English shows a note to a Bengali reader until a trainer adds its translation', async ({ browser, page, baseURL }) => {
	// The admin publishes a course with one English lesson.
	await loginAs(page, 'admin', '/trainer/courses');
	await page.getByLabel('Title').fill(`English only ${RUN}`);
	await page.getByLabel('Slug').fill(ENGLISH_ONLY);
	await page.getByRole('button', { name: 'Create course' }).click();
	await expect(page).toHaveURL(`/trainer/courses/${ENGLISH_ONLY}`);
	await page.getByRole('button', { name: 'Publish version 1' }).click();
	// a new course still holds its starter text: publishing asks first
	await confirmPlaceholderPublish(page);
	await expect(page.getByText('Version 1 is live.')).toBeVisible();

	const context = await traineeContext(browser, baseURL!, 'bn', 'note');
	const trainee = await context.newPage();
	await open(trainee, `/courses/${ENGLISH_ONLY}/introduction`);
	await expect(trainee.locator('article.lesson')).toHaveAttribute('lang', 'en');
	const note = trainee.locator('.language-note');
	await expect(note).toHaveText('এই পাঠটি এখনও বাংলায় পাওয়া যায় না, তাই ইংরেজিতে দেখানো হচ্ছে।');
	await expect(note).toHaveAttribute('lang', 'bn');
	await shoot(trainee, 'english-only-note');

	// The trainer adds a Bengali translation (a copy to translate), gives it a Bengali title and publishes.
	await page.goto(`/trainer/courses/${ENGLISH_ONLY}`);
	await page.getByLabel('File to translate').selectOption('introduction');
	await page.getByLabel('Translate into').selectOption('bn');
	await page.getByRole('button', { name: 'Add translation' }).click();
	await expect(page).toHaveURL(`/trainer/courses/${ENGLISH_ONLY}/edit/introduction.bn`);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByLabel('Title').fill('ভূমিকা');
	await page.getByRole('button', { name: 'Save draft' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Draft saved' })).toBeVisible();
	await page.goto(`/trainer/courses/${ENGLISH_ONLY}`);
	await expect(page.getByRole('link', { name: '“Introduction” in bn' })).toBeVisible();
	await page.getByRole('button', { name: 'Publish version 2' }).click();
	await confirmPlaceholderPublish(page);
	await expect(page.getByText('Version 2 is live.')).toBeVisible();

	await open(trainee, `/courses/${ENGLISH_ONLY}/introduction`);
	await expect(trainee.locator('article.lesson h1')).toHaveText('ভূমিকা');
	await expect(trainee.locator('.language-note')).toHaveCount(0);
	await context.close();
});

test('a trainee reading in English sees the Bengali-only course with a note in English', async ({ browser, baseURL }) => {
	const context = await traineeContext(browser, baseURL!, 'en', 'english');
	const page = await context.newPage();
	await open(page, `/courses/${bengaliCourse.slug}/${bengaliCourse.lessons[1].slug}`);
	await expect(page.locator('article.lesson')).toHaveAttribute('lang', 'bn');
	await expect(page.locator('.language-note')).toHaveText('This lesson is not available in English yet, so it is shown in Bengali (বাংলা).');
	// English courses stay English by default.
	await open(page, `/courses/${crm.slug}`);
	await expect(page.locator('h1')).toHaveText(crm.meta.title);
	await context.close();
});
