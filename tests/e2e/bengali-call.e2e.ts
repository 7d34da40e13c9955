// A typed Bengali angry-caller call in the browser (issue #13): the trainee answers in Bengali (and a line of
// Banglish), keeps the CRM with Bengali digits (০১৭১১-২২৩৩৪৪, ৳৮,৭৫০, ১৫২৩০) and is scored like a careful English
// call: the record correct field by field, আপনি credited, every etiquette item passed.
import { expect, test, type Page } from '@playwright/test';
import { createAccount, gotoReady, signInFirstTime } from './fixtures';
import { BENGALI_ANGRY_CALL, expectBengaliCallScored, playBengaliAngryCall, uiText } from './bengali-angry-call';

const english = uiText('en');

const FIRST_PASSWORD = 'Bangla-first-2026';
const PASSWORD = 'Bangla-e2e-2026';

/** Signs a new account in; its first sign-in asks for a new password. */
const signIn = (page: Page, email: string) => signInFirstTime(page, email, FIRST_PASSWORD, PASSWORD);

test('a Bengali angry-caller call typed in Bengali with CRM entries in Bengali digits is scored correctly', async ({ page, baseURL }) => {
	test.setTimeout(180_000);
	const email = `bn-call-${Date.now()}@example.test`;
	await createAccount(baseURL!, { email, name: 'Sami Rahman', password: FIRST_PASSWORD, cohort: 'North team' });
	await signIn(page, email);
	await gotoReady(page, '/calls');
	await page.getByRole('button', { name: `Practice call: ${BENGALI_ANGRY_CALL.title}` }).click();
	await expect(page).toHaveURL(/\/calls\/[0-9a-f-]{36}$/);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });

	await playBengaliAngryCall(page, english, { practice: true });
	await expectBengaliCallScored(page, english);
});
