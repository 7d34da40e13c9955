import { test, expect, request as playwrightRequest, type Page } from '@playwright/test';
import { account, createAccount, gotoReady, loginAs } from './fixtures';

/**
 * Opens `url` with the app's JavaScript held back, lets `type` fill in the server-rendered form, then lets the page
 * hydrate: what was typed must still be there afterwards.
 */
async function typeBeforeHydration(page: Page, url: string, type: () => Promise<void>) {
	let release!: () => void;
	const held = new Promise<void>((r) => (release = r));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto(url, { waitUntil: 'domcontentloaded' });
	await type();
	await expect(page.locator('html[data-hydrated]'), 'typed before hydration').toHaveCount(0);
	release();
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.unrouteAll();
}

test.describe('sign-in', () => {
	for (const who of ['admin', 'priya', 'alex']) {
		test(`${who} signs in, sees their navigation, and signs out`, async ({ page }) => {
			const u = await loginAs(page, who);
			await expect(page.getByRole('heading', { name: `Welcome, ${u.name.split(' ')[0]}` })).toBeVisible();
			const nav = page.getByRole('banner');
			if (u.roles.includes('admin')) await expect(nav.getByRole('link', { name: 'Users' })).toBeVisible();
			else await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0);
			if (u.roles.includes('trainer')) await expect(nav.getByRole('link', { name: 'My trainees' })).toBeVisible();
			await page.getByRole('button', { name: 'Sign out' }).click();
			await expect(page).toHaveURL(/\/login/);
			await page.goto('/');
			await expect(page).toHaveURL(/\/login\?redirectTo=%2F/);
		});
	}

	test('an anonymous visitor is sent to sign-in and back to the page afterwards', async ({ page }) => {
		await page.goto('/admin/users?q=alex');
		await expect(page).toHaveURL(/\/login\?redirectTo=/);
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		const u = account('admin');
		await page.getByLabel('E-mail').fill(u.email);
		await page.getByLabel('Password').fill(u.password);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page).toHaveURL(/\/admin\/users\?q=alex$/);
		await expect(page.getByTestId('users-table')).toContainText('Alex Rivera');
	});

	test('a trainee opening an admin page gets a 403 page with a request id', async ({ page }) => {
		await loginAs(page, 'bea');
		const res = await page.goto('/admin/users');
		expect(res?.status()).toBe(403);
		await expect(page.getByRole('heading', { name: 'No access' })).toBeVisible();
		await expect(page.getByTestId('request-id')).toHaveText(/^[0-9a-f]{8}$/);
	});

	test('an unknown page shows a 404 with a request id and no stack trace', async ({ page }) => {
		await loginAs(page, 'bea');
		const res = await page.goto('/no/such/page');
		expect(res?.status()).toBe(404);
		await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
		await expect(page.getByTestId('request-id')).toBeVisible();
		await expect(page.locator('body')).not.toContainText(/at .*\.js:\d+/);
	});

	test('wrong password and unknown e-mail get the same message, and typed e-mail is kept', async ({ page }) => {
		await gotoReady(page, '/login');
		await page.getByLabel('E-mail').fill('nobody@callcraft.demo');
		await page.getByLabel('Password').fill('whatever-123');
		await page.getByRole('button', { name: 'Sign in' }).click();
		const unknown = await page.getByTestId('form-error').textContent();
		await page.getByLabel('E-mail').fill(account('chris').email);
		await page.getByLabel('Password').fill('wrong-password-1');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByTestId('form-error')).toHaveText(unknown!);
		await expect(page.getByLabel('E-mail')).toHaveValue(account('chris').email);
	});

	test('what a user types before the page is interactive is kept when it hydrates', async ({ page }) => {
		await typeBeforeHydration(page, '/login', () => page.getByLabel('E-mail').fill('early@callcraft.demo'));
		await expect(page.getByLabel('E-mail')).toHaveValue('early@callcraft.demo');
	});

	test('an empty form shows field errors', async ({ page }) => {
		await gotoReady(page, '/login');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByText('Enter an e-mail address.')).toBeVisible();
		await expect(page.getByText('Enter your password.')).toBeVisible();
	});
});

