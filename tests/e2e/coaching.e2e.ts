// Issue #17: practice calls coach the trainee live beside the softphone (checklist ticking, cues, mood meter);
// assessment calls show none of it; starting a scenario whose call is still open offers to resume it.
import { expect, test } from '@playwright/test';
import { createAccount, gotoReady, sayInCall, signInFirstTime } from './fixtures';

const EMAIL = 'coach.trainee@callcraft.demo';
const FIRST = 'first-password-1';
const PASSWORD = 'coach-call-password-9';
const SHOTS = 'test-results/coaching';

test.describe.configure({ mode: 'serial' });

test('a practice call coaches live, an assessment call does not, and a second start offers to resume', async ({ page, baseURL }) => {
	test.setTimeout(150_000);
	await createAccount(baseURL!, { email: EMAIL, name: 'Casey Coach', password: FIRST, cohort: 'South team' });
	await signInFirstTime(page, EMAIL, FIRST, PASSWORD);
	await gotoReady(page, '/calls');
	await page.screenshot({ path: `${SHOTS}/picker-1280.png`, fullPage: false });

	// Practice: the coach panel beside the softphone, the checklist ticking as items are met.
	await page.getByRole('button', { name: 'Practice call: Angry billing dispute' }).click();
	await expect(page).toHaveURL(/\/calls\/[0-9a-f-]{36}$/);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	const practiceUrl = new URL(page.url()).pathname;
	await page.getByRole('button', { name: /Answer call/ }).click();
	const panel = page.getByTestId('coach-panel');
	await expect(panel).toBeVisible();
	await expect(panel.getByTestId('mood-word')).toHaveText(/Angry|Furious/);
	const greeting = panel.locator('[data-item="greeting"]');
	await expect(greeting).toHaveAttribute('data-status', 'open');
	await sayInCall(page, 'Good morning, Meridian Energy, my name is Casey. How can I help?', /four hundred and twelve pounds/);
	await expect(greeting).toHaveAttribute('data-status', 'met');
	await expect(panel.getByTestId('coach-record')).toHaveText(/^0 of \d+ fields$/);

	// A blaming line raises the caller's anger: the cue says so at once.
	await sayInCall(page, 'Well, you should have sent us a meter reading.');
	await expect(panel.locator('[data-kind="blame"]')).toContainText('sounded like blame');
	// Saying an account detail before verifying is missed at once.
	await sayInCall(page, 'I am sorry. I can see the bill of 412.67 used an estimated reading.');
	await expect(panel.locator('[data-item="identityBeforeDisclosure"]')).toHaveAttribute('data-status', 'missed');
	// Wrapping up with the record still empty: the cue names the empty fields.
	await sayInCall(page, 'Is there anything else I can help you with today?');
	await expect(panel.locator('[data-kind="emptyField"]')).toContainText(/Interaction log: Channel, Category, Status, Notes/);
	await page.screenshot({ path: `${SHOTS}/practice-1280.png`, fullPage: true });

	// The same call on a phone-sized screen: the coach sits under the softphone on the call pane, and its latest cue
	// rides in the sticky bar at the top, in view on either pane; the bar's link leads to the panel.
	await page.setViewportSize({ width: 375, height: 812 });
	await expect(panel).toBeVisible();
	const strip = page.getByTestId('coach-strip');
	await expect(strip).toBeInViewport();
	await expect(strip).toContainText(/Interaction log: Channel, Category, Status, Notes|silence|dead air/);
	await page.screenshot({ path: `${SHOTS}/practice-375.png`, fullPage: true });
	await page.getByRole('button', { name: 'CRM', exact: true }).click();
	await expect(panel).toBeHidden();
	await page.mouse.wheel(0, 2000);
	await expect(strip).toBeInViewport();
	await page.screenshot({ path: `${SHOTS}/practice-crm-375.png` });
	await strip.click();
	await expect(panel).toBeInViewport();
	await page.setViewportSize({ width: 1280, height: 800 });

	// Starting the same scenario again while this call is open offers to resume it instead of a second call.
	await gotoReady(page, '/calls');
	await page.getByRole('button', { name: 'Assessment call: Angry billing dispute' }).click();
	const offer = page.locator('.resume-offer');
	await expect(offer).toContainText('Your practice call of “Angry billing dispute” is still open');
	await page.screenshot({ path: `${SHOTS}/resume-offer-1280.png` });
	await offer.getByRole('link', { name: 'Resume the open call' }).click();
	await expect(page).toHaveURL(practiceUrl);
	await expect(page.getByTestId('call-state')).toHaveText('On call');
	await expect(page.locator('[data-speaker="trainee"]')).toHaveCount(4);

	// Assessment: no coach panel, no mood meter, no cues, even after a blaming line.
	await gotoReady(page, '/calls');
	await page.getByRole('button', { name: 'Assessment call: Upgrade enquiry for full fibre' }).click();
	await expect(page).toHaveURL(/\/calls\/[0-9a-f-]{36}$/);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByRole('button', { name: /Answer call/ }).click();
	await expect(page.getByTestId('call-state')).toHaveText('On call');
	await sayInCall(page, 'Hello, you should have read the website first.');
	await expect(page.locator('[data-speaker="customer"]')).not.toHaveCount(0);
	await expect(page.getByTestId('coach-panel')).toHaveCount(0);
	await expect(page.getByTestId('mood-word')).toHaveCount(0);
	await expect(page.getByTestId('coach-cue')).toHaveCount(0);
	await page.screenshot({ path: `${SHOTS}/assessment-1280.png`, fullPage: true });

	// The API agrees: the assessment call's answers carry no coaching.
	const id = new URL(page.url()).pathname.split('/')[2];
	const res = await page.request.post(`/api/calls/${id}/events`, {
		data: { clientId: 'coach-a1', event: { type: 'trainee_utterance', t: 60_000, text: 'Sorry about that.' } },
		headers: { origin: baseURL! }
	});
	expect(res.status()).toBe(200);
	expect(await res.json()).not.toHaveProperty('coaching');
});

