// Object-level authorization: who may read or act on whose call, report and course — proven through the real
// HTTP API with signed-in request contexts. Uses its own trainees (one per demo cohort) so no other spec is touched.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { loginRequest } from './fixtures';

/** The first password an admin sets (it must be changed), and the trainees' own one. */
const FIRST_PASSWORD = 'Sec-first-2026';
const PASSWORD = 'Sec-review-2026';
const RUN = Date.now().toString(36);
const NORTH = { email: `sec-north-${RUN}@callcraft.test`, name: `Sec North ${RUN}` };
const SOUTH = { email: `sec-south-${RUN}@callcraft.test`, name: `Sec South ${RUN}` };
const FRESH = { email: `sec-fresh-${RUN}@callcraft.test`, name: `Sec Fresh ${RUN}` };
/** A content course only tom is granted (demo seed); priya holds no rights on it in any spec. */
const COURSE = 'anger-control-and-de-escalation';

let northId = 0;
let callId = '';

async function signIn(ctx: APIRequestContext, email: string, baseURL: string, password = PASSWORD) {
	const res = await ctx.post('/login', { form: { email, password }, headers: { origin: baseURL, accept: 'text/html' }, maxRedirects: 0 });
	expect(res.status(), `sign-in of ${email}`).toBe(303);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ playwright, baseURL }) => {
	const admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.3' } });
	await loginRequest(admin, 'admin', baseURL!);
	const form = await (await admin.get('/admin/users/new')).text();
	const cohort = (name: string) => form.match(new RegExp(`<option value="(\\d+)"[^>]*>${name}</option>`))?.[1] ?? '';
	const ids: number[] = [];
	for (const [u, team] of [[NORTH, 'North team'], [SOUTH, 'South team'], [FRESH, 'South team']] as const) {
		const res = await admin.post('/admin/users/new', {
			form: { name: u.name, email: u.email, roles: 'trainee', cohortId: cohort(team), password: FIRST_PASSWORD },
			headers: { origin: baseURL!, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(res.status(), `create ${u.email}`).toBe(303);
		ids.push(Number(res.headers().location.match(/\/admin\/users\/(\d+)/)![1]));
	}
	northId = ids[0];
	await admin.dispose();

	// Both trainees replace the first password, as the app requires before anything else.
	for (const u of [NORTH, SOUTH]) {
		const ctx = await playwright.request.newContext({ baseURL });
		await signIn(ctx, u.email, baseURL!, FIRST_PASSWORD);
		const res = await ctx.post('/account/password', {
			form: { current: FIRST_PASSWORD, password: PASSWORD, confirm: PASSWORD },
			headers: { origin: baseURL!, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(res.status(), `password change of ${u.email}`).toBe(303);
		await ctx.dispose();
	}

	// The North trainee completes one call, so it has a result to protect.
	const north = await playwright.request.newContext({ baseURL });
	await signIn(north, NORTH.email, baseURL!);
	const post = (path: string, data: unknown = {}) => north.post(path, { data, headers: { origin: baseURL! } });
	const started = await post('/api/calls', { scenarioSlug: 'sales-enquiry' });
	expect(started.status()).toBe(201);
	callId = (await started.json()).id;
	expect((await post(`/api/calls/${callId}/answer`)).status()).toBe(200);
	expect((await post(`/api/calls/${callId}/end`)).status()).toBe(200);
	expect((await post(`/api/calls/${callId}/acw`, { email: null })).status()).toBe(200);
	expect((await north.get(`/api/calls/${callId}/result`)).status()).toBe(200);
	await north.dispose();
});

test('a trainee of another cohort can neither read nor act on the call, its result or events', async ({ playwright, baseURL }) => {
	const south = await playwright.request.newContext({ baseURL });
	await signIn(south, SOUTH.email, baseURL!);
	const post = (path: string, data: unknown = {}) => south.post(path, { data, headers: { origin: baseURL! } });
	expect((await south.get(`/api/calls/${callId}`)).status()).toBe(403);
	expect((await south.get(`/api/calls/${callId}/result`)).status()).toBe(403);
	expect((await post(`/api/calls/${callId}/events`, { clientId: 'sec-1', event: { type: 'hold_start', t: 1 } })).status()).toBe(403);
	for (const action of ['answer', 'end', 'silence']) expect((await post(`/api/calls/${callId}/${action}`)).status(), action).toBe(403);
	expect((await post(`/api/calls/${callId}/acw`, { email: null })).status()).toBe(403);
	expect((await south.get(`/calls/${callId}`, { maxRedirects: 0 })).status()).toBe(403);
	expect((await south.get(`/calls/${callId}/result`, { maxRedirects: 0 })).status()).toBe(403);
	// Their own call list never shows it.
	const mine = await (await south.get('/api/calls')).json();
	expect(mine.calls.map((c: { id: string }) => c.id)).not.toContain(callId);
	await south.dispose();
});

test('a trainee cannot use trainer review, admin reports or course authoring', async ({ playwright, baseURL }) => {
	const south = await playwright.request.newContext({ baseURL });
	await signIn(south, SOUTH.email, baseURL!);
	const form = { headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 };
	expect((await south.get(`/trainer/calls/${callId}`, { maxRedirects: 0 })).status()).toBe(403);
	expect((await south.post(`/trainer/calls/${callId}?/comment`, { ...form, form: { body: 'Nice.' } })).status()).toBe(403);
	expect((await south.post(`/trainer/calls/${callId}?/override`, { ...form, form: { section: 'etiquette', score: '0', reason: 'x' } })).status()).toBe(403);
	expect((await south.get(`/trainer/trainees/${northId}/report`, { maxRedirects: 0 })).status()).toBe(403);
	expect((await south.get(`/trainer/trainees/${northId}/report/pdf`, { maxRedirects: 0 })).status()).toBe(403);
	expect((await south.post(`/trainer/courses/${COURSE}?/publish`, { ...form, form: {} })).status()).toBe(403);
	expect((await south.post(`/trainer/scenarios/sales-enquiry?/save`, { ...form, form: { yaml: 'title: x', note: '' } })).status()).toBe(403);
	await south.dispose();
});

test('a trainer sees only calls of their own cohorts, and cannot act on them as the trainee', async ({ playwright, baseURL }) => {
	const tom = await playwright.request.newContext({ baseURL });
	await loginRequest(tom, 'tom', baseURL!);
	const form = { headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 };
	expect((await tom.get(`/api/calls/${callId}/result`)).status()).toBe(403);
	expect((await tom.get(`/calls/${callId}/result`, { maxRedirects: 0 })).status()).toBe(403);
	expect((await tom.get(`/trainer/calls/${callId}`, { maxRedirects: 0 })).status()).toBe(403);
	expect((await tom.post(`/trainer/calls/${callId}?/comment`, { ...form, form: { body: 'Not mine to review.' } })).status()).toBe(403);
	expect((await tom.post(`/trainer/calls/${callId}?/override`, { ...form, form: { section: 'etiquette', score: '0', reason: 'no' } })).status()).toBe(403);
	const list = await (await tom.get('/trainer/calls')).text();
	expect(list).not.toContain(callId);
	const trainees = await (await tom.get('/trainer/trainees')).text();
	expect(trainees).not.toContain(NORTH.email);
	expect(trainees).toContain(SOUTH.email);
	expect((await tom.get(`/trainer/trainees/${northId}/report`, { maxRedirects: 0 })).status()).toBe(403);
	expect((await tom.get(`/trainer/trainees/${northId}/report/pdf`, { maxRedirects: 0 })).status()).toBe(403);
	// A shipped scenario only priya is granted (demo seed): tom reads it but may not change it.
	expect((await tom.get('/trainer/scenarios/complaint-escalation', { maxRedirects: 0 })).status()).toBe(200);
	expect((await tom.post('/trainer/scenarios/complaint-escalation?/publish', { ...form, form: { version: '1' } })).status()).toBe(403);
	expect((await tom.post('/trainer/scenarios/complaint-escalation?/unpublish', { ...form, form: {} })).status()).toBe(403);
	// The attack pass's "priya got 200" on working-in-the-crm is her demo grant: tom, not granted, gets nothing.
	expect((await tom.get('/trainer/courses/working-in-the-crm', { maxRedirects: 0 })).status()).toBe(403);
	expect((await tom.get('/trainer/courses/working-in-the-crm/export', { maxRedirects: 0 })).status()).toBe(403);
	expect((await tom.post('/trainer/courses/working-in-the-crm?/publish', { ...form, form: {} })).status()).toBe(403);
	expect((await tom.post('/trainer/courses/working-in-the-crm?/discard', { ...form, form: {} })).status()).toBe(403);
	expect((await tom.post('/trainer/courses/working-in-the-crm?/unpublish', { ...form, form: {} })).status()).toBe(403);
	await tom.dispose();

	const priya = await playwright.request.newContext({ baseURL });
	await loginRequest(priya, 'priya', baseURL!);
	expect((await priya.get(`/api/calls/${callId}/result`)).status()).toBe(200);
	expect((await priya.get(`/trainer/calls/${callId}`, { maxRedirects: 0 })).status()).toBe(200);
	expect(await (await priya.get('/trainer/calls')).text()).toContain(callId);
	expect((await priya.get(`/trainer/trainees/${northId}/report`, { maxRedirects: 0 })).status()).toBe(200);
	expect((await priya.get(`/trainer/trainees/${northId}/report/pdf`, { maxRedirects: 0 })).status()).toBe(200);
	// Reading is not acting: even the cohort's trainer cannot put events on the trainee's call.
	const post = (path: string, data: unknown = {}) => priya.post(path, { data, headers: { origin: baseURL! } });
	expect((await post(`/api/calls/${callId}/events`, { clientId: 'sec-2', event: { type: 'hold_start', t: 1 } })).status()).toBe(403);
	expect((await post(`/api/calls/${callId}/acw`, { email: null })).status()).toBe(403);
	await priya.dispose();
});

test('a trainer without editing rights cannot change, export or grant a course; a granted one cannot grant', async ({ playwright, baseURL }) => {
	const priya = await playwright.request.newContext({ baseURL });
	await loginRequest(priya, 'priya', baseURL!);
	const form = { headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 };
	expect((await priya.get(`/trainer/courses/${COURSE}`, { maxRedirects: 0 })).status()).toBe(403);
	for (const action of ['publish', 'unpublish', 'republish', 'discard', 'move', 'addLesson', 'addTranslation', 'removeLesson', 'grant', 'revoke']) {
		const res = await priya.post(`/trainer/courses/${COURSE}?/${action}`, { ...form, form: { lesson: 'x', direction: 'up', title: 'X', slug: 'x', userId: '1', language: 'bn' } });
		expect(res.status(), action).toBe(403);
	}
	const draft = await priya.post(`/trainer/courses/${COURSE}/draft`, {
		data: { file: 'course', fields: {}, body: 'x', save: true },
		headers: { origin: baseURL! }
	});
	expect(draft.status()).toBe(403);
	expect((await priya.get(`/trainer/courses/${COURSE}/export`, { maxRedirects: 0 })).status()).toBe(403);
	expect((await priya.get(`/trainer/courses/${COURSE}/history`, { maxRedirects: 0 })).status()).toBe(403);
	expect((await priya.post(`/trainer/courses/${COURSE}/history?/restore`, { ...form, form: { version: '1' } })).status()).toBe(403);
	expect((await priya.get(`/trainer/courses/${COURSE}/edit/course`, { maxRedirects: 0 })).status()).toBe(403);
	await priya.dispose();

	// tom may edit this course, but handing out editing rights is for admins only.
	const tom = await playwright.request.newContext({ baseURL });
	const who = await loginRequest(tom, 'tom', baseURL!);
	expect((await tom.get(`/trainer/courses/${COURSE}`, { maxRedirects: 0 })).status()).toBe(200);
	for (const action of ['grant', 'revoke']) {
		expect((await tom.post(`/trainer/courses/${COURSE}?/${action}`, { ...form, form: { userId: '1' } })).status(), `${who.key} ${action}`).toBe(403);
	}
	await tom.dispose();
});

// The attack pass saw priya read /trainer/courses/working-in-the-crm and publish angry-billing-dispute: the demo seed
// grants her exactly those two. The same requests from tom, who holds no grant on them, are refused, and nothing
// he sends publishes anything.
test('reading, exporting and publishing a course or scenario takes editing rights on it', async ({ playwright, baseURL }) => {
	const tom = await playwright.request.newContext({ baseURL });
	await loginRequest(tom, 'tom', baseURL!);
	const form = { headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 };
	expect((await tom.get('/trainer/courses/working-in-the-crm', { maxRedirects: 0 })).status()).toBe(403);
	expect((await tom.get('/trainer/courses/working-in-the-crm/export', { maxRedirects: 0 })).status()).toBe(403);
	expect((await tom.post('/trainer/courses/working-in-the-crm?/publish', { ...form, form: { go: '1' } })).status()).toBe(403);
	const before = await (await tom.get('/trainer/scenarios/angry-billing-dispute')).text();
	expect(before).toContain('You may read and dry-run this scenario, but not change it.');
	for (const version of ['1', '2']) {
		expect((await tom.post('/trainer/scenarios/angry-billing-dispute?/publish', { ...form, form: { version } })).status(), `v${version}`).toBe(403);
	}
	const live = (html: string) => html.match(/Trainees practise version (\d+)/)?.[1];
	expect(live(await (await tom.get('/trainer/scenarios/angry-billing-dispute')).text())).toBe(live(before));
	await tom.dispose();

	// priya's access to the same two is her grant (shown on the pages), not a trainer-wide right.
	const priya = await playwright.request.newContext({ baseURL });
	await loginRequest(priya, 'priya', baseURL!);
	expect(await (await priya.get('/trainer/scenarios/angry-billing-dispute')).text()).toContain('Also edited by Priya Shah');
	expect((await priya.get('/trainer/courses/working-in-the-crm', { maxRedirects: 0 })).status()).toBe(200);
	await priya.dispose();
});

test('sign-in never redirects off-site, even with a tab or line break hidden in redirectTo', async ({ playwright, baseURL }) => {
	const north = await playwright.request.newContext({ baseURL });
	await signIn(north, NORTH.email, baseURL!);
	for (const target of ['//evil.example/', '/\\evil.example/', '/\t/evil.example/', 'https://evil.example/']) {
		const res = await north.get(`/login?redirectTo=${encodeURIComponent(target)}`, { maxRedirects: 0 });
		expect(res.status(), JSON.stringify(target)).toBe(303);
		expect(new URL(res.headers().location, baseURL).origin, JSON.stringify(target)).toBe(new URL(baseURL!).origin);
	}
	await north.dispose();
});

test('a first password set by an admin opens no API or form action until it is changed', async ({ playwright, baseURL }) => {
	const fresh = await playwright.request.newContext({ baseURL });
	await signIn(fresh, FRESH.email, baseURL!, FIRST_PASSWORD);
	const page = await fresh.get('/calls', { maxRedirects: 0 });
	expect(page.status()).toBe(303);
	expect(page.headers().location).toBe('/account/password?required=1');
	const list = await fresh.get('/api/calls');
	expect(list.status()).toBe(403);
	expect((await list.json()).error.code).toBe('password_change_required');
	expect((await fresh.post('/api/calls', { data: { scenarioSlug: 'sales-enquiry' }, headers: { origin: baseURL! } })).status()).toBe(403);
	const action = await fresh.post('/calls?/start', { form: { scenarioSlug: 'sales-enquiry' }, headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 });
	expect(action.status()).toBe(403);
	// The password form itself still works.
	expect((await fresh.get('/account/password', { maxRedirects: 0 })).status()).toBe(200);
	await fresh.dispose();
});

test('JSON bodies with fields the API does not know are refused, not silently accepted', async ({ playwright, baseURL }) => {
	const north = await playwright.request.newContext({ baseURL });
	await signIn(north, NORTH.email, baseURL!);
	const post = (path: string, data: unknown) => north.post(path, { data, headers: { origin: baseURL! } });
	const start = await post('/api/calls', { scenarioSlug: 'sales-enquiry', userId: 1 });
	expect(start.status()).toBe(400);
	expect((await start.json()).error.code).toBe('invalid_input');
	const event = await post(`/api/calls/${callId}/events`, { clientId: 'sec-x', event: { type: 'hold_start', t: 1 }, seq: 0 });
	expect(event.status()).toBe(400);
	const tone = await post('/api/text/tone', { text: 'Thanks.', model: '../../etc/passwd' });
	expect(tone.status()).toBe(422);
	// The same bodies without the extra field pass validation (the finished call then answers 409).
	expect((await post(`/api/calls/${callId}/events`, { clientId: 'sec-x', event: { type: 'hold_start', t: 1 } })).status()).toBe(409);
	expect((await post('/api/text/tone', { text: 'Thanks.' })).status()).toBe(200);
	await north.dispose();
});

test('a chunked body (no content-length) cannot slip past the size limit', async ({ playwright, baseURL }) => {
	const north = await playwright.request.newContext({ baseURL });
	await signIn(north, NORTH.email, baseURL!);
	const cookie = (await north.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join('; ');
	await north.dispose();
	// Playwright always sends a length; a ReadableStream body goes out chunked, as a hand-made client would send it.
	const chunked = (text: string) =>
		fetch(`${baseURL}/api/text/tone`, {
			method: 'POST',
			headers: { origin: baseURL!, cookie, 'content-type': 'application/json' },
			body: new ReadableStream({
				start(c) {
					c.enqueue(new TextEncoder().encode(JSON.stringify({ text })));
					c.close();
				}
			}),
			duplex: 'half'
		} as RequestInit);
	const big = await chunked('x'.repeat(2 * 1024 * 1024));
	expect(big.status).toBe(413);
	expect((await big.json()).error.code).toBe('payload_too_large');
	const small = await chunked('Thank you for waiting.');
	expect(small.status).toBe(200);
	expect((await small.json()).tone).toBeTruthy();
});