test.describe('typing before the page is interactive', () => {
	test('the new-user form keeps typed text, ticked roles and the chosen cohort', async ({ page }) => {
		await loginAs(page, 'admin');
		await typeBeforeHydration(page, '/admin/users/new', async () => {
			await page.getByLabel('Full name').fill('Early Typist');
			await page.getByLabel('E-mail').fill('early.typist@callcraft.test');
			await page.getByLabel('Trainee').uncheck();
			await page.getByLabel('Trainer').check();
			await page.getByLabel('Cohort').selectOption({ label: 'North team' });
		});
		await expect(page.getByLabel('Full name')).toHaveValue('Early Typist');
		await expect(page.getByLabel('E-mail')).toHaveValue('early.typist@callcraft.test');
		await expect(page.getByLabel('Trainee')).not.toBeChecked();
		await expect(page.getByLabel('Trainer')).toBeChecked();
		await expect(page.getByLabel('Cohort').locator('option:checked')).toHaveText('North team');
	});

	test('the programme form keeps its title, description, numbers and ticked courses', async ({ page }) => {
		await loginAs(page, 'admin');
		await typeBeforeHydration(page, '/admin/programmes/new', async () => {
			await page.getByLabel('Title').fill('Early programme');
			await page.getByLabel('Description').fill('Typed before the page was ready.');
			await page.getByLabel('Valid for (months)').fill('18');
			await page.getByLabel('Telephone etiquette', { exact: true }).check();
			await page.getByLabel('Number of calls').fill('2');
		});
		await expect(page.getByLabel('Title')).toHaveValue('Early programme');
		await expect(page.getByLabel('Description')).toHaveValue('Typed before the page was ready.');
		await expect(page.getByLabel('Valid for (months)')).toHaveValue('18');
		await expect(page.getByLabel('Telephone etiquette', { exact: true })).toBeChecked();
		await expect(page.getByLabel('Number of calls')).toHaveValue('2');
	});

	test('the new-scenario form of a trainer keeps title and slug', async ({ page }) => {
		await loginAs(page, 'priya');
		await typeBeforeHydration(page, '/trainer/scenarios', async () => {
			await page.getByLabel('Title').fill('Early scenario');
			await page.getByLabel('Slug').fill('early-scenario');
		});
		await expect(page.getByLabel('Title')).toHaveValue('Early scenario');
		await expect(page.getByLabel('Slug')).toHaveValue('early-scenario');
	});

	test('the course settings editor keeps a ticked prerequisite and the chosen level, and saves them', async ({ page }) => {
		await loginAs(page, 'priya');
		await gotoReady(page, '/trainer/courses');
		await page.getByLabel('Title').fill('Early settings (e2e)');
		await page.getByLabel('Slug').fill('e2e-early-settings');
		await page.getByRole('button', { name: 'Create course' }).click();
		await expect(page).toHaveURL('/trainer/courses/e2e-early-settings');

		const url = '/trainer/courses/e2e-early-settings/edit/course';
		const prerequisite = page.getByRole('checkbox', { name: /Telephone etiquette/ });
		const level = page.getByLabel('Level');
		await typeBeforeHydration(page, url, async () => {
			await prerequisite.check();
			await level.selectOption('advanced');
		});
		await expect(prerequisite).toBeChecked();
		await expect(level.locator('option:checked')).toHaveText('advanced');

		// The choices are in the editor's draft too, not only on screen: saved, they come back from the server.
		await page.getByRole('button', { name: 'Save draft' }).click();
		await expect(page.getByText(/Draft saved/)).toBeVisible();
		await gotoReady(page, url);
		await expect(prerequisite).toBeChecked();
		await expect(level.locator('option:checked')).toHaveText('advanced');
	});

	test('the typed answer of the microphone check is kept', async ({ page }) => {
		await loginAs(page, 'fay');
		await typeBeforeHydration(page, '/practice/voice-check', () => page.getByLabel('Your answer').fill('Thanks for waiting, how can I help?'));
		await expect(page.getByLabel('Your answer')).toHaveValue('Thanks for waiting, how can I help?');
	});
});

