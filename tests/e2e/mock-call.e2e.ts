// A full angry-caller mock call in the browser: answer, typing, CRM search/verify/edits, a dropped connection,
// a reload mid-call, hold, ticket, end, after-call work, the results page; then a trainer override the trainee sees.
import { expect, test, type Page } from '@playwright/test';
import { gotoReady, keepBillingRecord, loginAs, loginRequest, sayInCall } from './fixtures';

const TRAINEE = 'bea'; // the simulator's demo trainee (North team, trainer priya)
const TRAINER = 'priya';

const say = sayInCall;

test.describe.configure({ mode: 'serial' });

let resultUrl = '';
let openCallUrl = '';

test('a trainee completes an angry billing call end to end', async ({ page }) => {
	test.setTimeout(180_000);
	await loginAs(page, TRAINEE, '/calls');
	await gotoReady(page, '/calls');
	await page.getByRole('button', { name: 'Practice call: Angry billing dispute' }).click();
	await expect(page).toHaveURL(/\/calls\/[0-9a-f-]{36}$/);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	const callUrl = page.url();

	// Incoming call from the queue, with the IVR choice.
	await expect(page.getByTestId('ivr-choice')).toHaveText('2 – Bills and payments');
	await expect(page.getByTestId('call-state')).toHaveText('Ringing');
	await page.getByRole('button', { name: /Answer call/ }).click();
	await expect(page.getByTestId('call-state')).toHaveText('On call');
	await expect(page.getByTestId('mood-word')).toHaveText(/Angry|Furious/);

	await say(page, 'Good morning, Meridian Energy, my name is Bea. How can I help?', /four hundred and twelve pounds/);
	await say(
		page,
		"I'm so sorry, I completely understand how worrying that is. Can I take your name, date of birth and postcode to verify your account?",
		/Denise Okafor/
	);

	// CRM: find the caller by the caller ID, open her profile, verify identity.
	await page.getByRole('button', { name: 'Caller ID' }).click();
	await page.getByRole('button', { name: /Denise Okafor/ }).click();
	await expect(page.getByRole('heading', { name: 'Denise Okafor' })).toBeVisible();
	await page.getByRole('button', { name: 'Verify identity' }).click();
	await expect(page.getByTestId('identity-verified')).toBeVisible();
	await expect(page.locator('[data-speaker="customer"]').last()).toContainText("What's gone wrong");

	await say(page, 'Thank you. I can see the bill used an estimated reading, not an actual reading.', /photo of the meter/);

	// The connection drops while the trainee answers: the line waits and is delivered once back online.
	await page.context().setOffline(true);
	const box = page.getByLabel('Your answer');
	await box.fill('I am sorry nobody updated it. I will reissue a corrected bill with your actual reading of 45102.');
	await box.press('Enter');
	await expect(page.getByTestId('sync-status')).toContainText('Connection lost');
	await page.context().setOffline(false);
	await expect(page.getByTestId('sync-status')).toHaveText(/All changes saved/, { timeout: 20_000 });
	await expect(page.locator('[data-speaker="customer"]').last()).toContainText('direct debit');

	// Interaction log typed mid-call (autosaved), then a reload resumes the same call with everything kept.
	await page.getByLabel('Notes').fill('Disputed bill of 412.67 based on an estimated reading. Actual reading 45102 from the February photo.');
	await expect(page.getByTestId('sync-status')).toHaveText(/All changes saved/, { timeout: 10_000 });
	await page.getByLabel('Your answer').fill('A half-typed answer');
	await page.reload();
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	expect(page.url()).toBe(callUrl);
	await expect(page.getByTestId('call-state')).toHaveText('On call');
	await expect(page.locator('[data-speaker="trainee"]')).toHaveCount(4);
	await expect(page.getByLabel('Notes')).toHaveValue(/Actual reading 45102/);
	await expect(page.getByLabel('Your answer')).toHaveValue('A half-typed answer');

	// Hold with permission, then resume.
	await say(page, 'Can I put you on hold for a moment while I check your meter readings?');
	await page.getByRole('button', { name: /Hold/ }).click();
	await expect(page.getByText('Call placed on hold')).toBeVisible();
	await expect(page.getByLabel('Your answer')).toBeDisabled();
	await page.getByRole('button', { name: /Resume/ }).click();
	await expect(page.getByText('Call resumed')).toBeVisible();
	await say(page, 'Thank you for holding. I have paused the direct debit, so nothing will come out on the 18th.', /relief/);

	// Ticket to the billing team and the finished interaction log, then the summary.
	await keepBillingRecord(
		page,
		'Disputed bill of 412.67 based on an estimated reading. Actual reading 45102 from the February photo. Direct debit paused. Rebill requested.'
	);
	await say(page, 'To summarise the next steps: you will receive a corrected bill and the direct debit is paused.', /corrected bill/);

	// End the call; after-call work: the acknowledgement e-mail from a template.
	await page.getByRole('button', { name: /End call/ }).click();
	await expect(page.getByTestId('call-state')).toHaveText('After-call work');
	await expect(page.getByRole('tab', { name: 'E-mail' })).toHaveAttribute('aria-selected', 'true');
	await page.getByLabel('Template').selectOption({ label: 'Refund requested' });
	await expect(page.getByLabel('Subject')).toHaveValue(/TCK-/);
	await expect(page.getByLabel('To', { exact: true })).toHaveValue('denise.okafor@example.net');
	await page.getByLabel('Message').fill(
		'Dear Ms Okafor,\n\nWe will send you a corrected bill using your actual reading of 45102. Your direct debit is paused until then.\n\nKind regards,\nBea'
	);
	// Sending while offline fails once, in one place, and keeps the e-mail as written.
	await page.context().setOffline(true);
	await page.getByRole('button', { name: 'Send e-mail and finish' }).click();
	await expect(page.getByRole('alert')).toHaveCount(1);
	await expect(page.getByRole('alert')).toContainText('Could not reach the server');
	await expect(page.getByLabel('Message')).toHaveValue(/actual reading of 45102/);
	await page.context().setOffline(false);
	await page.getByRole('button', { name: 'Send e-mail and finish' }).click();

	// Results page.
	await expect(page).toHaveURL(/\/calls\/[0-9a-f-]{36}\/result$/);
	resultUrl = new URL(page.url()).pathname;
	await expect(page.getByTestId('total-score')).toHaveText(/^\d+(\.\d)?$/);
	await expect(page.getByRole('heading', { name: 'The record, field by field' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Caller mood' })).toBeVisible();
	await expect(page.locator('svg[role="group"] path')).toHaveCount(1);
	await expect(page.locator('#ev-0')).toContainText('Call answered');
	await expect(page.locator('.timeline .trainee .tone').first()).toContainText('politeness');
	// Evidence links land on timeline anchors that exist.
	const links = page.locator('a.ev-link');
	if ((await links.count()) > 0) {
		const href = await links.first().getAttribute('href');
		await expect(page.locator(href!)).toHaveCount(1);
	}
});

test('the API refuses events after the call ended (409), malformed events (400) and other trainees (403)', async ({ playwright, baseURL }) => {
	const trainee = await playwright.request.newContext({ baseURL });
	await loginRequest(trainee, TRAINEE, baseURL!);
	const id = resultUrl.split('/')[2];
	const post = (ctx: typeof trainee, path: string, data: unknown) => ctx.post(`/api/calls/${id}/${path}`, { data, headers: { origin: baseURL! } });

	const late = await post(trainee, 'events', { clientId: 'late-1', event: { type: 'trainee_utterance', t: 1, text: 'Hello?' } });
	expect(late.status()).toBe(409);
	expect((await late.json()).error.code).toBe('call_ended');

	const bad = await post(trainee, 'events', { clientId: 'bad-1', event: { type: 'trainee_utterance', t: 1, text: 'x'.repeat(5000) } });
	expect(bad.status()).toBe(400);
	expect((await bad.json()).error.message).toMatch(/text/);
	const serverOnly = await post(trainee, 'events', { clientId: 'bad-2', event: { type: 'call_ended', t: 1, by: 'customer' } });
	expect(serverOnly.status()).toBe(400);

	const other = await playwright.request.newContext({ baseURL });
	await loginRequest(other, 'chris', baseURL!);
	expect((await post(other, 'events', { clientId: 'x-1', event: { type: 'hold_start', t: 1 } })).status()).toBe(403);
	expect((await other.get(`/api/calls/${id}/result`)).status()).toBe(403);
	expect((await post(trainee, 'nope', {})).status()).toBe(404);
	const unknown = await trainee.post('/api/calls', { data: { scenarioSlug: 'no-such-scenario' }, headers: { origin: baseURL! } });
	expect(unknown.status()).toBe(404);
	await trainee.dispose();
	await other.dispose();
});

test('a trainer finds the call waiting for review from the home page, overrides a section score with a reason, and the trainee sees it', async ({ page, browser }) => {
	await loginAs(page, TRAINER, '/');
	await gotoReady(page, '/');
	const id = resultUrl.split('/')[2];
	const row = page.locator('tr', { has: page.locator(`a[href="/trainer/calls/${id}"]`) });
	// The home card's count leads to the calls waiting for review: this one is among them, none is marked reviewed.
	await page.getByRole('link', { name: /finished calls? not yet reviewed/ }).click();
	await expect(page).toHaveURL(/\/trainer\/calls\?show=waiting$/);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await expect(page.getByLabel('Calls', { exact: true })).toHaveValue('waiting');
	await expect(row).toBeVisible();
	await expect(page.locator('tbody .badge-success')).toHaveCount(0);
	await row.locator(`a[href="/trainer/calls/${id}"]`).click();
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await expect(page.getByRole('heading', { name: /Review: Angry billing dispute/ })).toBeVisible();

	// A reason is required.
	await page.getByLabel('Section', { exact: true }).selectOption('etiquette');
	await page.getByLabel('New score (0–100)').fill('95');
	await page.getByRole('button', { name: 'Save score change' }).click();
	await expect(page.getByText('Give the trainee a reason')).toBeVisible();
	await expect(page.getByLabel('New score (0–100)')).toHaveValue('95');

	await page.getByLabel('Reason (shown to the trainee)').fill('The greeting and close were fine on the recording.');
	await page.getByRole('button', { name: 'Save score change' }).click();
	await expect(page.getByText('Score changed.')).toBeInViewport();
	await expect(page.getByTestId('section-etiquette')).toHaveText('95');
	await page.getByLabel('Comment', { exact: true }).fill('Great de-escalation. Verify before you mention the amount next time.');
	await page.getByRole('button', { name: 'Add comment' }).click();
	await expect(page.getByText('Comment added.')).toBeInViewport();
	// the next call waiting for review is one click away (the demo's other North team calls wait)
	const next = page.getByRole('link', { name: 'Next call waiting for review' });
	const nextHref = (await next.getAttribute('href'))!;
	expect(nextHref).toMatch(/^\/trainer\/calls\/[0-9a-f-]{36}$/);
	expect(nextHref).not.toContain(id);
	await gotoReady(page, '/trainer/calls?show=waiting');
	await expect(page.locator(`tbody a[href="${nextHref}"]`)).toBeVisible();
	await gotoReady(page, '/trainer/calls');
	await expect(row).toContainText('reviewed');
	// reviewed, it waits no more; choosing "Waiting for review" in the list's filter shows that too
	await page.getByLabel('Calls', { exact: true }).selectOption('waiting');
	await expect(page).toHaveURL(/show=waiting/);
	await expect(row).toHaveCount(0);

	const traineeContext = await browser.newContext();
	const traineePage = await traineeContext.newPage();
	await loginAs(traineePage, TRAINEE, resultUrl);
	await gotoReady(traineePage, resultUrl);
	await expect(traineePage.getByTestId('section-etiquette')).toHaveText('95');
	await expect(traineePage.getByText('The greeting and close were fine on the recording.')).toBeVisible();
	await expect(traineePage.getByText('Great de-escalation.')).toBeVisible();
	await traineeContext.close();
});

test('on a 375 px screen the call and the CRM take turns, and the caller stays in sight', async ({ page }) => {
	await page.setViewportSize({ width: 375, height: 812 });
	await loginAs(page, TRAINEE, '/calls');
	await gotoReady(page, '/calls');
	await page.getByRole('button', { name: 'Practice call: Angry billing dispute' }).click();
	await expect(page).toHaveURL(/\/calls\/[0-9a-f-]{36}$/);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByRole('button', { name: /Answer call/ }).click();
	await say(page, 'Good morning, Meridian Energy, my name is Bea. How can I help?', /four hundred/);
	await expect(page.getByLabel('Search customers')).toBeHidden();
	await page.getByRole('button', { name: 'CRM', exact: true }).click();
	await expect(page.getByLabel('Your answer')).toBeHidden();
	await expect(page.locator('.last-line')).toContainText('four hundred');
	await page.getByLabel('Search customers').fill('Okafor');
	await expect(page.getByRole('button', { name: /Denise Okafor/ })).toBeVisible();
	const width = await page.evaluate(() => document.querySelector('.sim')!.getBoundingClientRect().width);
	expect(width).toBeLessThanOrEqual(375);
	await page.locator('.pane-switch button').first().click();
	await expect(page.getByLabel('Your answer')).toBeVisible();
	openCallUrl = new URL(page.url()).pathname;
});

test('the scenario picker shows the best score, resumes the unfinished call, and a result leads back to it', async ({ page }) => {
	await loginAs(page, TRAINEE, resultUrl);
	await gotoReady(page, resultUrl);
	const total = (await page.getByTestId('total-score').textContent())!.trim();
	await page.getByRole('link', { name: 'Practise again' }).click();
	await expect(page).toHaveURL(/\/calls#scenario-angry-billing-dispute$/);
	const card = page.locator('#scenario-angry-billing-dispute');
	await expect(card).toContainText(`1 attempt · best ${total}`);

	// The call left open by the previous test is one click away, still connected, not a new call.
	await card.getByRole('link', { name: 'Resume call' }).click();
	await expect(page).toHaveURL(openCallUrl);
	await expect(page.getByTestId('call-state')).toHaveText('On call');
	await expect(page.locator('[data-speaker="trainee"]')).toHaveCount(1);

	// Dead air: after the scenario's 20 s of silence the caller speaks up by herself.
	await expect(page.locator('[data-speaker="customer"]').last()).toContainText('Are you still there?', { timeout: 45_000 });
});
