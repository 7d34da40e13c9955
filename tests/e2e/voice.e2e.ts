// Voice mode in a real browser with a fake microphone that plays an espeak WAV (Chromium's
// --use-file-for-fake-audio-capture), against the real Whisper and Silero models on the e2e server.
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { spokenWav } from '../fixtures/speech';
import { gotoReady, loginAs } from './fixtures';
import { chromiumArgs } from '../../playwright.config';

const executablePath = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

/** A browser whose microphone plays `wav` once, signed in on the microphone check page with the mic on. */
async function micCheckWith(wav: string, baseURL: string): Promise<{ browser: Browser; page: Page }> {
	const browser = await chromium.launch({
		executablePath,
		args: [...chromiumArgs, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${wav}%noloop`]
	});
	const page = await (await browser.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.31' } })).newPage();
	await loginAs(page, 'priya', '/practice/voice-check');
	await gotoReady(page, '/practice/voice-check');
	await expect(page.getByTestId('voice-status')).toHaveText('Voice ready', { timeout: 60_000 });
	await page.getByRole('button', { name: 'Turn on microphone' }).click();
	return { browser, page };
}

test('hands-free: a spoken answer is transcribed and its tone shown', async ({ baseURL }) => {
	// 2.5 s of silence gives time to switch to hands-free before the fake microphone starts speaking
	const wav = spokenWav('Good morning, thank you for calling. How can I help you today?', { padBefore: 2.5, padAfter: 2.5 });
	const { browser, page } = await micCheckWith(wav, baseURL!);
	await page.getByLabel('Hands-free').check();
	await expect(page.getByRole('meter')).toBeVisible();

	const heard = page.getByTestId('heard-list').locator('li').first();
	await expect(heard).toContainText(/help you today/i, { timeout: 45_000 });
	await expect(heard).toContainText('Politeness');
	await expect(heard).toContainText('words and voice');
	await expect(page.getByText(/Last answer ready \d+\.\d s after you stopped/)).toBeVisible();
	await page.screenshot({ path: 'test-results/voice-check-handsfree.png', fullPage: true });
	await browser.close();
});

test('push-to-talk: holding the button records, releasing sends', async ({ baseURL }) => {
	const wav = spokenWav('I understand, let me check that for you right away.', { padBefore: 1.0, padAfter: 1.5 });
	const { browser, page } = await micCheckWith(wav, baseURL!);
	const talk = page.getByRole('button', { name: /Hold to talk/ });
	await talk.hover();
	await page.mouse.down();
	await expect(page.getByRole('button', { name: /Recording/ })).toBeVisible();
	await page.waitForTimeout(5000);
	await page.mouse.up();
	await expect(page.getByTestId('heard-list').locator('li').first()).toContainText(/check that for you/i, { timeout: 45_000 });
	await browser.close();
});

test('without microphone permission the trainee is told to type, and typing still works', async ({ page }) => {
	await loginAs(page, 'priya', '/practice/voice-check');
	await gotoReady(page, '/practice/voice-check');
	await page.getByRole('button', { name: 'Turn on microphone' }).click();
	await expect(page.getByRole('alert')).toContainText(/Microphone access is blocked|No microphone was found|could not be started/);
	await page.getByLabel('Your answer').fill('Thank you for your patience, I will sort this out.');
	await page.getByRole('button', { name: 'Check the tone' }).click();
	await expect(page.getByTestId('typed-tone')).toContainText('Politeness');
	await expect(page.getByLabel('Your answer')).toHaveValue('Thank you for your patience, I will sort this out.');
});
