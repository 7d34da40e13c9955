// Load shedding on the built server: with room for one request at a time and no queue, a burst of page and API
// requests is answered, each either served or refused with 503 + Retry-After (a page for browsers, JSON for
// fetches); how fast is measured by `npm run bench:soak`, not here. The health check and sign-out are never refused. The server runs on its own
// port with its own database and these settings; the shared e2e server keeps the defaults.
import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { startBuiltServer, stopServer } from './fixtures';

const PORT = Number(process.env.E2E_PORT ?? 4173) + 8;

async function withServer(env: Record<string, string>, entry: 'index.js' | 'server.js', run: (base: string, output: () => string) => Promise<void>) {
	const dbPath = join(mkdtempSync(join(tmpdir(), 'callcraft-shed-')), 'shed.db');
	const server = await startBuiltServer(PORT, dbPath, { SEED_DEMO: 'false', ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1', ...env }, entry);
	try {
		await run(`http://localhost:${PORT}`, server.output);
		expect(server.output()).not.toMatch(/Something went wrong|Error:/);
	} finally {
		await stopServer(server.child);
	}
}

type Answer = { kind: string; status: number; retryAfter: string | null; reason: string | null; body: string };
async function send(base: string, kind: string, path: string, init: RequestInit = {}): Promise<Answer> {
	const res = await fetch(base + path, { redirect: 'manual', ...init });
	return { kind, status: res.status, retryAfter: res.headers.get('retry-after'), reason: res.headers.get('x-shed-reason'), body: await res.text() };
}

/** A sign-in with a wrong password from its own address: argon2 work off the event loop, so they overlap. */
const signIn = (base: string, i: number) =>
	send(base, 'sign-in', '/login', {
		method: 'POST',
		headers: { origin: base, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `10.9.${i >> 8}.${i & 255}` },
		body: `email=nobody-${i}%40shed.test&password=wrong-password-${i}`
	});

/**
 * A wrong-password sign-in whose body is sent in two parts: until `finish` sends the rest, the app holds its slot
 * waiting for the body. Resolves with the status once finished.
 */
function holdSignIn(base: string) {
	const body = 'email=held%40shed.test&password=wrong-password-held';
	const url = new URL('/login', base);
	const req = httpRequest(url, {
		method: 'POST',
		agent: false,
		headers: { origin: base, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length), 'x-forwarded-for': '10.8.0.1' }
	});
	const answered = new Promise<number>((resolve, reject) => {
		req.on('response', (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode!));
		});
		req.on('error', reject);
	});
	// If the test fails before `finish`, stopping the server ends this request: that must not hide the failure.
	answered.catch(() => undefined);
	let early: number | null = null;
	answered.then((status) => (early = status)).catch(() => undefined);
	req.flushHeaders();
	req.write(body.slice(0, 10));
	return {
		/** The status, if the request was answered before its body was complete (it never held the slot). */
		answeredEarly: () => early,
		finish: () => {
			req.end(body.slice(10));
			return answered;
		}
	};
}

