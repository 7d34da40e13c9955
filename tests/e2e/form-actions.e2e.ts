// Every form action answers malformed input with a 4xx the page shows as a message, never a 500. The actions are
// found in the route tree (each `+page.server.ts` with `export const actions`), so a new action is covered the day it
// is added: without a TARGETS entry for its route this test fails, and so does an action that 500s.
// Uses its own North trainee, cohort, course and scenario; alex, bea, chris, dana and eli are never touched.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { databasePath } from '../../playwright.config';
import fc from 'fast-check';
import { loginRequest } from './fixtures';
import { fuzzRuns, fuzzSeed, FUZZ_HANG_MS } from '../fuzz-runs';

const RUN = Date.now().toString(36);
const NORTH = { email: `forms-north-${RUN}@callcraft.test`, name: `Forms North ${RUN}`, first: 'Forms-first-2026', password: 'Forms-north-2026' };
const PROBE = `forms-probe-${RUN}`;

/** Ids from the demo data and from the setup below, filled in beforeAll. */
const ids = { admin: 0, cohort: 0, north: 0, certificate: 0, call: '' };

type Account = 'anon' | 'fay' | 'priya' | 'admin';

/** A concrete address for every route with actions, and who may use it. A route missing here fails the test. */
const TARGETS: Record<string, { path: () => string; as: Account[] }> = {
	'/(public)/login': { path: () => '/login', as: ['anon'] },
	'/(public)/language': { path: () => '/language', as: ['anon', 'fay'] },
	'/(app)/account/password': { path: () => '/account/password', as: ['fay'] },
	'/(app)/calls': { path: () => '/calls', as: ['fay'] },
	'/(app)/notifications': { path: () => '/notifications', as: ['fay'] },
	'/(app)/courses/[course]/[lesson]': { path: () => '/courses/working-in-the-crm/customer-records', as: ['fay'] },
	'/(app)/practice/voice-check': { path: () => '/practice/voice-check', as: ['fay'] },
	// priya's own cohort: nothing a fuzzed body sends is a complete assignment (no target, no due date).
	'/(trainer)/trainer/assignments/[cohort]': { path: () => `/trainer/assignments/${ids.north}`, as: ['priya', 'admin'] },
	'/(trainer)/trainer/calls/[id]': { path: () => `/trainer/calls/${ids.call}`, as: ['priya', 'admin'] },
	'/(trainer)/trainer/courses': { path: () => '/trainer/courses', as: ['priya', 'admin'] },
	'/(trainer)/trainer/courses/[course]': { path: () => `/trainer/courses/${PROBE}`, as: ['priya', 'admin'] },
	'/(trainer)/trainer/courses/[course]/edit/[file]': { path: () => `/trainer/courses/${PROBE}/edit/course`, as: ['priya', 'admin'] },
	'/(trainer)/trainer/courses/[course]/history': { path: () => `/trainer/courses/${PROBE}/history`, as: ['priya', 'admin'] },
	'/(trainer)/trainer/scenarios': { path: () => '/trainer/scenarios', as: ['priya', 'admin'] },
	'/(trainer)/trainer/scenarios/[slug]': { path: () => `/trainer/scenarios/${PROBE}`, as: ['priya', 'admin'] },
	'/(admin)/admin/certificates/[id]': { path: () => `/admin/certificates/${ids.certificate}`, as: ['admin'] },
	'/(admin)/admin/cohorts': { path: () => '/admin/cohorts', as: ['admin'] },
	'/(admin)/admin/cohorts/[id]': { path: () => `/admin/cohorts/${ids.cohort}`, as: ['admin'] },
	'/(admin)/admin/programmes/new': { path: () => '/admin/programmes/new', as: ['admin'] },
	'/(admin)/admin/programmes/[slug]': { path: () => '/admin/programmes/crm-call-handling-level-1', as: ['admin'] },
	// The admin's own account: deactivating it is refused, reactivating it changes nothing.
	'/(admin)/admin/users/[id]': { path: () => `/admin/users/${ids.admin}`, as: ['admin'] },
	'/(admin)/admin/users/new': { path: () => '/admin/users/new', as: ['admin'] }
};

/** Actions that take no input at all, so any body may succeed (on the targets above it changes nothing that matters). */
const TAKES_NO_INPUT = new Set([
	'/(app)/courses/[course]/[lesson]?/retake',
	'/(app)/courses/[course]/[lesson]?/next',
	'/(admin)/admin/users/[id]?/reactivate',
	'/(app)/notifications?/readAll',
	// Unticking every box sends no field: e-mail is switched off for every kind (fay's in-app list is unchanged).
	'/(app)/notifications?/email'
]);