test.describe('login rate limit', () => {
	test('after 5 failures in 15 minutes from one address, that address gets 429 with Retry-After, even with the right password', async ({ baseURL }) => {
		const ctx = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.7', origin: baseURL!, accept: 'text/html' } });
		const u = { email: 'locked-out@callcraft.test', password: 'correct-horse-1' };
		await createAccount(baseURL!, { ...u, name: 'Locked Out' });
		for (let i = 0; i < 5; i++) {
			const r = await ctx.post('/login', { form: { email: u.email, password: `wrong-${i}-password` }, maxRedirects: 0 });
			expect(r.status()).toBe(400);
		}
		const blocked = await ctx.post('/login', { form: { email: u.email, password: u.password }, maxRedirects: 0 });
		expect(blocked.status()).toBe(429);
		expect(Number(blocked.headers()['retry-after'])).toBeGreaterThan(0);
		expect(await blocked.text()).toContain('Too many failed sign-in attempts');
		await ctx.dispose();
	});

	test('someone failing on an account from another address does not lock its owner out (slowed, not locked)', async ({ baseURL }) => {
		const u = { email: 'not-locked-out@callcraft.test', password: 'correct-horse-2' };
		await createAccount(baseURL!, { ...u, name: 'Not Locked Out' });
		const attacker = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.21', origin: baseURL!, accept: 'text/html' } });
		for (let i = 0; i < 5; i++) {
			const r = await attacker.post('/login', { form: { email: u.email, password: `wrong-${i}-password` }, maxRedirects: 0 });
			expect(r.status()).toBe(400);
		}
		// the attacker's address is now refused for every account
		expect((await attacker.post('/login', { form: { email: u.email, password: 'wrong-again-password' }, maxRedirects: 0 })).status()).toBe(429);
		await attacker.dispose();
		const owner = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.22', origin: baseURL!, accept: 'text/html' } });
		const signedIn = await owner.post('/login', { form: { email: u.email, password: u.password }, maxRedirects: 0 });
		expect(signedIn.status()).toBe(303);
		expect(signedIn.headers()['set-cookie']).toContain('session=');
		await owner.dispose();
	});

	test('after 5 failures from one address, that address is blocked for every account', async ({ page, baseURL }) => {
		const ctx = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.8', origin: baseURL!, accept: 'text/html' } });
		for (let i = 0; i < 5; i++) {
			await ctx.post('/login', { form: { email: `nobody${i}@callcraft.demo`, password: 'nope-nope-nope' }, maxRedirects: 0 });
		}
		const u = account('dana');
		const blocked = await ctx.post('/login', { form: { email: u.email, password: u.password }, maxRedirects: 0 });
		expect(blocked.status()).toBe(429);
		await ctx.dispose();
		// The browser shows the message on the page.
		await page.setExtraHTTPHeaders({ 'x-forwarded-for': '203.0.113.8' });
		await gotoReady(page, '/login');
		await page.getByLabel('E-mail').fill(u.email);
		await page.getByLabel('Password').fill(u.password);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByTestId('form-error')).toContainText('Too many failed sign-in attempts');
	});
});

test.describe('platform guards', () => {
	test('every response carries the security headers, pages a strict CSP', async ({ request }) => {
		const res = await request.get('/login');
		const h = res.headers();
		expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
		expect(h['content-security-policy']).toMatch(/script-src 'self'[^;]*'(nonce|sha256)-/);
		expect(h['content-security-policy']).not.toMatch(/script-src[^;]*'unsafe-inline'/);
		expect(h['x-content-type-options']).toBe('nosniff');
		expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
		const health = await request.get('/healthz');
		expect(health.headers()['x-content-type-options']).toBe('nosniff');
		expect(health.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
	});

	test('signed-in pages are not cached (Cache-Control: private, no-store); public ones and downloads keep their own', async ({ page, request }) => {
		expect((await request.get('/login')).headers()['cache-control'] ?? '').not.toContain('private');
		await loginAs(page, 'admin');
		for (const path of ['/', '/admin/users', '/calls']) {
			const res = await page.request.get(path);
			expect(res.status(), path).toBe(200);
			expect(res.headers()['cache-control'], path).toBe('private, no-store');
		}
	});

	test('a cross-site form post is refused (CSRF check on)', async ({ request }) => {
		const res = await request.post('/login', {
			form: { email: 'a@b.test', password: 'x' },
			headers: { origin: 'https://evil.example' },
			maxRedirects: 0
		});
		expect(res.status()).toBe(403);
	});

	test('a body over 1 MB is refused with 413', async ({ request, baseURL }) => {
		const res = await request.post('/login', {
			headers: { origin: baseURL!, 'content-type': 'application/x-www-form-urlencoded' },
			data: 'email=' + 'a'.repeat(1_100_000),
			maxRedirects: 0
		});
		expect(res.status()).toBe(413);
		expect((await res.json()).error.code).toBe('payload_too_large');
	});

	test('healthz reports the database', async ({ request }) => {
		const res = await request.get('/healthz');
		expect(res.status()).toBe(200);
		expect(await res.json()).toEqual({ status: 'ok', db: true });
	});
});
