// axe-core on the pages of the route tree (tests/route-matrix.ts) for every role: no serious or critical
// violation. The call pages get real ids (a ringing call, a finished call and its result) and the simulator is also
// checked on a call and in after-call work. Trainer and admin pages are audited with real ids (a call, a report, an
// assignment matrix) in two halves per role; a certificate's page in certification.e2e.ts.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ROUTE_MATRIX, type Visitor } from '../route-matrix';
import { seriousViolations } from './axe';
import { createAccount, gotoReady, loginAs, signInFirstTime } from './fixtures';

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

/** The first link on a list page whose address matches, for pages that need a real id. */
async function firstLink(page: Page, listPath: string, href: RegExp): Promise<string> {
	await gotoReady(page, listPath);
	const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
	const found = hrefs.find((h) => href.test(h));
	expect(found, `a link matching ${href} on ${listPath}`).toBeTruthy();
	return found!.replace(/[?#].*$/, '');
}

/** Trainer and admin pages with real ids instead of the matrix's samples (which only show the 404 page). */
async function staffPages(page: Page, visitor: 'trainer' | 'admin'): Promise<Map<string, string>> {
	const pages = pagesFor(visitor);
	pages.set('/(trainer)/trainer/calls/[id]', await firstLink(page, '/trainer/calls', /^\/trainer\/calls\/[0-9a-f-]{36}$/));
	pages.set('/(trainer)/trainer/trainees/[id]/report', await firstLink(page, '/trainer/trainees', /^\/trainer\/trainees\/\d+\/report$/));
	pages.set('/(trainer)/trainer/assignments/[cohort]', await firstLink(page, '/trainer/assignments', /^\/trainer\/assignments\/\d+$/));
	// the certificate page (valid and revoked) is audited in certification.e2e.ts, where a certificate exists
	pages.delete('/(admin)/admin/certificates/[id]');
	return pages;
}

// Two halves per role, run in parallel: one test over every staff page takes minutes on a loaded 2-core box.
for (const [visitor, who] of [
	['trainer', 'tom'],
	['admin', 'admin']
] as const) {
	for (const half of [0, 1]) {
		test(`no serious or critical axe findings on ${visitor} pages (part ${half + 1} of 2)`, async ({ page }) => {
			test.setTimeout(240_000);
			await loginAs(page, who);
			const all = [...(await staffPages(page, visitor))];
			const mine = new Map(all.filter((_, i) => i % 2 === half));
			expect(mine.size).toBeGreaterThan(5);
			await audit(page, mine, visitor);
		});
	}
}

test('no serious or critical axe findings on the trainee pages in Bengali (বাংলা)', async ({ page, baseURL }) => {
	test.setTimeout(240_000);
	const email = `axe-bn-${Date.now()}@example.test`;
	await createAccount(baseURL!, { email, name: 'নুসরাত জাহান', password: 'Axe-first-2026', cohort: 'North team' });
	await signInFirstTime(page, email, 'Axe-first-2026', 'Axe-bengali-2026', '/');
	await page.getByTestId('language-switcher').getByRole('button', { name: 'বাংলা' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'bn');

	// A ringing Bengali call, and the Bengali course, besides every trainee page of the route tree.
	const ringing = await post(page.request, baseURL!, '/api/calls', { scenarioSlug: 'bn-angry-electricity-bill' });
	const pages = pagesFor('trainee');
	pages.set('/(app)/calls/[id]', `/calls/${ringing.id}`);
	pages.set('bengali course', '/courses/domestic-voice-basics');
	pages.set('bengali lesson', '/courses/domestic-voice-basics/the-domestic-voice-job');
	await audit(page, pages, 'trainee (bn)');
	await expect(page.locator('html')).toHaveAttribute('lang', 'bn');
});
