// Issue #17, outbound calls in the browser: the trainee dials the customer from the CRM record, the phone rings, and
// then the scripted outcome. A wrong number is finished without a detailed report (status only) and scored fairly;
// an appointment call is dialled from the record and booked; an unanswered call ends with a callback task. Each test
// uses its own new account, so nothing here depends on another spec.
import { expect, test, type Page } from '@playwright/test';
import { createAccount, gotoReady, loginAs, sayInCall, signInFirstTime } from './fixtures';

const SHOTS = 'test-results/outbound';

/** A full-page screenshot from the top (a sticky header scrolled away would otherwise land mid-page). */
async function shot(page: Page, name: string) {
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function startCall(page: Page, email: string, name: string, title: string, mode: 'Practice' | 'Assessment', baseURL: string) {
	await createAccount(baseURL, { email, name, password: 'first-password-1', cohort: 'North team' });
	await signInFirstTime(page, email, 'first-password-1', 'outbound-password-9');
	await gotoReady(page, '/calls');
	await page.getByRole('button', { name: `${mode} call: ${title}` }).click();
	await expect(page).toHaveURL(/\/calls\/[0-9a-f-]{36}$/);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}

/** Dials from the customer's CRM record: the softphone rings, then shows the outcome. */
async function dial(page: Page, phone: string) {
	await expect(page.getByTestId('line-status')).toHaveText('Outbound call · ready to dial');
	await page.getByRole('button', { name: `Dial ${phone}` }).click();
	await expect(page.getByTestId('line-status')).toHaveText('Calling…');
	await expect(page.getByText('Ringing…')).toBeVisible();
}


/** After-call work with the interaction's status alone (plus `fields`), finished without an e-mail: scored ≥ 90. */
async function finishWithStatusOnly(page: Page, status: string, fields: Record<string, string> = {}) {
	await page.getByRole('tab', { name: 'Interaction' }).click();
	await page.getByLabel('Channel').selectOption('phone');
	await page.getByLabel('Category').selectOption('general');
	await page.getByLabel('Status').selectOption(status);
	for (const [label, value] of Object.entries(fields)) await page.getByLabel(label).fill(value);
	await page.getByRole('button', { name: 'Save interaction' }).click();
	await expect(page.getByText(/Saved at/)).toBeVisible();
	await page.getByRole('tab', { name: 'E-mail' }).click();
	await page.getByRole('button', { name: 'Finish without e-mail' }).click();
	await expect(page).toHaveURL(/\/result$/);
	expect(Number(await page.getByTestId('total-score').textContent())).toBeGreaterThanOrEqual(90);
}

test('a wrong number is finished without a detailed report and scored fairly', async ({ page, baseURL }) => {
	test.setTimeout(120_000);
	await startCall(page, 'outbound.wrong@callcraft.demo', 'Sam Dialler', 'Outbound: the number on file is wrong', 'Practice', baseURL!);
	await dial(page, '01632 960733');
	// the stranger answers after the rings; the record the call was dialled from is open
	await expect(page.locator('[data-speaker="customer"]').first()).toHaveText(/Hello\?/, { timeout: 15_000 });
	await expect(page.getByTestId('line-status')).toHaveText('Connected');
	await expect(page.locator('#profile-name')).toHaveText('Daniel Reyes');

	await sayInCall(page, 'Good morning, this is Sam calling from Meridian Energy. Could I speak to Daniel Reyes, please?', /no Daniel here/);
	// practice mode coaches the moment: nothing about the account, apologise
	await expect(page.locator('[data-testid="coach-item"][data-item="wrongNumberApology"]')).toHaveAttribute('data-status', 'open');
	await sayInCall(page, 'Oh, I am sorry, I must have the wrong number. Sorry to have bothered you.', /No harm done/);
	await sayInCall(page, 'Thanks for your patience, have a lovely day. Goodbye.', /Bye then/);
	await expect(page.getByTestId('call-state')).toHaveText('After-call work');

	// the report is the status alone: no notes
	await finishWithStatusOnly(page, 'Wrong number');
	// the results page says what happened and why no detailed report was needed
	const outcome = page.getByTestId('call-outcome');
	await expect(outcome).toContainText('someone who is not the customer answered (a wrong number)');
	await expect(outcome).toContainText('The right status is “Wrong number”: choosing it from the status list is the report, so this call needs no detailed notes.');
	await expect(page.getByTestId('outcome-logged')).toHaveText('✓ You logged it as “Wrong number”.');
	// no detailed report was needed, so none is missing: the status is checked, no notes row exists
	await expect(page.locator('#field-interaction-status')).toContainText('correct');
	await expect(page.locator('#field-interaction-notes')).toHaveCount(0);
	await expect(page.locator('#field-interaction-status')).toContainText('Wrong number');
	const etiquette = page.locator('section[aria-labelledby="etiquette-h"]');
	await expect(etiquette.locator('li', { hasText: 'Wrong number: apologised' })).toContainText('passed');
	await expect(etiquette.locator('li', { hasText: 'missed' })).toHaveCount(0);
});

test('an outbound appointment call is dialled from the CRM record and booked', async ({ page, baseURL }) => {
	test.setTimeout(150_000);
	await startCall(page, 'outbound.booking@callcraft.demo', 'Sam Booker', 'Outbound: book a mortgage review', 'Assessment', baseURL!);
	await page.setViewportSize({ width: 1280, height: 900 });
	await shot(page, 'ready-to-dial-1280');
	await dial(page, '01632 960512');
	await shot(page, 'ringing-1280');
	await expect(page.locator('[data-speaker="customer"]').first()).toContainText('Hello, Helen Marsh.', { timeout: 15_000 });

	await sayInCall(page, 'Good morning Helen, this is Sam from Northgate Building Society, calling about your fixed rate ending in May.', /letter/);
	await sayInCall(page, 'An adviser could go through your options with you at the branch.', /before May/);
	await sayInCall(page, 'What day would suit you to come in?', /thirteenth/);
	await sayInCall(page, 'Just to confirm, that is Friday 13 March at 10:00 at the branch.', /helen dot marsh/);
	await page.getByRole('tab', { name: 'Appointment' }).click();
	await page.getByLabel('Meeting date', { exact: true }).fill('2026-03-13');
	await page.getByLabel('Time', { exact: true }).fill('10:00');
	await page.getByLabel('Client title (position)').fill('Practice Manager');
	await page.getByLabel('First name', { exact: true }).fill('Helen');
	await page.getByLabel('Surname', { exact: true }).fill('Marsh');
	await page.getByLabel('Phone', { exact: true }).fill('01632 960512');
	await page.getByLabel('E-mail', { exact: true }).fill('helen.marsh@example.com');
	await page.getByLabel('Meeting subject').fill('Mortgage review before the fixed rate ends');
	await page.getByLabel('Outcome', { exact: true }).selectOption('Booked');
	await page.getByRole('button', { name: 'Book appointment' }).click();
	await expect(page.locator('[data-speaker="customer"]').last()).toContainText('bring anything');
	// an assessment call shows no coaching
	await expect(page.getByTestId('coach-panel')).toHaveCount(0);
});

test('an unanswered call ends in a callback task; ringing and voicemail look right at 1280 and 375 px', async ({ page, baseURL }) => {
	test.setTimeout(150_000);
	await startCall(page, 'outbound.noanswer@callcraft.demo', 'Sam Ringer', 'Outbound: no answer, set a callback', 'Assessment', baseURL!);
	await page.setViewportSize({ width: 375, height: 800 });
	// a narrow screen starts on the CRM, where the record and its Dial button are
	await shot(page, 'ready-to-dial-375');
	await dial(page, '01632 960288');
	await shot(page, 'ringing-375');
	await expect(page.getByTestId('no-answer')).toBeVisible({ timeout: 15_000 });
	await expect(page.locator('[data-speaker="customer"]')).toHaveCount(0);
	await shot(page, 'no-answer-375');
	await page.getByRole('button', { name: 'Hang up' }).click();
	await expect(page.getByTestId('call-state')).toHaveText('After-call work');

	await finishWithStatusOnly(page, 'No answer', { 'Follow-up date': '2026-03-13', 'Callback time': '09:30' });
	await expect(page.getByTestId('call-outcome')).toContainText('the phone rang and nobody answered');
	await expect(page.getByTestId('call-outcome')).toContainText('It also needs the callback task: Friday 13 March 2026 09:30.');
	await expect(page.locator('#field-interaction-followUpTime')).toContainText('correct');
	await expect(page.locator('#field-interaction-notes')).toHaveCount(0);

	// the voicemail state, at both widths
	await gotoReady(page, '/calls');
	await page.getByRole('button', { name: 'Practice call: Outbound: leave a voicemail about a renewal' }).click();
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await expect(page.getByTestId('callback-line')).toHaveText('Callback line: 0800 160 4411');
	await dial(page, '01632 960145');
	await expect(page.getByTestId('voicemail')).toBeVisible({ timeout: 15_000 });
	await expect(page.getByTestId('line-status')).toHaveText('Voicemail');
	await sayInCall(page, 'Hello, this is Sam from Harbour Home Insurance, calling Tom about your home insurance renewal.');
	await shot(page, 'voicemail-375');
	await page.setViewportSize({ width: 1280, height: 900 });
	await shot(page, 'voicemail-1280');
	await sayInCall(page, 'Please call us back on 0800 160 4411. Thank you, goodbye.', /Message recorded/);
	await expect(page.getByTestId('call-state')).toHaveText('After-call work');
});

test('the dry run of an outbound scenario says where the scripted call leads', async ({ page }) => {
	await loginAs(page, 'tom', '/trainer/scenarios/outbound-wrong-number');
	await gotoReady(page, '/trainer/scenarios/outbound-wrong-number');
	const outcome = page.getByTestId('call-outcome');
	await expect(outcome).toContainText('Where this call leads');
	await expect(outcome).toContainText('someone who is not the customer answered (a wrong number)');
	await expect(outcome).toContainText('The right status is “Wrong number”');
	// it is the scenario's outcome, not a result: nothing about what a trainee logged
	await expect(page.getByTestId('outcome-logged')).toHaveCount(0);
});
