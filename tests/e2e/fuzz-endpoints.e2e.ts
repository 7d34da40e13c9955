// Property-based fuzzing (fast-check) of every JSON endpoint that takes a body, against the built server: random
// and adversarial bodies never get a 5xx nor take 2 s, and what they leave behind still renders. The endpoints are
// the POST routes of tests/route-matrix.ts, aimed at objects of this spec's own: a live call of its own trainee and
// a course of its own. Cases per endpoint: FUZZ_RUNS (tests/fuzz-runs.ts), a few by default.
import { expect, test, type APIRequestContext } from '@playwright/test';
import fc from 'fast-check';
import { ROUTE_MATRIX } from '../route-matrix';
import { fuzzRuns, fuzzSeed, FUZZ_HANG_MS } from '../fuzz-runs';
import { createAccount, loginRequest } from './fixtures';

const RUN = Date.now().toString(36);
const TRAINEE = { email: `fuzz-${RUN}@callcraft.test`, name: `Fuzz ${RUN}`, first: 'Fuzz-first-2026', password: 'Fuzz-trainee-2026' };
const COURSE = `fuzz-course-${RUN}`;
const NO_CALL = '00000000-0000-4000-8000-000000000000';

let trainee: APIRequestContext;
let admin: APIRequestContext;
let callId = '';

test.beforeAll(async ({ playwright, baseURL }) => {
	await createAccount(baseURL!, { email: TRAINEE.email, name: TRAINEE.name, password: TRAINEE.first, cohort: 'South team' });
	const html = { origin: baseURL!, accept: 'text/html' };
	trainee = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.31' } });
	expect((await trainee.post('/login', { form: { email: TRAINEE.email, password: TRAINEE.first }, headers: html, maxRedirects: 0 })).status()).toBe(303);
	const changed = await trainee.post('/account/password', { form: { current: TRAINEE.first, password: TRAINEE.password, confirm: TRAINEE.password }, headers: html, maxRedirects: 0 });
	expect(changed.status()).toBe(303);
	const started = await trainee.post('/api/calls', { data: { scenarioSlug: 'sales-enquiry' }, headers: { origin: baseURL! } });
	expect(started.status()).toBe(201);
	callId = (await started.json()).id;
	expect((await trainee.post(`/api/calls/${callId}/answer`, { data: {}, headers: { origin: baseURL! } })).status()).toBe(200);

	// The speech models load in the background after start-up and hold the event loop now and then while they do:
	// start-up work, not an answer to a body, so the fuzzing starts once they are loaded (or known to be missing).
	await expect
		.poll(async () => (await (await trainee.get('/api/speech/status')).json()).voice, { timeout: 90_000, intervals: [500] })
		.not.toBe('loading');

	admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.32' } });
	await loginRequest(admin, 'admin', baseURL!);
	const created = await admin.post('/trainer/courses?/create', { form: { title: `Fuzz ${RUN}`, slug: COURSE }, headers: html, maxRedirects: 0 });
	expect(created.status()).toBe(303);
});

test.afterAll(async () => {
	await trainee?.dispose();
	await admin?.dispose();
});

/** The JSON endpoints: POST cases of the route matrix, pointed at this spec's own call and course. */
function endpoints() {
	return Object.entries(ROUTE_MATRIX)
		.filter(([, c]) => c.method === 'POST')
		.map(([id, c]) => ({
			id,
			path: c.path.replace(NO_CALL, callId).replace(/\/trainer\/courses\/[^/]+\/draft/, `/trainer/courses/${COURSE}/draft`),
			sample: c.body,
			as: id.startsWith('/(app)') ? trainee : admin
		}));
}

/** Bodies: any JSON, the sample with each field replaced by any JSON, deep nesting, huge strings, not JSON at all. */
function bodies(sample: unknown): fc.Arbitrary<{ text: string; type: string }> {
	const json = (a: fc.Arbitrary<unknown>) => a.map((v) => ({ text: JSON.stringify(v) ?? 'null', type: 'application/json' }));
	const fields = sample && typeof sample === 'object' ? Object.keys(sample as object) : [];
	const mutated = fields.length
		? fc.record(Object.fromEntries(fields.map((f) => [f, fc.jsonValue({ maxDepth: 3 })])), { requiredKeys: [] }).map((extra) => ({ ...(sample as object), ...extra }))
		: fc.jsonValue();
	return fc.oneof(
		json(fc.jsonValue({ maxDepth: 4 })),
		json(mutated),
		json(fc.constantFrom({ __proto__: { admin: true } }, { constructor: { prototype: { x: 1 } } }, 'x'.repeat(200_000), -0, 1e308, [])),
		fc.integer({ min: 1, max: 20_000 }).map((n) => ({ text: '['.repeat(n) + ']'.repeat(n), type: 'application/json' })),
		fc.string({ maxLength: 300 }).map((text) => ({ text, type: 'application/json' })),
		fc.string({ maxLength: 300 }).map((text) => ({ text, type: 'text/plain' }))
	);
}

test('random and adversarial bodies to every JSON endpoint never get a 5xx or hang, and the call and course still render', async ({ baseURL }) => {
	test.setTimeout(300_000);
	const wrong: string[] = [];
	const list = endpoints();
	expect(list.length).toBeGreaterThan(8);
	for (const endpoint of list) {
		await fc.assert(
			fc.asyncProperty(bodies(endpoint.sample), async (body) => {
				const what = `${body.type} body of ${body.text.length} chars ${JSON.stringify(body.text.slice(0, 60))}`;
				const send = () =>
					endpoint.as.post(endpoint.path, {
						data: body.text,
						headers: { origin: baseURL!, 'content-type': body.type, accept: 'application/json' },
						timeout: FUZZ_HANG_MS,
						maxRedirects: 0
					});
				// A body that hangs the endpoint hangs it again; a machine that stalled once (two shared cores) does not.
				const res = await send().catch(() => send().catch((e: Error) => e));
				if (res instanceof Error) wrong.push(`${endpoint.id}: no answer within ${FUZZ_HANG_MS} ms, twice, for a ${what}`);
				else if (res.status() >= 500) wrong.push(`${endpoint.id}: ${res.status()} for a ${what}`);
			}),
			{ numRuns: fuzzRuns(6), seed: fuzzSeed() }
		);
	}
	expect(wrong).toEqual([]);

	// What the bodies left behind renders: the call (API, page, and once ended its result) and the course editor.
	for (const path of [`/api/calls/${callId}`, `/calls/${callId}`]) expect((await trainee.get(path, { maxRedirects: 0 })).status(), path).toBeLessThan(500);
	await trainee.post(`/api/calls/${callId}/end`, { data: {}, headers: { origin: baseURL! } });
	await trainee.post(`/api/calls/${callId}/acw`, { data: { email: null }, headers: { origin: baseURL! } });
	for (const path of [`/api/calls/${callId}/result`, `/calls/${callId}/result`, '/calls']) {
		expect((await trainee.get(path, { maxRedirects: 0 })).status(), path).toBeLessThan(500);
	}
	for (const path of [`/trainer/courses/${COURSE}`, `/trainer/courses/${COURSE}/edit/course`, `/trainer/courses/${COURSE}/history`, '/trainer/courses']) {
		expect((await admin.get(path, { maxRedirects: 0 })).status(), path).toBeLessThan(500);
	}
});
