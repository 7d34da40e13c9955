// axe-core on the pages of the route tree (tests/route-matrix.ts) for visitors and trainees: no serious or critical
// violation. The call pages get real ids (a ringing call, a finished call and its result) and the simulator is also
// checked on a call and in after-call work. Trainer and admin pages are not covered yet (too slow here as written).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ROUTE_MATRIX, type Visitor } from '../route-matrix';
import { createAccount, gotoReady } from './fixtures';

test.describe.configure({ mode: 'parallel' });

/** Routes that are files or endpoints, not pages. */
const NOT_PAGES = /\/(api|healthz|logout|language)(\/|$)|\/(pdf|export|progress-export|draft)$/;

/** Page routes the matrix answers 200 for this visitor (or a 404 sample the real ids below replace). */
function pagesFor(visitor: Visitor): Map<string, string> {
	const out = new Map<string, string>();
	for (const [id, c] of Object.entries(ROUTE_MATRIX)) {
		if ((c.method ?? 'GET') !== 'GET' || NOT_PAGES.test(id)) continue;
		if (c.expect[visitor] === 200 || c.expect[visitor] === 404) out.set(id, c.path);
	}
	return out;
}

async function post(ctx: APIRequestContext, baseURL: string, path: string, data: unknown) {
	const res = await ctx.post(path, { data, headers: { origin: baseURL } });
	expect(res.ok(), `${path}: ${res.status()}`).toBe(true);
	return res.json();
}

/** Serious and critical findings of one page, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
	const { violations } = await new AxeBuilder({ page }).analyze();
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}${v.nodes.length > 3 ? ` … ${v.nodes.length} nodes` : ''}`);
}

async function audit(page: Page, pages: Map<string, string>, who: string) {
	const found: string[] = [];
	for (const [route, path] of pages) {
		const res = await gotoReady(page, path);
		expect(res?.status(), `${who} ${path}`).toBeLessThan(500);
		for (const v of await seriousViolations(page)) found.push(`${who} ${path} [${route}]: ${v}`);
	}
	expect(found, found.join('\n')).toEqual([]);
}

test('no serious or critical axe findings for visitors who are not signed in', async ({ page }) => {
	const pages = pagesFor('anon');
	expect(pages.has('/(public)/login')).toBe(true);
	await audit(page, pages, 'anon');
});

test('no serious or critical axe findings on any page a trainee opens, in every call state', async ({ page, baseURL }) => {
	test.setTimeout(240_000);
	const email = `axe-trainee-${Date.now()}@example.test`;
	await createAccount(baseURL!, { email, name: 'Axel Trainee', password: 'Axe-first-2026', cohort: 'North team' });
	await gotoReady(page, '/login');
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Password').fill('Axe-first-2026');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByLabel('Current password').fill('Axe-first-2026');
	await page.getByLabel('New password', { exact: true }).fill('Axe-trainee-2026');
	await page.getByLabel('Repeat the new password').fill('Axe-trainee-2026');
	await page.getByRole('button', { name: 'Save new password' }).click();
	await expect(page).not.toHaveURL(/\/account\/password/);

	// A finished call (with a result) and a ringing one, through the same API the simulator uses.
	const api = page.request;
	const done = await post(api, baseURL!, '/api/calls', { scenarioSlug: 'angry-billing-dispute' });
	await post(api, baseURL!, `/api/calls/${done.id}/answer`, {});
	await post(api, baseURL!, `/api/calls/${done.id}/events`, { clientId: 'axe-1', event: { type: 'trainee_utterance', t: 2000, text: 'Good morning, Meridian Energy, this is Axel. How can I help?' } });
	await post(api, baseURL!, `/api/calls/${done.id}/end`, {});
	await post(api, baseURL!, `/api/calls/${done.id}/acw`, { email: null });
	const ringing = await post(api, baseURL!, '/api/calls', { scenarioSlug: 'sales-enquiry' });

	const pages = pagesFor('trainee');
	pages.set('/(app)/calls/[id]', `/calls/${ringing.id}`);
	pages.set('/(app)/calls/[id]/result', `/calls/${done.id}/result`);
	await audit(page, pages, 'trainee');

	// The simulator on a call and in after-call work.
	await gotoReady(page, `/calls/${ringing.id}`);
	await page.getByRole('button', { name: /Answer call/ }).click();
	await expect(page.getByLabel('Your answer')).toBeVisible();
	const onCall = await seriousViolations(page);
	await page.getByRole('button', { name: /End call/ }).click();
	await expect(page.getByLabel('Template')).toBeVisible();
	const acw = await seriousViolations(page);
	expect([...onCall, ...acw]).toEqual([]);
});