/** The field names the forms use: free text, and ids, numbers and options picked from a list. */
const TEXT_FIELDS = [
	'email', 'password', 'current', 'confirm', 'redirectTo', 'name', 'reason', 'slug', 'title', 'description', 'text', 'body',
	'file', 'yaml', 'note', 'zip', 'summary', 'prerequisites', 'recertifyCourses'
];
const CHOICE_FIELDS = [
	'roles', 'cohortId', 'trainerId', 'trainees', 'validityMonths', 'courses', 'calls.0.count', 'calls.0.minScore', 'scenarioSlug',
	'quiz', 'q:x', 'section', 'score', 'lesson', 'direction', 'userId', 'version', 'level', 'minutes', 'passMark', 'language', 'lang',
	'target', 'mode', 'minScore', 'callCount', 'dueDate', 'id'
];
const fields = (names: string[], value: string, times = 1) =>
	names.flatMap((f) => Array.from({ length: times }, () => `${encodeURIComponent(f)}=${encodeURIComponent(value)}`)).join('&');

const FORM = 'application/x-www-form-urlencoded';
const BODIES: { name: string; contentType: string; data: string }[] = [
	{ name: 'an empty body', contentType: FORM, data: '' },
	{ name: 'a garbage body', contentType: FORM, data: '%zz%%=&&==&%00%ff=%E2%82&[]=1&a[b]=%' },
	// Non-numeric ids and numbers, unknown options (roles, direction, section, …); the text fields left out.
	{ name: 'ids, numbers and options of the wrong type', contentType: FORM, data: fields(CHOICE_FIELDS, 'ü<x> not-a-number') },
	{ name: 'every field twice', contentType: FORM, data: fields([...TEXT_FIELDS, ...CHOICE_FIELDS], 'ü<x> twice', 2) },
	// Longer than every limit (2000 characters at most for text; the scenario YAML is no scenario).
	{ name: 'every field over-long', contentType: FORM, data: fields([...TEXT_FIELDS, ...CHOICE_FIELDS], `${'x'.repeat(2000)}ü`) },
	{ name: 'a text/plain body', contentType: 'text/plain', data: 'title=Hello\nnot a form' },
	{ name: 'a broken multipart body', contentType: 'multipart/form-data; boundary=expected', data: '--other\r\nnonsense without an end' },
	{ name: 'a JSON body', contentType: 'application/json', data: '{"title": 1}' }
];

/** Route ids (as SvelteKit derives them) of every page with form actions, with the action names. */
function routesWithActions(dir = 'src/routes'): { id: string; actions: string[] }[] {
	return readdirSync(dir).flatMap((f) => {
		const p = join(dir, f);
		if (statSync(p).isDirectory()) return routesWithActions(p);
		if (f !== '+page.server.ts') return [];
		const source = readFileSync(p, 'utf8');
		const block = source.split(/^export const actions\b/m)[1];
		if (block === undefined) return [];
		const id = '/' + relative('src/routes', dir).split(sep).join('/');
		return [{ id: id === '/' ? '/' : id, actions: [...block.matchAll(/^\t(\w+): async\b/gm)].map((m) => m[1]) }];
	});
}

/** What the page shows as a problem: alerts, field errors, or the error page's message. */
function shownProblems(body: string): string[] {
	try {
		const message = (JSON.parse(body) as { error?: { message?: string } }).error?.message;
		return message ? [message] : [];
	} catch {
		/* an HTML page */
	}
	const found: string[] = [];
	for (const m of body.matchAll(/<(\w+)\b[^>]*(?:role="alert"|class="[^"]*\bfield-error\b[^"]*"|data-testid="error-message")[^>]*>([^]*?)<\/\1>/g)) {
		const text = m[2].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
		if (text) found.push(text);
	}
	return found;
}

const contexts = new Map<Account, APIRequestContext>();

