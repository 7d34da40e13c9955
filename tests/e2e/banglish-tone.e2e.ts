// Bengali typed in Latin letters (Banglish) in a Bengali call (issue #14, session 25): the Bengali tone model reads it,
// so a rude Banglish agent angers the caller and loses anger-control points where a courteous one does not, and the
// results page names the Banglish words behind the tone. Played through the JSON API, read as the trainee sees it.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { createAccount, signInFirstTime } from './fixtures';

const SHOTS = 'test-results/screens/banglish-tone';

async function post(ctx: APIRequestContext, baseURL: string, path: string, data: unknown) {
	const res = await ctx.post(path, { data, headers: { origin: baseURL } });
	expect(res.ok(), `${path}: ${res.status()}`).toBe(true);
	return res.json();
}

test('a Banglish-typing trainee is judged by the words: rude lines anger the caller, courteous ones do not', async ({ page, baseURL }) => {
	test.setTimeout(180_000);
	const email = `banglish-${Date.now()}@example.test`;
	await createAccount(baseURL!, { email, name: 'Rafi Hasan', password: 'Banglish-first-2026', cohort: 'South team' });
	await signInFirstTime(page, email, 'Banglish-first-2026', 'Banglish-tone-2026', '/');
	const api = page.request;

	async function play(lines: string[]) {
		const call = await post(api, baseURL!, '/api/calls', { scenarioSlug: 'bn-angry-electricity-bill', mode: 'practice' });
		await post(api, baseURL!, `/api/calls/${call.id}/answer`, {});
		for (const [n, text] of lines.entries()) {
			await post(api, baseURL!, `/api/calls/${call.id}/events`, { clientId: `b-${n}`, event: { type: 'trainee_utterance', text, t: 2000 * (n + 1) } });
		}
		await post(api, baseURL!, `/api/calls/${call.id}/end`, {});
		await post(api, baseURL!, `/api/calls/${call.id}/acw`, { email: null });
		const stored = await (await api.get(`/api/calls/${call.id}/result`)).json();
		const score = stored.score ?? stored.result?.score ?? stored;
		const anger = score.sections.find((s: { section: string }) => s.section === 'angerControl');
		return { id: call.id as string, anger: anger.score as number, lost: anger.deductions.length as number };
	}

	const courteous = await play([
		'assalamu alaikum, alo power e phone korar jonno dhonnobad, ami rafi bolchi',
		'eto beshi bill dekhe apnar rag hoyata khub shabhabik, ami dukkhito',
		'apnar account ta dekhar jonno doya kore jonmo tarikh ta bolben?'
	]);
	const rude = await play([
		'ki hoise bolen taratari, amar hate shomoy nai',
		'eta apnar e dosh, meter er chobi thik moto pathan nai keno',
		'kotobar bolbo ek kotha, ar phone diben na'
	]);
	expect(rude.anger, 'anger control of the rude call').toBeLessThan(courteous.anger);
	expect(rude.lost, 'anger-control deductions of the rude call').toBeGreaterThan(0);

	await page.goto(`/calls/${rude.id}/result`);
	const words = page.locator('.timeline [data-testid="tone-words"]');
	await expect(words.first()).toBeVisible();
	// the words named are the line's own Latin-letter words, not Bengali-script markers
	const named = (await words.locator('b').allTextContents()).join(' ');
	expect(named).toMatch(/[a-z]/);
	expect(named).not.toMatch(/[\u0980-\u09ff]/);
	await page.locator('ol.timeline').screenshot({ path: `${SHOTS}/timeline.png` });
	for (const [width, name] of [[1280, 'desktop'], [375, 'mobile']] as const) {
		await page.setViewportSize({ width, height: 900 });
		await page.screenshot({ path: `${SHOTS}/result-${name}.png`, fullPage: true });
	}
});
