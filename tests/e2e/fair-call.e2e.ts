// Issue #16 in the browser: the careful angry-billing call the testers made, in their own natural wording (not the
// scenario's phrases), with a hold asked for politely and a proper goodbye, scores at least 90 with hold and close
// credited. The caller answers the hold request, says nothing while held, and waits for the agent's goodbye.
import { expect, test } from '@playwright/test';
import { createAccount, gotoReady, keepBillingRecord, sayInCall, signInFirstTime } from './fixtures';

const EMAIL = 'fair.caller@callcraft.demo';
const FIRST = 'first-password-1';
const PASSWORD = 'fair-call-password-9';

const say = sayInCall;

test('a careful angry-billing call in natural words scores at least 90 with hold and close credited', async ({ page, baseURL }) => {
	test.setTimeout(180_000);
	await createAccount(baseURL!, { email: EMAIL, name: 'Sam Fairley', password: FIRST, cohort: 'North team' });
	await signInFirstTime(page, EMAIL, FIRST, PASSWORD);

	await gotoReady(page, '/calls');
	await page.getByRole('button', { name: 'Assessment call: Angry billing dispute' }).click();
	await expect(page).toHaveURL(/\/calls\/[0-9a-f-]{36}$/);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	// the CRM shows the call's own date, which relative dates count from
	await expect(page.getByTestId('crm-today')).toHaveText('Today: Tuesday 10 March 2026');
	await page.getByRole('button', { name: /Answer call/ }).click();
	await expect(page.getByTestId('call-state')).toHaveText('On call');

	await say(page, "Good morning, you're through to Meridian Energy, my name's Sam.", /four hundred and twelve pounds/);
	await say(page, "That is really frustrating, I get it. Let's get this sorted. Could I grab your full name, date of birth and postcode?", /Denise Okafor/);
	await page.getByRole('button', { name: 'Caller ID' }).click();
	await page.getByRole('button', { name: /Denise Okafor/ }).click();
	await page.getByRole('button', { name: 'Verify identity' }).click();
	await expect(page.getByTestId('identity-verified')).toBeVisible();
	await expect(page.locator('[data-speaker="customer"]').last()).toContainText("What's gone wrong");

	// The hold is an exchange: asked in the trainee's own words, answered, silent while held, thanked on return.
	await say(page, 'Would it be all right if I put you on hold for a minute while I check the meter readings?', /make it quick/);
	const linesBeforeHold = await page.locator('[data-speaker="customer"]').count();
	await page.getByRole('button', { name: /Hold/ }).click();
	await expect(page.getByText('Call placed on hold')).toBeVisible();
	await page.getByRole('tab', { name: 'Knowledge' }).click();
	await page.getByLabel('Search the knowledge base').fill('refund');
	await page.getByRole('button', { name: /Billing disputes/ }).first().click();
	await page.getByRole('button', { name: /Resume/ }).click();
	await expect(page.getByText('Call resumed')).toBeVisible();
	await expect(page.locator('[data-speaker="customer"]')).toHaveCount(linesBeforeHold + 1);
	await expect(page.locator('[data-speaker="customer"]').last()).toContainText("I'm here");

	await say(page, 'Thanks for waiting. Nobody read your meter, so the system guessed, and that is why the bill is so high.', /photo of the meter/);
	await say(page, "Your photo should have been used. I'll have the bill recalculated using 45102.", /direct debit/);
	await say(page, "I'll make sure the money isn't taken on the 18th, the payment is on hold until the new bill is out.", /relief/);

	await keepBillingRecord(
		page,
		'Disputed bill of £412.67 based on an estimated reading. Actual reading 45102 from her February photo. Direct debit paused for the 18th. Rebill requested via ticket.'
	);

	await say(page, 'So, the plan is a corrected statement within five working days, and nothing leaves your account on the 18th.', /corrected bill/);
	// The caller answers the offer of more help and then waits for the goodbye instead of hanging up.
	await say(page, 'Is there anything else I can help with today?', /that's everything/);
	await expect(page.getByTestId('call-state')).toHaveText('On call');
	await say(page, 'Thanks for your patience, Denise. Take care, bye.', /Bye/);
	await expect(page.getByTestId('call-state')).toHaveText('After-call work');

	await page.getByLabel('Template').selectOption({ label: 'Refund requested' });
	await page.getByLabel('Message').fill(
		'Dear Ms Okafor,\n\nWe will send you a corrected bill using your actual reading, and your direct debit payment is paused until then.\n\nKind regards,\nSam'
	);
	await page.getByRole('button', { name: 'Send e-mail and finish' }).click();
	await expect(page).toHaveURL(/\/result$/);

	const total = Number(await page.getByTestId('total-score').textContent());
	expect(total).toBeGreaterThanOrEqual(90);
	const etiquette = page.locator('section[aria-labelledby="etiquette-h"]');
	await expect(etiquette.locator('li', { hasText: 'Hold asked for and thanked' })).toContainText('passed');
	await expect(etiquette.locator('li', { hasText: 'Polite close' })).toContainText('passed');
	await expect(etiquette.locator('li', { hasText: 'missed' })).toHaveCount(0);
	// the tone of the trainee's lines names the words that drove it
	await expect(page.locator('.timeline [data-testid="tone-words"]').first()).toContainText(/words: \S+/);
});
