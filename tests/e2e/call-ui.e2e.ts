// The simulator for keyboard users and narrow screens, and the acknowledgement e-mail's safety checks: focus
// follows Answer call, Verify identity and the end of the call; Alt+Shift+C / Alt+Shift+A jump between the CRM
// and the answer box; at 375 px the e-mail form is in view after the call; internal notes never reach the customer
// and an e-mail with unfilled parts is refused with the text kept (in the page and by the API).
import { expect, test, type Page } from '@playwright/test';
import { createAccount, gotoReady, sayInCall, signInFirstTime } from './fixtures';

const FIRST_PASSWORD = 'Call-ui-first-2026';
const PASSWORD = 'Call-ui-e2e-2026';

/** Signs a new account in; its first sign-in asks for a new password. */
const signIn = (page: Page, email: string) => signInFirstTime(page, email, FIRST_PASSWORD, PASSWORD);

async function startCall(page: Page) {
	await gotoReady(page, '/calls');
	await page.getByRole('button', { name: 'Assessment call: Angry billing dispute' }).click();
	await expect(page).toHaveURL(/\/calls\/[0-9a-f-]{36}$/);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}

test('focus follows the call, shortcuts reach the CRM and back, and the e-mail refuses unfilled parts', async ({ page, baseURL }) => {
	test.setTimeout(150_000);
	const email = `call-ui-${Date.now()}@example.test`;
	await createAccount(baseURL!, { email, name: 'Casey Focus', password: FIRST_PASSWORD, cohort: 'North team' });
	await signIn(page, email);
	await startCall(page);

	// The shortcuts are shown where they apply.
	await page.getByRole('button', { name: /Answer call/ }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('call-state')).toHaveText('On call');
	await expect(page.getByLabel('Your answer')).toBeFocused();
	await expect(page.locator('.send-row')).toContainText('Alt+Shift+C CRM');
	await expect(page.locator('.crm-bar')).toContainText('Alt+Shift+A answer box');

	await sayInCall(page, 'Good morning, Meridian Energy, my name is Casey. How can I help?', /four hundred and twelve pounds/);

	// Alt+Shift+C: to the CRM's current tab; Alt+Shift+A: back to the answer box.
	await page.keyboard.press('Alt+Shift+C');
	await expect(page.getByRole('tab', { name: 'Interaction' })).toBeFocused();
	await page.keyboard.press('Alt+Shift+A');
	await expect(page.getByLabel('Your answer')).toBeFocused();

	// Verify identity from the keyboard: the button is replaced, focus goes back to the answer box.
	await page.getByRole('button', { name: 'Caller ID' }).click();
	await page.getByRole('button', { name: /Denise Okafor/ }).click();
	await page.getByRole('button', { name: 'Verify identity' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('identity-verified')).toBeVisible();
	await expect(page.getByLabel('Your answer')).toBeFocused();

	// Internal notes in the interaction log.
	await page.keyboard.press('Alt+Shift+C');
	await page.getByLabel('Notes').fill('INTERNAL: caller shouted twice, keep an eye on this account.');

	// End call from the keyboard: focus lands in the e-mail form.
	await page.getByRole('button', { name: /End call/ }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('call-state')).toHaveText('After-call work');
	await expect(page.getByLabel('Template')).toBeFocused();

	// "General follow-up" leaves a gap to write in, not the internal notes.
	await page.getByLabel('Template').selectOption({ label: 'General follow-up' });
	const message = page.getByLabel('Message');
	await expect(message).toHaveValue(/\[Write here: what you agreed with the customer/);
	await expect(message).not.toHaveValue(/INTERNAL|shouted/);

	// Sending with the gap is refused with a clear message; nothing typed is lost and the call stays in ACW.
	await message.press('End');
	await message.pressSequentially(' P.S. thanks');
	await page.getByRole('button', { name: 'Send e-mail and finish' }).click();
	await expect(page.getByTestId('ack-refusal')).toContainText(/Not sent\. The e-mail still has a part to fill in: \[Write here: what you agreed/);
	await expect(message).toBeFocused();
	await expect(message).toHaveValue(/P\.S\. thanks$/);
	await expect(page).toHaveURL(/\/calls\/[0-9a-f-]{36}$/);

	// The API refuses the same e-mail too (a client that skips the form's check).
	const callId = page.url().split('/').at(-1)!;
	const refused = await page.request.post(`/api/calls/${callId}/acw`, {
		data: { email: { to: 'denise.okafor@example.net', subject: 'Your call', body: 'Dear Denise, [Write here: what you agreed]' } },
		headers: { origin: baseURL! }
	});
	expect(refused.status()).toBe(400);
	expect((await refused.json()).error.message).toMatch(/still has a part to fill in: \[Write here: what you agreed\]/);

	// Filled in, it is sent.
	const text = await message.inputValue();
	await message.fill(text.replace(/\[Write here: [^\]]*\]/, 'We will send you a corrected bill and have paused your direct debit.'));
	await expect(page.getByTestId('ack-refusal')).toHaveCount(0);
	await page.getByRole('button', { name: 'Send e-mail and finish' }).click();
	await expect(page).toHaveURL(/\/result$/);
});

test('at 375 px the e-mail form is in view when the call ends', async ({ page, baseURL }) => {
	test.setTimeout(120_000);
	const email = `call-ui-narrow-${Date.now()}@example.test`;
	await createAccount(baseURL!, { email, name: 'Nia Narrow', password: FIRST_PASSWORD, cohort: 'South team' });
	await page.setViewportSize({ width: 375, height: 740 });
	await signIn(page, email);
	await startCall(page);
	await page.getByRole('button', { name: /Answer call/ }).click();
	await sayInCall(page, 'Good morning, Meridian Energy, my name is Nia. How can I help?', /four hundred and twelve pounds/);
	await page.getByRole('button', { name: /End call/ }).click();
	await expect(page.getByTestId('call-state')).toHaveText('After-call work');
	await expect(page.getByRole('heading', { name: 'Acknowledgement e-mail' })).toBeInViewport();
	await expect(page.getByLabel('Template')).toBeVisible();
	await expect(page.getByRole('button', { name: 'CRM' })).toHaveAttribute('aria-pressed', 'true');
	await page.screenshot({ path: 'test-results/screens/acw-375.png', fullPage: false });

	// After a reload in after-call work the e-mail is still what a narrow screen shows.
	await gotoReady(page, page.url());
	await expect(page.getByLabel('Template')).toBeVisible();
});
