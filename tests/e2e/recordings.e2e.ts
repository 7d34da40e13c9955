// Recorded calls (issue #17): a voice call recorded from Chromium's fake microphone (an espeak WAV) and played back
// by the trainee's trainer, who pins a comment to a moment; the upload and audio API's limits and authorization;
// a recording whose audio file is gone.
import { chromium, expect, request as playwrightRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodeWav } from '../../src/lib/audio/wav-encode';
import { spokenWav } from '../fixtures/speech';
import { createAccount, gotoReady, loginAs, loginRequest, sayInCall, signInFirstTime } from './fixtures';
import { chromiumArgs, databasePath } from '../../playwright.config';
import { seriousViolations } from './axe';

const executablePath = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const FIRST = 'Record-first-2026';
const PASSWORD = 'Record-e2e-2026';
const recordingsDir = join(dirname(databasePath), 'recordings');

/** `sec` seconds of a quiet tone, 16 kHz. */
const tone = (sec: number) => Float32Array.from({ length: Math.round(sec * 16000) }, (_, i) => 0.2 * Math.sin((2 * Math.PI * 300 * i) / 16000));

/** Waits until the page's <audio> has read the recording's header; returns its duration in seconds. */
async function audioReady(page: Page): Promise<number> {
	const audio = page.locator('audio');
	await expect(audio).toHaveCount(1);
	await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => (a.error ? -1 : a.readyState)), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
	return audio.evaluate((a: HTMLAudioElement) => a.duration);
}
const audioTime = (page: Page) => page.locator('audio').evaluate((a: HTMLAudioElement) => a.currentTime);
const clockSeconds = (text: string) => text.trim().split(':').map(Number).reduce((a, n) => a * 60 + n, 0);