/** Resolves once a page request is shed (the held request has the slot): bounded, no fixed sleeps. */
async function untilShed(base: string, held: ReturnType<typeof holdSignIn>) {
	for (let i = 0; i < 200; i++) {
		const early = held.answeredEarly();
		if (early !== null) throw new Error(`the held sign-in was answered ${early} before its body was complete`);
		const a = await send(base, 'page', '/login', { headers: { accept: 'text/html' } });
		if (a.status === 503 && held.answeredEarly() === null) return;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error('the held sign-in never took the slot');
}

// index.js: the SvelteKit hook's gate refuses; server.js (what `npm start` runs): the front door refuses before SvelteKit.
for (const entry of ['index.js', 'server.js'] as const) {
	test(`${entry}: requests beyond the concurrency limit are shed with 503 + Retry-After; health, sign-out and the build's static files always answer`, async () => {
		test.setTimeout(120_000);
		// SHED_QUEUE_MS high: on a busy test box the held sign-in may reach the app more than the default 250 ms after
		// the door admitted it, and would then be refused (that path has its own test below); this test is the limit.
		await withServer({ SHED_CONCURRENCY: '1', SHED_QUEUE: '0', SHED_QUEUE_MS: '60000', SHED_RETRY_AFTER: '2', SHED_LAG_MS: '0' }, entry, async (base) => {
			// The styles and scripts the sign-in page loads: a page that got through needs them too.
			const loginPage = (await send(base, 'page', '/login', { headers: { accept: 'text/html' } })).body;
			// (Kit writes them relative to the page: `./_app/immutable/…`.)
			const assets = [...new Set([...loginPage.matchAll(/"((?:\.{1,2}\/)*_app\/immutable\/[^"]+\.(?:css|js))"/g)].map((m) => new URL(m[1], `${base}/login`).pathname))];
			expect(assets.filter((a) => a.endsWith('.css')).length, 'the sign-in page links a stylesheet').toBeGreaterThan(0);
			expect(assets.filter((a) => a.endsWith('.js')).length, 'the sign-in page loads scripts').toBeGreaterThan(0);
			// The one slot is held by a sign-in whose body is still on its way (the app works on it until the body has
			// arrived), so the whole burst finds the server full, however fast the warm app answers.
			const held = holdSignIn(base);
			await untilShed(base, held);
			const answers = await Promise.all(
				Array.from({ length: 24 }, (_, i) => [
					signIn(base, i),
					send(base, 'api', '/api/calls', { headers: { accept: 'application/json' } }),
					send(base, 'page', '/login', { headers: { accept: 'text/html' } }),
					...(i % 4 === 0 ? [send(base, 'health', '/healthz'), send(base, 'logout', '/logout', { method: 'POST', headers: { origin: base, accept: 'text/html' } })] : []),
					send(base, 'static', assets[i % assets.length]),
					send(base, 'static', '/favicon.svg'),
					// Not a file of the build: the front door sheds it as any request (its exemption is the build's files,
					// not a prefix); without the door SvelteKit answers a missing app file 404 itself, before the hooks.
					send(base, 'made-up', `/_app/immutable/assets/made-up-${i}.css`, { headers: { accept: 'text/html' } })
				]).flat()
			);
			const shed = answers.filter((a) => a.status === 503);
			expect(answers.filter((a) => a.kind === 'static').map((a) => a.status), 'styles, scripts and the icon are served').toEqual(Array(48).fill(200));
			expect(answers.filter((a) => a.kind === 'made-up').map((a) => a.status)).toEqual(Array(24).fill(entry === 'server.js' ? 503 : 404));
			expect(shed.filter((a) => a.kind !== 'made-up').length, 'every sign-in, page and API request of the burst was shed').toBe(24 * 3);
			// The held sign-in is worked on once its body is complete, and a sign-in after it is worked on, not refused.
			expect(await held.finish(), 'the request holding the slot is answered').toBe(400);
			expect((await signIn(base, 999)).status, 'a sign-in after the burst is worked on').toBe(400);
			expect(answers.filter((a) => a.kind === 'health').map((a) => a.status)).toEqual(Array(6).fill(200));
			expect(answers.filter((a) => a.kind === 'logout').map((a) => a.status)).toEqual(Array(6).fill(303));
			for (const a of answers.filter((x) => x.kind === 'sign-in')) expect([400, 503]).toContain(a.status);
			for (const a of answers.filter((x) => x.kind === 'api')) expect([401, 503]).toContain(a.status);
			for (const a of answers.filter((x) => x.kind === 'page')) expect([200, 503]).toContain(a.status);
			expect(shed.map((a) => a.kind), 'pages, sign-ins and APIs are all shed').toEqual(expect.arrayContaining(['page', 'sign-in', 'api']));
			for (const a of shed) {
				expect(a.retryAfter).toBe('2');
				if (a.kind === 'api') expect(JSON.parse(a.body).error.code).toBe('busy');
				// A page the browser fetches again by itself; a form it does not resend behind the user's back.
				if (a.kind === 'page') expect(a.body).toMatch(/<meta http-equiv="refresh" content="3">[^]*The server is busy right now\. This page tries again in a moment\./);
				if (a.kind === 'sign-in') expect(a.body).toContain('The server is busy right now, and your form was not sent.');
			}
			// Once the burst is over, everything is served again.
			expect((await send(base, 'page', '/login', { headers: { accept: 'text/html' } })).status).toBe(200);
		});
	});
}

test('server.js: listens only once warm (route modules loaded, render workers up, published catalogue parsed, tone sentence encoder started, requests through the app on a private port)', async () => {
	test.setTimeout(120_000);
	await withServer({}, 'server.js', async (base, output) => {
		// startBuiltServer returned once /healthz answered on the real port: all that was printed before listening is here.
		const text = output();
		const modules = /warm: (\d+) route modules loaded, Markdown renderer ready, (\d+) published courses and (\d+) scenarios parsed, tone sentence encoder ready, in \d+ ms/.exec(text);
		const requests = /warm: (\d+) requests through the app \((\d+) not shed\) in \d+ ms/.exec(text);
		const listening = text.indexOf('Listening on');
		expect(modules, text).not.toBeNull();
		expect(requests, text).not.toBeNull();
		expect(Number(modules![1]), 'every page, layout and endpoint module').toBeGreaterThan(100);
		// The demo data publishes courses and scenarios: their parse (the first signed-in home page's ~0.3–1.7 s) is done.
		expect(Number(modules![2]), 'published courses parsed').toBeGreaterThan(0);
		expect(Number(modules![3]), 'published scenarios parsed').toBeGreaterThan(0);
		expect(Number(requests![2]), 'some warm-up requests were worked on, not shed').toBeGreaterThan(0);
		expect(modules!.index).toBeLessThan(requests!.index);
		expect(requests!.index).toBeLessThan(listening);
		expect((await send(base, 'page', '/login', { headers: { accept: 'text/html' } })).status).toBe(200);
	});
});

test('server.js: a request admitted at the door that waited past SHED_QUEUE_MS before the app got to it is refused (503 + Retry-After), a form keeps its text', async () => {
	test.setTimeout(120_000);
	// No lag shedding and room for every request: only the wait bound (1 ms) can refuse. In a burst, requests admitted
	// together wait for each other's synchronous work (several ms each) before the app's gate sees them.
	await withServer({ SHED_CONCURRENCY: '1000', SHED_QUEUE: '0', SHED_QUEUE_MS: '1', SHED_RETRY_AFTER: '2', SHED_LAG_MS: '0' }, 'server.js', async (base) => {
		const answers = await Promise.all(
			Array.from({ length: 16 }, (_, i) => [signIn(base, 2000 + i), send(base, 'page', '/login', { headers: { accept: 'text/html' } }), send(base, 'api', '/api/calls', { headers: { accept: 'application/json' } })]).flat()
		);
		const late = answers.filter((a) => a.status === 503);
		expect(late.length, 'some of the burst waited too long').toBeGreaterThan(0);
		for (const a of late) {
			expect(a.reason).toBe('late');
			expect(a.retryAfter).toBe('2');
			if (a.kind === 'sign-in') expect(a.body).toContain('The server is busy right now, and your form was not sent.');
			if (a.kind === 'page') expect(a.body).toContain('This page tries again in a moment.');
			if (a.kind === 'api') expect(JSON.parse(a.body).error.code).toBe('busy');
		}
		for (const a of answers.filter((x) => x.status !== 503)) expect(a.status).toBe({ 'sign-in': 400, page: 200, api: 401 }[a.kind]);
	});
});
