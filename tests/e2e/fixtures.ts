// Shared Playwright helpers: demo accounts and signing in through the real form.
import { expect, request as playwrightRequest, type APIRequestContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { DEMO_USERS, type DemoUser } from '../../src/lib/server/seed/demo-accounts';

export { DEMO_USERS };

/** A demo account by key ('admin', 'priya', 'tom', 'alex', 'bea', 'chris', 'dana', 'eli', 'fay') or first of a role. */
export function account(who: string): DemoUser {
	const u = DEMO_USERS.find((d) => d.key === who) ?? DEMO_USERS.find((d) => d.roles.includes(who as DemoUser['roles'][number]));
	if (!u) throw new Error(`No demo account "${who}"`);
	return u;
}

/** Navigate and wait until Svelte has hydrated the page (typing before that may be reset). */
export async function gotoReady(page: Page, url: string) {
	const res = await page.goto(url);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	return res;
}

/** Signs a demo account in through the form; `origin` for a server of the spec's own (default: the shared one). */
export async function loginAs(page: Page, who: string, redirectTo = '/', origin = ''): Promise<DemoUser> {
	const u = account(who);
	await gotoReady(page, `${origin}/login?redirectTo=${encodeURIComponent(redirectTo)}`);
	await page.getByLabel('E-mail').fill(u.email);
	await page.getByLabel('Password').fill(u.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).not.toHaveURL(/\/login/);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	return u;
}

/** Signs an API request context in (same-origin form POST, as a browser would send it). */
export async function loginRequest(request: APIRequestContext, who: string, baseURL: string): Promise<DemoUser> {
	const u = account(who);
	const res = await request.post('/login', {
		form: { email: u.email, password: u.password },
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(res.status(), `sign-in of ${u.email}`).toBe(303);
	return u;
}

/**
 * Creates a fresh account through the admin form (so tests that lock or change an account never touch the demo
 * ones), optionally in a cohort named as in the form; returns its user id.
 */
export async function createAccount(
	baseURL: string,
	input: { email: string; name: string; password: string; role?: DemoUser['roles'][number]; cohort?: string }
): Promise<number> {
	const ctx = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.2' } });
	await loginRequest(ctx, 'admin', baseURL);
	let cohortId = '';
	if (input.cohort) {
		const form = await (await ctx.get('/admin/users/new')).text();
		cohortId = form.match(new RegExp(`<option value="(\\d+)"[^>]*>${input.cohort}</option>`))?.[1] ?? '';
		expect(cohortId, `cohort ${input.cohort}`).not.toBe('');
	}
	const res = await ctx.post('/admin/users/new', {
		form: { name: input.name, email: input.email, roles: input.role ?? 'trainee', cohortId, password: input.password },
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(res.status(), `create ${input.email}`).toBe(303);
	await ctx.dispose();
	return Number(res.headers().location.match(/\/admin\/users\/(\d+)/)?.[1]);
}

/** Signs a new account in for the first time: it must change the password the admin gave it, then lands on `to`. */
export async function signInFirstTime(page: Page, email: string, first: string, password: string, to = '/calls') {
	await gotoReady(page, `/login?redirectTo=${encodeURIComponent(to)}`);
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Password').fill(first);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/account\/password/);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByLabel('Current password').fill(first);
	await page.getByLabel('New password', { exact: true }).fill(password);
	await page.getByLabel('Repeat the new password').fill(password);
	await page.getByRole('button', { name: 'Save new password' }).click();
	await expect(page).not.toHaveURL(/\/account\/password/);
}

/**
 * Starts the build under test (CALLCRAFT_BUILD_DIR or build/) as a server of its own on `port` with database
 * `dbPath` and extra settings, for tests that need a restart or other settings than the shared e2e server; `entry`
 * picks adapter-node's build/index.js (default), scripts/server.js (the front door) or scripts/serve.js (`npm start`'s entry).
 */
export async function startBuiltServer(port: number, dbPath: string, env: Record<string, string> = {}, entry: 'index.js' | 'server.js' | 'serve.js' = 'index.js') {
	// index.js: adapter-node's own server; server.js: scripts/server.js, the front door; serve.js: scripts/serve.js,
	// what `npm start` runs (the front door in one process, or in WEB_CONCURRENCY processes sharing the port).
	const script = entry === 'index.js' ? join(process.env.CALLCRAFT_BUILD_DIR || 'build', 'index.js') : `scripts/${entry}`;
	const child = spawn(process.execPath, [script], {
		// Lag-based shedding off unless a spec sets it, as for the shared test server (playwright.config.ts): on a test
		// machine shared with Chromium and other suites a late event loop is the machine, not overload.
		env: { ...process.env, PORT: String(port), ORIGIN: `http://localhost:${port}`, DATABASE_PATH: dbPath, NODE_ENV: 'production', SHED_LAG_MS: '0', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		try {
			const res = await fetch(`http://localhost:${port}/healthz`);
			if (res.ok) return { child, output: () => output };
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	child.kill('SIGKILL');
	throw new Error(`server did not start:\n${output}`);
}

/** SIGTERM, resolved with the exit code. */
export function stopServer(child: ChildProcess): Promise<number | null> {
	return new Promise((resolve) => {
		child.once('exit', (code) => resolve(code));
		child.kill('SIGTERM');
	});
}

/** Types a line into the simulator's answer box and waits for it (and, if given, the caller's reply) in the transcript. */
export async function sayInCall(page: Page, text: string, expectCaller?: RegExp) {
	const box = page.locator('#answer-box'); // by id: the same in every interface language
	await box.fill(text);
	await box.press('Enter');
	await expect(page.locator('[data-speaker="trainee"]').last()).toContainText(text.slice(0, 30));
	if (expectCaller) await expect(page.locator('[data-speaker="customer"]').last()).toContainText(expectCaller);
}

/** The angry billing dispute's ticket and interaction log as a careful trainee keeps them (both saved). */
export async function keepBillingRecord(page: Page, notes: string) {
	await page.getByRole('tab', { name: 'Ticket' }).click();
	await page.getByLabel('Subject').fill('Rebill with actual reading 45102');
	await page.getByLabel('Priority').selectOption('high');
	await page.getByLabel('Assign to team').selectOption('Billing adjustments');
	await page.getByLabel('Description').fill('Bill used estimated reading 48210. Actual reading 45102 from the February photo was not updated.');
	await page.getByRole('button', { name: 'Create ticket' }).click();
	await expect(page.getByText(/Ticket TCK-\w+ created/)).toBeVisible();
	await page.getByRole('tab', { name: 'Interaction' }).click();
	await page.getByLabel('Channel').selectOption('phone');
	await page.getByLabel('Category').selectOption('billing');
	await page.getByLabel('Status').selectOption('Pending');
	// five working days after the call date the CRM shows, as the knowledge base says
	await page.getByLabel('Follow-up date').fill('2026-03-17');
	await page.getByLabel('Notes').fill(notes);
	await page.getByRole('button', { name: 'Save interaction' }).click();
	await expect(page.getByText(/Saved at/)).toBeVisible();
}

/**
 * Publishing starter text (a new course or scenario) first shows the placeholder warning; this confirms it with
 * "Publish … anyway" after checking the warning names the starter text.
 */
export async function confirmPlaceholderPublish(page: Page) {
	const warning = page.getByTestId('placeholder-warning');
	await expect(warning).toContainText(/template or placeholder text/);
	await warning.getByRole('button', { name: /anyway/ }).click();
}
