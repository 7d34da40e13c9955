// Issue #13's "done when", in one browser journey: a new trainee signs in, switches the interface to বাংলা with the
// header switch, reads a Bengali lesson and passes its quiz, makes a typed Bengali angry-caller assessment call with
// the CRM kept in Bengali digits, sees it scored correctly in Bengali, and downloads a certificate printed in
// Bengali. axe checks the Bengali simulator and result; both are photographed at 1280 and 375 px.
// Uses its own trainee (createAccount) and its own programme, which only an assessment call of the Bengali
// angry-caller scenario satisfies (no other spec makes one).
import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { createAccount, loginAs, signInFirstTime } from './fixtures';
import { seriousViolations } from './axe';
import { passQuiz } from './quiz-steps';
import { BENGALI_ANGRY_CALL, CALLER_PHONE_BN, expectBengaliCallScored, playBengaliAngryCall, uiText } from './bengali-angry-call';
import { loadCoursesFromDir } from '../../src/lib/server/content/courses';

const RUN = Date.now().toString(36);
const SHOTS = 'test-results/screens/bengali-journey';
const bn = uiText('bn');
const bengaliCourse = loadCoursesFromDir('content/courses', 'content/courses').find((c) => c.slug === 'domestic-voice-basics')!;
const programme = { slug: `bangla-voice-${RUN}`, title: `বাংলা ভয়েস কল সার্টিফিকেট ${RUN}` };

/** The whole page at 1280 and 375 px wide. */
async function shoot(page: Page, name: string) {
	for (const width of [1280, 375]) {
		await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
		await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
	}
	await page.setViewportSize({ width: 1280, height: 900 });
}

test('a trainee completes the Bengali journey: language switch, lesson and quiz, a typed Bengali call scored right, a Bengali certificate', async ({ browser, page, baseURL }) => {
	test.setTimeout(240_000);

	// The admin sets up a programme: one assessment call of the Bengali angry-caller scenario scoring at least 80.
	const adminContext = await browser.newContext();
	const admin = await adminContext.newPage();
	await loginAs(admin, 'admin', '/admin/programmes/new');
	await admin.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await admin.getByLabel('Title').fill(programme.title);
	await admin.getByLabel('Slug').fill(programme.slug);
	await admin.getByLabel('Number of calls').first().fill('1');
	await admin.getByLabel('Minimum score (0–100)').first().fill('80');
	const requirement = admin.getByRole('group', { name: 'Call requirement 1' });
	await requirement.locator('summary').click(); // "Limit to specific scenarios"
	await requirement.locator(`input[name="calls.0.scenarios"][value="${BENGALI_ANGRY_CALL.slug}"]`).check();
	await admin.getByRole('button', { name: 'Create programme' }).click();
	await expect(admin).toHaveURL(new RegExp(`/admin/programmes/${programme.slug}`));
	await adminContext.close();

	// A new trainee signs in (first password changed) and chooses বাংলা with the header switch.
	const trainee = { email: `bn-journey-${RUN}@example.test`, name: 'নুসরাত জাহান', first: 'Journey-first-2026', password: 'Journey-bn-2026' };
	await createAccount(baseURL!, { email: trainee.email, name: trainee.name, password: trainee.first, cohort: 'South team' });
	await signInFirstTime(page, trainee.email, trainee.first, trainee.password, '/');
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByTestId('language-switcher').getByRole('button', { name: 'বাংলা' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'bn');
	await expect(page.getByRole('link', { name: bn.nav_mock_calls }).first()).toBeVisible();

	// A lesson of the Bengali course, and its quiz passed.
	const lesson = bengaliCourse.lessons[0];
	await page.goto(`/courses/${bengaliCourse.slug}/${lesson.slug}`);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await expect(page.locator('article.lesson h1')).toHaveText(lesson.title);
	await passQuiz(page, lesson);

	// The typed Bengali angry-caller call, as an assessment (the calls certification counts).
	await page.goto('/calls');
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByRole('button', { name: bn.calls_start_assessment_label.replace('{title}', BENGALI_ANGRY_CALL.title) }).click();
	await expect(page).toHaveURL(/\/calls\/[0-9a-f-]{36}$/);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await expect(page.getByTestId('call-state')).toHaveText(bn.call_state_ringing);
	await playBengaliAngryCall(page, bn, {
		practice: false,
		onCall: async () => {
			expect(await seriousViolations(page), 'axe on the Bengali simulator').toEqual([]);
			await shoot(page, 'simulator');
		}
	});

	// Scored correctly, in Bengali: the phone typed in Bengali digits is credited.
	await expect(page.locator('h1')).toHaveText(bn.result_heading);
	await expectBengaliCallScored(page, bn);
	await expect(page.getByRole('row', { name: new RegExp(`^${bn.result_rec_customer} ${bn.field_phone}`) })).toContainText(CALLER_PHONE_BN);
	expect(await seriousViolations(page), 'axe on the Bengali result').toEqual([]);
	await shoot(page, 'result');

	// The call completed the programme: the dashboard offers the certificate, printed in the holder's language.
	await page.goto('/');
	const card = page.locator(`article#programme-${programme.slug}`);
	await expect(card.locator('.cert-line')).toBeVisible();
	const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('link', { name: bn.cert_download_pdf }).click()]);
	const pdf = (await download.path())!;
	// Readable by a real PDF reader (poppler's pdftotext follows the shaped text's /ActualText).
	const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
	expect(text).toContain('কৃতিত্বের সনদপত্র');
	expect(text).toContain(trainee.name);
	expect(text).toContain(programme.title);
	expect(text).toMatch(/প্রদানের তারিখ: [০-৯]{1,2} \S+ [০-৯]{4}/);
});