test('the results page plays a mistyped e-mail forward: the confirmation bounces, linked to the field and the moment', async ({ page, baseURL }) => {
	test.setTimeout(90_000);
	await gotoReady(page, '/login?redirectTo=%2Fcalls');
	await page.getByLabel('E-mail').fill(EMAIL);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/calls$/);

	const api = async (path: string, data: unknown = {}) => {
		const res = await page.request.post(path, { data, headers: { origin: baseURL! } });
		expect(res.ok(), `${path}: ${res.status()}`).toBe(true);
		return res.json();
	};
	const { id } = await api('/api/calls', { scenarioSlug: 'angry-billing-dispute', mode: 'assessment' });
	await api(`/api/calls/${id}/answer`);
	const event = (n: number, e: Record<string, unknown>) => api(`/api/calls/${id}/events`, { clientId: `cons-${n}`, event: { t: n * 1000, ...e } });
	await event(1, { type: 'trainee_utterance', text: 'Good morning, Meridian Energy, my name is Casey.' });
	await event(2, { type: 'customer_opened', accountId: 'MER-20931' });
	await event(3, { type: 'crm_change', section: 'interaction', field: 'notes', value: 'Disputed bill of 412.67 from an estimated reading.' });
	await api(`/api/calls/${id}/end`);
	await api(`/api/calls/${id}/acw`, {
		email: { to: 'denise.okafor@exmaple.net', subject: 'Your corrected bill', body: 'Dear Ms Okafor, your corrected bill is on its way and the direct debit is paused.' }
	});

	await gotoReady(page, `/calls/${id}/result`);
	const replay = page.getByTestId('consequences');
	await expect(replay.getByRole('heading', { name: 'What happens next for the customer' })).toBeVisible();
	const bounce = replay.locator('li[data-field="acknowledgement.to"]');
	await expect(bounce).toHaveAttribute('data-good', 'false');
	await expect(bounce).toContainText('The confirmation is sent to denise.okafor@exmaple.net, which does not exist: it bounces');
	await expect(replay.locator('li[data-field="interaction.followUpDate"]')).toContainText('No follow-up date');
	await page.screenshot({ path: `${SHOTS}/consequences-1280.png`, fullPage: false, clip: { x: 0, y: 0, width: 1280, height: 1400 } });

	// The field link lands on the record row; the moment link on the after-call work on the timeline.
	await bounce.getByRole('link', { name: 'Acknowledgement e-mail › Recipient' }).click();
	await expect(page.locator('#field-acknowledgement-to')).toBeInViewport();
	await expect(page.locator('#field-acknowledgement-to')).toContainText('denise.okafor@exmaple.net');
	const moment = await bounce.locator('a.ev-link').getAttribute('href');
	await expect(page.locator(moment!)).toContainText(/after-call work|e-mail/i);

	await page.setViewportSize({ width: 375, height: 812 });
	await replay.scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${SHOTS}/consequences-375.png` });
});