test('a voice call recorded with the fake microphone is played back by the trainer, who pins a comment to a moment', async ({ baseURL, page }) => {
	test.setTimeout(240_000);
	const email = `rec-voice-${Date.now()}@example.test`;
	await createAccount(baseURL!, { email, name: 'Rita Recorded', password: FIRST, cohort: 'North team' });

	// The trainee's browser: its microphone plays the greeting once, from when the microphone is switched on.
	const wav = spokenWav('Good morning, Meridian Energy, my name is Rita. How can I help you today?', { padBefore: 1.0, padAfter: 2.0 });
	const browser = await chromium.launch({
		executablePath,
		args: [...chromiumArgs, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${wav}%noloop`]
	});
	const trainee = await (await browser.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.41' } })).newPage();
	await signInFirstTime(trainee, email, FIRST, PASSWORD);
	await gotoReady(trainee, '/calls');
	await trainee.getByRole('button', { name: 'Practice call: Angry billing dispute' }).click();
	await expect(trainee).toHaveURL(/\/calls\/[0-9a-f-]{36}$/);
	const callId = trainee.url().split('/').at(-1)!;
	await trainee.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await trainee.getByRole('button', { name: /Answer call/ }).click();
	await expect(trainee.getByTestId('call-state')).toHaveText('On call');

	await trainee.getByText('Answer by voice instead').click();
	await expect(trainee.getByText('Your spoken answers are recorded with the call')).toBeVisible();
	await expect(trainee.getByTestId('voice-status')).toHaveText('Voice ready', { timeout: 90_000 });
	// Push-to-talk from the moment the microphone starts: the whole greeting is in this turn.
	await trainee.getByRole('button', { name: 'Turn on microphone' }).click();
	const talk = trainee.getByRole('button', { name: /Hold to talk/ });
	await talk.hover();
	await trainee.mouse.down();
	await expect(trainee.getByRole('button', { name: /Recording/ })).toBeVisible();
	await trainee.waitForTimeout(6500);
	await trainee.mouse.up();
	await expect(trainee.locator('[data-speaker="trainee"]').last()).toContainText(/help you/i, { timeout: 60_000 });
	// A typed line too: the recording holds the spoken turns only, the transcript both.
	await sayInCall(trainee, 'I am sorry about the bill, let me look into it for you.');
	await expect.poll(() => (existsSync(join(recordingsDir, callId)) ? readdirSync(join(recordingsDir, callId)).length : 0), { timeout: 15_000 }).toBe(1);

	await trainee.getByRole('button', { name: /End call/ }).click();
	await expect(trainee.getByTestId('call-state')).toHaveText('After-call work');
	await trainee.getByRole('button', { name: 'Finish without e-mail' }).click();
	await expect(trainee).toHaveURL(/\/result$/);
	await trainee.locator('html[data-hydrated]').waitFor({ state: 'attached' });

	// The trainee's results page has the player: the whole call on one clock, at least as long as the spoken turn.
	await expect(trainee.getByTestId('call-player')).toBeVisible();
	await trainee.locator('li.ev.trainee').first().getByRole('button', { name: /Play from/ }).click();
	expect(await audioReady(trainee)).toBeGreaterThan(5);
	await trainee.locator('audio').evaluate((a: HTMLAudioElement) => a.pause());

	// The trainer reviews it.
	await loginAs(page, 'priya', `/trainer/calls/${callId}`);
	await gotoReady(page, `/trainer/calls/${callId}`);
	await expect(page.getByRole('heading', { name: 'Recording' })).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);

	// The audio is what the microphone said: one turn of speech, not silence.
	const range = await page.request.get(`/api/calls/${callId}/recording`, { headers: { range: 'bytes=0-' } });
	expect(range.status()).toBe(206);
	const bytes = await range.body();
	expect(bytes.subarray(0, 4).toString()).toBe('RIFF');
	expect([...bytes.subarray(58)].filter((b) => b !== 0xff && b !== 0x7f).length).toBeGreaterThan(8000); // > 1 s not silent

	// Clicking a deduction's evidence link moves the player to its line.
	const link = page.locator('.deductions a.ev-link').first();
	const lineId = (await link.getAttribute('href'))!.slice(1);
	const lineAt = Number(await page.locator(`#${lineId}`).getAttribute('data-t')) / 1000;
	await link.click();
	// a quarter of a second before the line, so it is heard from its start. Chromium lands on a WAV packet boundary
	// near the asked time (0.15 s off on an idle box, 0.35 s seen once on a loaded one): within half a second the line
	// is still heard from its start, which is what the trainer needs.
	await expect.poll(async () => Math.abs((await audioTime(page)) - Math.max(0, lineAt - 0.25))).toBeLessThan(0.5);
	// the seek loaded the recording (the page itself reads no audio until then)
	expect(await audioReady(page)).toBeGreaterThan(5);
	await expect(page.locator(`#${lineId}`)).toBeInViewport();

	// Playing from the trainee's spoken line, the trainer takes the player's position into a pinned comment.
	const spoken = page.locator('li.ev.trainee').first();
	const spokenAt = Number(await spoken.getAttribute('data-t')) / 1000;
	await spoken.getByRole('button', { name: /Play from/ }).click();
	await expect.poll(() => audioTime(page)).toBeGreaterThanOrEqual(Math.max(0, spokenAt - 0.3));
	await page.locator('audio').evaluate((a: HTMLAudioElement) => a.pause());
	await page.getByRole('button', { name: "Use the player's position" }).click();
	const at = page.getByLabel('Pin to a moment (optional)');
	await expect(at).toHaveValue(/^\d\d:\d\d$/);
	const pinned = clockSeconds(await at.inputValue());
	expect(pinned).toBeGreaterThanOrEqual(Math.floor(spokenAt - 1));
	await page.locator('#comment-body').fill('Listen to your greeting here: warm, and the company name comes first. Well done.');
	await page.getByRole('button', { name: 'Add comment' }).click();
	await expect(page.getByText('Comment added.')).toBeVisible();
	const pin = page.getByTestId('pinned-comment');
	await expect(pin).toContainText('Listen to your greeting here');
	await expect(page.getByRole('button', { name: /^Comment at \d\d:\d\d: Listen to your greeting/ })).toBeVisible();
	// the marker seeks to the pinned moment
	await page.locator('audio').evaluate((a: HTMLAudioElement) => (a.currentTime = 0));
	await page.getByRole('button', { name: /^Comment at/ }).click();
	await expect.poll(() => audioTime(page)).toBeGreaterThanOrEqual(Math.max(0, pinned - 0.5));
	await page.locator('audio').evaluate((a: HTMLAudioElement) => a.pause());

	for (const width of [1280, 375]) {
		await page.setViewportSize({ width, height: 900 });
		await page.getByTestId('call-player').scrollIntoViewIfNeeded();
		await page.screenshot({ path: `test-results/screens/recording-review-${width}.png`, fullPage: false });
	}

	// The trainee sees the pinned comment on the timeline at its moment.
	await trainee.reload();
	await expect(trainee.getByTestId('pinned-comment')).toContainText('Listen to your greeting here');
	for (const width of [1280, 375]) {
		await trainee.setViewportSize({ width, height: 800 });
		await trainee.getByTestId('call-player').scrollIntoViewIfNeeded();
		await trainee.screenshot({ path: `test-results/screens/recording-result-${width}.png`, fullPage: false });
	}
	await browser.close();
});

/** A new North-team trainee, signed in through the API with their first password changed. */
async function newTrainee(baseURL: string, email: string, name: string, ip: string): Promise<APIRequestContext> {
	await createAccount(baseURL, { email, name, password: FIRST, cohort: 'North team' });
	const ctx = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': ip } });
	const html = { origin: baseURL, accept: 'text/html' };
	expect((await ctx.post('/login', { form: { email, password: FIRST }, headers: html, maxRedirects: 0 })).status()).toBe(303);
	expect((await ctx.post('/account/password', { form: { current: FIRST, password: PASSWORD, confirm: PASSWORD }, headers: html, maxRedirects: 0 })).status()).toBe(303);
	return ctx;
}

test('a long recorded call opens with its first lines; a deduction citing a later line renders it and seeks to it', async ({ baseURL, page }) => {
	test.setTimeout(120_000);
	const trainee = await newTrainee(baseURL!, `rec-long-${Date.now()}@example.test`, 'Lena Longcall', '127.0.0.47');
	const api = async (path: string, data: unknown = {}) => {
		const res = await trainee.post(path, { data, headers: { origin: baseURL! } });
		expect(res.status(), path).toBeLessThan(300);
		return res.json();
	};
	const { id } = await api('/api/calls', { scenarioSlug: 'sales-enquiry' });
	await api(`/api/calls/${id}/answer`);
	const upload = await trainee.post(`/api/calls/${id}/recording?t=0&turn=long-a`, { data: Buffer.from(encodeWav(tone(1))), headers: { origin: baseURL!, 'content-type': 'audio/wav' } });
	expect(upload.status()).toBe(201);
	// 90 note edits: the interaction log's notes end up wrong, and the deduction for them cites the last edit (all
	// within the 1 s of recorded audio, so the player can seek to each of them)
	for (let i = 0; i < 90; i++) {
		await api(`/api/calls/${id}/events`, { clientId: `n${i}`, event: { type: 'crm_change', t: i * 10, section: 'interaction', field: 'notes', value: `Draft ${i}` } });
	}
	await api(`/api/calls/${id}/end`);
	await api(`/api/calls/${id}/acw`, { email: null });
	await trainee.dispose();

	await loginAs(page, 'priya', `/trainer/calls/${id}`);
	await gotoReady(page, `/trainer/calls/${id}`);
	const lines = page.locator('.timeline li.ev');
	const total = Number(await lines.first().getAttribute('aria-setsize'));
	expect(total).toBeGreaterThan(90);
	await expect(lines).toHaveCount(60); // the first page; the rest when scrolled to or asked for
	await expect(page.getByRole('button', { name: `Show more lines (${total - 60} after these)` })).toBeVisible();

	const cited = await page.locator('.deductions a.ev-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
	const href = cited.find((h) => Number(h.replace('#ev-', '')) >= 60);
	expect(href, `a deduction citing a line after the first page (${cited.join(' ')})`).toBeTruthy();
	const lineId = href!.slice(1);
	await expect(page.locator(`#${lineId}`)).toHaveCount(0);
	await page.locator(`.deductions a.ev-link[href="${href}"]`).first().click();
	const line = page.locator(`#${lineId}`);
	await expect(line).toBeInViewport();
	await expect(page).toHaveURL(new RegExp(`#${lineId}$`));
	const lineAt = Number(await line.getAttribute('data-t')) / 1000;
	await expect.poll(async () => Math.abs((await audioTime(page)) - Math.max(0, lineAt - 0.25))).toBeLessThan(0.5);
	// its "Play from" button plays from there (one click handler for the whole timeline)
	await page.locator('audio').evaluate((a: HTMLAudioElement) => a.pause());
	await line.getByRole('button', { name: /Play from/ }).click();
	await expect.poll(() => page.locator('audio').evaluate((a: HTMLAudioElement) => !a.paused)).toBe(true);
	await page.locator('audio').evaluate((a: HTMLAudioElement) => a.pause());
	expect(await seriousViolations(page)).toEqual([]);

	// without JavaScript the whole timeline is one link away
	const all = await page.request.get(`/trainer/calls/${id}?timeline=all`);
	expect((await all.text()).match(/<li id="ev-\d+"/g)?.length).toBe(total);
});

test.describe('the recording API', () => {
	let owner: APIRequestContext;
	let callId: string;
	const send = (ctx: APIRequestContext, body: Uint8Array | string, query = `t=0&turn=t${Date.now()}`, type = 'audio/wav') =>
		ctx.post(`/api/calls/${callId}/recording?${query}`, { data: Buffer.from(body), headers: { origin: ownerOrigin, 'content-type': type } });
	let ownerOrigin = '';
	let ownerEmail = '';

	test.beforeAll(async ({ baseURL }) => {
		ownerOrigin = baseURL!;
		const email = (ownerEmail = `rec-api-${Date.now()}@example.test`);
		owner = await newTrainee(baseURL!, email, 'Api Recorder', '127.0.0.42');
		const api = (path: string, data: unknown = {}) => owner.post(path, { data, headers: { origin: baseURL! } });
		const started = await api('/api/calls', { scenarioSlug: 'sales-enquiry' });
		expect(started.status()).toBe(201);
		callId = (await started.json()).id;
		expect((await send(owner, encodeWav(tone(1)))).status(), 'before the call is answered').toBe(409);
		expect((await api(`/api/calls/${callId}/answer`)).status()).toBe(200);
	});

	test.afterAll(async () => {
		await owner?.dispose();
	});

	test('keeps the owner’s turn once, and refuses bad, large, long or foreign uploads with 4xx', async ({ baseURL }) => {
		const first = await send(owner, encodeWav(tone(1.5)), 't=0&turn=turn-a');
		expect(first.status()).toBe(201);
		expect(await first.json()).toMatchObject({ samples: 12000, duplicate: false });
		expect((await send(owner, encodeWav(tone(1.5)), 't=0&turn=turn-a')).status(), 'a retry is stored once').toBe(200);

		const longer = await send(owner, encodeWav(tone(61)), 't=0&turn=long');
		expect(longer.status()).toBe(413);
		expect((await longer.json()).error.message).toMatch(/60 s/);
		// own context: the server answers 413 without reading the body and then drops the connection
		const big = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.46' } });
		expect((await big.post('/login', { form: { email: ownerEmail, password: PASSWORD }, headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 })).status()).toBe(303);
		expect((await send(big, new Uint8Array(2 * 1024 * 1024 + 10), 't=0&turn=big')).status()).toBe(413);
		await big.dispose();
		for (const [query, body, type, status] of [
			['t=abc&turn=x', encodeWav(tone(0.5)), 'audio/wav', 400],
			['t=0&turn=../../etc', encodeWav(tone(0.5)), 'audio/wav', 400],
			['t=0', encodeWav(tone(0.5)), 'audio/wav', 400],
			['t=0&turn=x&extra=1', encodeWav(tone(0.5)), 'audio/wav', 400],
			['t=0&turn=x', 'not audio', 'text/plain', 415],
			['t=0&turn=x', 'RIFF garbage', 'audio/wav', 415],
			['t=0&turn=x', '', 'audio/wav', 415]
		] as const) {
			const res = await send(owner, body, query, type);
			expect(res.status(), `${query} ${type}`).toBe(status);
			expect((await res.json()).error.message).toBeTruthy();
		}

		// Another trainee may not add audio to this call, nor hear it; a trainer of another cohort neither.
		const other = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.43' } });
		await loginRequest(other, 'alex', baseURL!);
		expect((await send(other, encodeWav(tone(0.5)), 't=0&turn=intruder')).status()).toBe(403);
		expect((await other.get(`/api/calls/${callId}/recording`)).status()).toBe(403);
		await other.dispose();
		const tom = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.44' } });
		await loginRequest(tom, 'tom', baseURL!);
		expect((await tom.get(`/api/calls/${callId}/recording`)).status()).toBe(403);
		await tom.dispose();
		const anon = await playwrightRequest.newContext({ baseURL });
		expect((await anon.get(`/api/calls/${callId}/recording`)).status()).toBe(401);
		await anon.dispose();
	});

	test('serves the whole call with byte ranges to the owner and their trainer', async ({ baseURL }) => {
		await send(owner, encodeWav(tone(1)), 't=0&turn=range-a');
		// ended, so the whole-call audio no longer grows with the call's clock between two requests
		expect((await owner.post(`/api/calls/${callId}/end`, { data: {}, headers: { origin: baseURL! } })).status()).toBe(200);
		const whole = await owner.get(`/api/calls/${callId}/recording`);
		expect(whole.status()).toBe(200);
		expect(whole.headers()['accept-ranges']).toBe('bytes');
		const size = Number(whole.headers()['content-length']);
		expect((await whole.body()).length).toBe(size);
		const part = await owner.get(`/api/calls/${callId}/recording`, { headers: { range: 'bytes=10-109' } });
		expect(part.status()).toBe(206);
		expect(part.headers()['content-range']).toBe(`bytes 10-109/${size}`);
		expect((await part.body()).equals((await whole.body()).subarray(10, 110))).toBe(true);
		expect((await owner.get(`/api/calls/${callId}/recording`, { headers: { range: `bytes=${size}-` } })).status()).toBe(416);
		const priya = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.45' } });
		await loginRequest(priya, 'priya', baseURL!);
		expect((await priya.get(`/api/calls/${callId}/recording`, { headers: { range: 'bytes=0-57' } })).status()).toBe(206);
		await priya.dispose();
	});

	test('a recording whose audio files are gone: the player says so and the transcript still works', async ({ page, baseURL }) => {
		const api = (path: string, data: unknown = {}) => owner.post(path, { data, headers: { origin: baseURL! } });
		expect((await send(owner, encodeWav(tone(1)), 't=0&turn=gone-a')).status()).toBeLessThan(300);
		await api(`/api/calls/${callId}/end`); // 409 when the test before ended it
		expect((await api(`/api/calls/${callId}/acw`, { email: null })).status()).toBe(200);
		rmSync(join(recordingsDir, callId), { recursive: true, force: true });
		await loginAs(page, 'priya', `/trainer/calls/${callId}`);
		await gotoReady(page, `/trainer/calls/${callId}`);
		await expect(page.getByTestId('player-missing')).toContainText('missing');
		await expect(page.locator('audio')).toHaveCount(0);
		await expect(page.locator('.timeline li.ev').first()).toContainText('Call answered');
		// a comment can still be pinned to a moment typed by hand
		await page.locator('#comment-body').fill('No audio left, but the opening of the call is what I mean.');
		await page.getByLabel('Pin to a moment (optional)').fill('0:00'); // the call lasted about a second
		await page.getByRole('button', { name: 'Add comment' }).click();
		await expect(page.getByTestId('pinned-comment')).toContainText('No audio left');
		// a moment past the end of the call is refused with a message, the text kept
		await page.locator('#comment-body').fill('Too late a moment.');
		await page.getByLabel('Pin to a moment (optional)').fill('59:00');
		await page.getByRole('button', { name: 'Add comment' }).click();
		await expect(page.locator('#comment-at-err')).toContainText('pin the comment to a moment within it');
		await expect(page.locator('#comment-body')).toHaveValue('Too late a moment.');
		await page.getByLabel('Pin to a moment (optional)').fill('soon');
		await page.getByRole('button', { name: 'Add comment' }).click();
		await expect(page.locator('#comment-at-err')).toContainText('minutes:seconds');
	});
});