test.beforeAll(async ({ playwright, baseURL }) => {
	const html = { origin: baseURL!, accept: 'text/html' };
	for (const who of ['anon', 'fay', 'priya', 'admin'] as const) {
		const ctx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.21' } });
		if (who !== 'anon') await loginRequest(ctx, who, baseURL!);
		contexts.set(who, ctx);
	}
	const admin = contexts.get('admin')!;
	const priya = contexts.get('priya')!;
	const locationOf = async (res: Awaited<ReturnType<APIRequestContext['post']>>, what: string) => {
		expect(res.status(), what).toBe(303);
		return res.headers().location;
	};

	// Demo data: the admin's own id.
	const users = await (await admin.get('/admin/users?q=admin%40callcraft.demo')).text();
	ids.admin = Number(users.match(/href="\/admin\/users\/(\d+)"/)![1]);

	// A cohort of our own (its add/remove member actions get no valid trainee id from a fuzzed body).
	const cohort = await admin.post('/admin/cohorts?/create', { form: { name: `Forms probe ${RUN}`, trainerId: '' }, headers: html, maxRedirects: 0 });
	ids.cohort = Number((await locationOf(cohort, 'create cohort')).match(/\/admin\/cohorts\/(\d+)/)![1]);

	// A North trainee of our own with one finished call, for priya to review.
	const form = await (await admin.get('/admin/users/new')).text();
	const north = form.match(/<option value="(\d+)"[^>]*>North team<\/option>/)![1];
	ids.north = Number(north);
	const created = await admin.post('/admin/users/new', {
		form: { name: NORTH.name, email: NORTH.email, roles: 'trainee', cohortId: north, password: NORTH.first },
		headers: html,
		maxRedirects: 0
	});
	await locationOf(created, 'create the North trainee');
	const trainee = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.21' } });
	const signIn = await trainee.post('/login', { form: { email: NORTH.email, password: NORTH.first }, headers: html, maxRedirects: 0 });
	await locationOf(signIn, 'first sign-in');
	const changed = await trainee.post('/account/password', { form: { current: NORTH.first, password: NORTH.password, confirm: NORTH.password }, headers: html, maxRedirects: 0 });
	await locationOf(changed, 'password change');
	const api = (path: string, data: unknown = {}) => trainee.post(path, { data, headers: { origin: baseURL! } });
	const started = await api('/api/calls', { scenarioSlug: 'sales-enquiry' });
	expect(started.status()).toBe(201);
	ids.call = (await started.json()).id;
	expect((await api(`/api/calls/${ids.call}/answer`)).status()).toBe(200);
	expect((await api(`/api/calls/${ids.call}/end`)).status()).toBe(200);
	expect((await api(`/api/calls/${ids.call}/acw`, { email: null })).status()).toBe(200);
	await trainee.dispose();

	// A certificate for that trainee. The demo data holds none, and earning one takes a whole course, so the row is
	// written straight into the e2e server's database.
	const db = new Database(databasePath);
	db.pragma('busy_timeout = 5000');
	const holder = db.prepare('select id, name from users where email = ?').get(NORTH.email) as { id: number; name: string };
	const programme = db.prepare('select id, title, version from cert_programmes where slug = ?').get('crm-call-handling-level-1') as { id: number; title: string; version: number };
	const code = [...randomBytes(32)].map((b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[b % 32]).join('');
	ids.certificate = Number(
		db
			.prepare('insert into certificates (code, user_id, programme_id, cycle, programme_version, holder_name, programme_title, issued_at) values (?, ?, ?, 1, ?, ?, ?, ?)')
			.run(code, holder.id, programme.id, programme.version, holder.name, programme.title, Date.now()).lastInsertRowid
	);
	db.close();

	// A course of priya's own whose draft cannot be published (no title), so publish and discard refuse.
	await locationOf(await priya.post('/trainer/courses?/create', { form: { title: `Forms probe ${RUN}`, slug: PROBE }, headers: html, maxRedirects: 0 }), 'create course');
	const draft = await priya.post(`/trainer/courses/${PROBE}/draft`, {
		data: { file: 'course', fields: { title: '' }, body: 'An untitled draft.', save: true },
		headers: { origin: baseURL! }
	});
	expect(draft.status(), 'save the untitled draft').toBe(200);
	// A scenario of priya's own.
	await locationOf(await priya.post('/trainer/scenarios?/create', { form: { title: `Forms probe ${RUN}`, slug: PROBE }, headers: html, maxRedirects: 0 }), 'create scenario');
});

test.afterAll(async () => {
	for (const ctx of contexts.values()) await ctx.dispose();
});

test('the route tree has form actions and each route with actions has a target here', () => {
	const routes = routesWithActions();
	expect(routes.length).toBeGreaterThan(15);
	for (const r of routes) expect(r.actions.length, `${r.id}: actions must be written as \`name: async (event) => …\``).toBeGreaterThan(0);
	expect(routes.map((r) => r.id).filter((id) => !(id in TARGETS)), 'add these routes to TARGETS').toEqual([]);
	expect(Object.keys(TARGETS).filter((id) => !routes.some((r) => r.id === id)), 'stale TARGETS').toEqual([]);
});

for (const body of BODIES) {
	test(`${body.name}: every form action answers with a message, never a 500`, async ({ baseURL }) => {
		const wrong: string[] = [];
		let sent = 0;
		for (const route of routesWithActions()) {
			const target = TARGETS[route.id];
			if (!target) continue; // reported by the test above
			for (const action of route.actions) {
				const key = `${route.id}?/${action}`;
				const url = action === 'default' ? target.path() : `${target.path()}?/${action}`;
				for (const who of target.as) {
					const res = await contexts.get(who)!.post(url, {
						data: body.data,
						headers: { origin: baseURL!, accept: 'text/html', 'content-type': body.contentType },
						maxRedirects: 0
					});
					sent++;
					const status = res.status();
					const where = `${key} as ${who}: ${status}`;
					if (status >= 500) wrong.push(`${where} (server error)`);
					else if (status < 400 && !TAKES_NO_INPUT.has(key)) wrong.push(`${where} (accepted the body)`);
					else if (status >= 400 && shownProblems(await res.text()).length === 0) wrong.push(`${where} (no message shown)`);
				}
			}
		}
		expect(sent).toBeGreaterThan(30);
		expect(wrong).toEqual([]);
	});
}

// `?/default` names SvelteKit's reserved action: SvelteKit itself throws a plain Error for it (a 500) on every page
// with actions, whether the page has a default action or only named ones.
test('a POST to ?/default is refused with a 4xx and a message on every page with actions', async ({ baseURL }) => {
	const wrong: string[] = [];
	let sent = 0;
	for (const route of routesWithActions()) {
		const target = TARGETS[route.id];
		if (!target) continue; // reported by the test above
		const who = target.as[0];
		for (const contentType of [FORM, 'multipart/form-data; boundary=x']) {
			const res = await contexts.get(who)!.post(`${target.path()}?/default`, {
				data: contentType === FORM ? 'title=x' : '--x--\r\n',
				headers: { origin: baseURL!, accept: 'text/html', 'content-type': contentType },
				maxRedirects: 0
			});
			sent++;
			const status = res.status();
			if (status < 400 || status >= 500) wrong.push(`${route.id} as ${who}: ${status}`);
			else if (shownProblems(await res.text()).length === 0) wrong.push(`${route.id} as ${who}: ${status} (no message shown)`);
		}
	}
	expect(sent).toBeGreaterThan(30);
	expect(wrong).toEqual([]);
});

// Property-based (fast-check): random forms of the fields the pages use (and any others), random values, any
// content type. No 5xx, an answer within 2 s, and the page still renders afterwards, whatever an accepted body stored.
// Cases per action: FUZZ_RUNS (tests/fuzz-runs.ts), a few by default.
test('random form bodies to every action never get a 5xx or hang, and every page still renders', async ({ baseURL }) => {
	test.setTimeout(300_000);
	const name = fc.oneof(fc.constantFrom(...TEXT_FIELDS, ...CHOICE_FIELDS), fc.string({ maxLength: 12 }));
	const value = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.integer().map(String), fc.constantFrom('', '0', '-1', '1e9', 'true', '<script>x</script>', 'x'.repeat(5000)));
	const body = fc.oneof(
		fc.array(fc.tuple(name, value), { maxLength: 12 }).map((pairs) => ({
			data: pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'),
			type: FORM
		})),
		fc.string({ maxLength: 300 }).map((data) => ({ data, type: FORM })),
		fc.string({ maxLength: 300 }).map((data) => ({ data, type: 'multipart/form-data; boundary=b' }))
	);
	const wrong: string[] = [];
	for (const route of routesWithActions()) {
		const target = TARGETS[route.id];
		if (!target) continue; // reported by the first test
		for (const action of route.actions) {
			const url = action === 'default' ? target.path() : `${target.path()}?/${action}`;
			for (const who of target.as) {
				await fc.assert(
					fc.asyncProperty(body, async (b) => {
						const send = () =>
							contexts.get(who)!.post(url, {
								data: b.data,
								headers: { origin: baseURL!, accept: 'text/html', 'content-type': b.type },
								timeout: FUZZ_HANG_MS,
								maxRedirects: 0
							});
						// A body that hangs the action hangs it again; a machine that stalled once does not.
						const res = await send().catch(() => send().catch((e: Error) => e));
						const what = `${route.id}?/${action} as ${who}, ${b.type} body ${JSON.stringify(b.data.slice(0, 60))}`;
						if (res instanceof Error) wrong.push(`${what}: no answer within ${FUZZ_HANG_MS} ms, twice`);
						else if (res.status() >= 500) wrong.push(`${what}: ${res.status()}`);
					}),
					{ numRuns: fuzzRuns(3), seed: fuzzSeed() }
				);
			}
		}
	}
	expect(wrong).toEqual([]);
	for (const route of routesWithActions()) {
		const target = TARGETS[route.id];
		if (!target) continue;
		for (const who of target.as) {
			const res = await contexts.get(who)!.get(target.path(), { maxRedirects: 0 });
			expect(res.status(), `${target.path()} as ${who} after the fuzzing`).toBeLessThan(500);
		}
	}
});
