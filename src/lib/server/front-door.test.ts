import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FrontDoor, admittedAt, shedSettingsFromEnv, staticFilePaths } from './front-door.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { busyAnswer, BUSY_CODE } from '$lib/busy-answer.js';

const settings = { limit: 2, queue: 1, waitMs: 250, retryAfterS: 3, lagMs: 100 };

describe('FrontDoor.enter', () => {
	it('admits up to limit + queue requests, refuses beyond, and admits again once one leaves', () => {
		const door = new FrontDoor(settings, { currentLagMs: () => 0 });
		expect(['/', '/calls', '/api/calls'].map((p) => door.enter(p))).toEqual(['admit', 'admit', 'admit']);
		expect(door.enter('/courses')).toBe('refuse');
		expect(door.refused).toBe(1);
		door.leave();
		expect(door.enter('/courses')).toBe('admit');
		expect(door.inFlight).toBe(3);
	});

	it('refuses while the event loop runs later than lagMs, and admits once it is on time again', () => {
		let lag = 101;
		const door = new FrontDoor(settings, { currentLagMs: () => lag });
		expect(door.enter('/')).toBe('refuse');
		expect(door.inFlight).toBe(0);
		lag = 100;
		expect(door.enter('/')).toBe('admit');
	});

	it('never refuses health, sign-out or speech, and does not count them', () => {
		const door = new FrontDoor({ ...settings, limit: 1, queue: 0 }, { currentLagMs: () => 10_000 });
		expect(['/healthz', '/logout', '/api/speech/streams'].map((p) => door.enter(p))).toEqual(['never', 'never', 'never']);
		expect(door.inFlight).toBe(0);
		expect(door.enter('/api/calls')).toBe('refuse');
	});

	it("never refuses the build's static files, even while the loop runs late or the app is full, and does not count them", () => {
		const files = new Set(['/favicon.svg', '/_app/immutable/assets/0.Ab12.css', '/_app/immutable/entry/start.Cd34.js']);
		const door = new FrontDoor({ ...settings, limit: 1, queue: 0 }, { currentLagMs: () => 10_000 }, files);
		expect([...files].map((p) => door.enter(p))).toEqual(['never', 'never', 'never']);
		expect(door.inFlight).toBe(0);
		// A name that is not a file of the build is refused as any request: the exemption is the list, not the prefix.
		expect(door.enter('/_app/immutable/assets/made-up.css')).toBe('refuse');
		expect(door.enter('/')).toBe('refuse');
	});

	it('lists the files of a build folder by URL path, without their precompressed twins', () => {
		const dir = mkdtempSync(join(tmpdir(), 'callcraft-static-'));
		mkdirSync(join(dir, '_app', 'immutable', 'assets'), { recursive: true });
		for (const name of ['favicon.svg', 'favicon.svg.br', 'favicon.svg.gz', '_app/version.json', '_app/immutable/assets/0.Ab12.css', '_app/immutable/assets/0.Ab12.css.br']) writeFileSync(join(dir, name), 'x');
		expect([...staticFilePaths(dir)].sort()).toEqual(['/_app/immutable/assets/0.Ab12.css', '/_app/version.json', '/favicon.svg']);
		expect(staticFilePaths(join(dir, 'missing')).size).toBe(0);
	});

	it('notes on each admitted request when it was admitted (the gate in the app refuses it once it waited too long), and says why it refused', () => {
		let lag = 0;
		const door = new FrontDoor({ ...settings, limit: 1, queue: 0 }, { currentLagMs: () => lag });
		const passed: IncomingMessage[] = [];
		const listener = door.listener((req) => void passed.push(req));
		const answers: { status: number; headers: Record<string, string> }[] = [];
		const fakeRes = () =>
			({
				once: () => undefined,
				writeHead(status: number, headers: Record<string, string>) {
					answers.push({ status, headers });
				},
				end: () => undefined
			}) as unknown as ServerResponse;
		const req = (url: string) => ({ url, method: 'GET', headers: { accept: 'text/html' } }) as IncomingMessage;
		const before = performance.now();
		const first = req('/courses');
		listener(first, fakeRes());
		expect(passed).toEqual([first]);
		expect(admittedAt(first)).toBeGreaterThanOrEqual(before);
		expect(admittedAt(first)).toBeLessThanOrEqual(performance.now());
		const health = req('/healthz');
		listener(health, fakeRes());
		expect(admittedAt(health), 'never-shed paths are not timed').toBeUndefined();
		listener(req('/calls'), fakeRes());
		lag = 1000;
		door.leave();
		listener(req('/calls'), fakeRes());
		expect(answers.map((a) => [a.status, a.headers['x-shed-reason'], a.headers['retry-after']])).toEqual([
			[503, 'full', '3'],
			[503, 'lag', '3']
		]);
		expect(admittedAt({})).toBeUndefined();
	});

	it('hands admitted requests to the app one per turn of the event loop (oneRequestPerTurn), skipping a client that left', async () => {
		const door = new FrontDoor({ ...settings, limit: 4, oneRequestPerTurn: true }, { currentLagMs: () => 0 });
		const passed: string[] = [];
		const listener = door.listener((req) => void passed.push(req.url!));
		const fakeRes = () => ({ once: () => undefined, writeHead: () => undefined, end: () => undefined }) as unknown as ServerResponse;
		const req = (url: string, destroyed = false) => ({ url, method: 'GET', headers: {}, socket: { destroyed } }) as unknown as IncomingMessage;
		for (const url of ['/a', '/b', '/c']) listener(req(url), fakeRes());
		listener(req('/gone', true), fakeRes());
		listener(req('/healthz'), fakeRes());
		// Health is never queued; the admitted ones wait for the loop.
		expect(passed).toEqual(['/healthz']);
		expect(door.waiting).toBe(4);
		// setImmediate callbacks queued while the check phase runs wait for the next turn (after the next poll), so
		// each of these waits is one turn of the loop.
		const turn = () => new Promise((done) => setImmediate(done));
		await turn();
		expect(passed).toEqual(['/healthz', '/a']);
		await turn();
		expect(passed).toEqual(['/healthz', '/a', '/b']);
		await turn();
		await turn();
		await turn();
		expect(passed, 'the one whose client left is not handed on').toEqual(['/healthz', '/a', '/b', '/c']);
		expect(door.waiting).toBe(0);
	});

	it('ignores the lag when SHED_LAG_MS is 0', () => {
		const door = new FrontDoor({ ...settings, lagMs: 0 }, { currentLagMs: () => 10_000 });
		expect(door.enter('/')).toBe('admit');
	});
});

describe('busyAnswer', () => {
	it('is JSON with code busy for APIs and fetches, with Retry-After and no caching', () => {
		for (const [pathname, accept] of [
			['/api/calls', 'text/html'],
			['/calls', 'application/json'],
			['/calls', null]
		] as const) {
			const a = busyAnswer({ method: 'POST', pathname, accept, retryAfterS: 2 });
			expect(a.status).toBe(503);
			expect(a.headers['retry-after']).toBe('2');
			expect(a.headers['cache-control']).toBe('no-store');
			expect(JSON.parse(a.body).error.code).toBe(BUSY_CODE);
		}
	});

	it('is a page that reloads itself for a browser GET, and one saying the form was not sent for a form POST', () => {
		const page = busyAnswer({ method: 'GET', pathname: '/courses', accept: 'text/html,*/*', retryAfterS: 2 });
		expect(page.headers['content-type']).toMatch(/text\/html/);
		expect(page.body).toMatch(/<meta http-equiv="refresh" content="3">[^]*This page tries again in a moment\./);
		const form = busyAnswer({ method: 'POST', pathname: '/login', accept: 'text/html', retryAfterS: 2 });
		expect(form.body).not.toContain('http-equiv="refresh"');
		expect(form.body).toContain('your form was not sent');
		expect(form.body).toContain('what you typed is still there');
	});
});

describe('front door on a real server', () => {
	let child: ChildProcess | null = null;
	let out = '';
	afterEach(() => {
		child?.kill('SIGKILL');
		child = null;
	});

	/** Starts tests/unit/fixtures/front-door-server.js (a stand-in app behind the door) with these settings. */
	async function start(env: Record<string, string>): Promise<string> {
		child = spawn(process.execPath, ['tests/unit/fixtures/front-door-server.js'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
		out = '';
		child.stdout!.on('data', (d) => (out += d));
		const port = (await printed(/port (\d+)/))[1];
		return `http://127.0.0.1:${port}`;
	}

	/** Resolves once the fixture server has printed a line matching `pattern` (event-based: no fixed sleeps). */
	function printed(pattern: RegExp): Promise<RegExpExecArray> {
		return new Promise((resolve, reject) => {
			const look = () => {
				const m = pattern.exec(out);
				if (!m) return false;
				child!.stdout!.off('data', look);
				resolve(m);
				return true;
			};
			if (look()) return;
			child!.stdout!.on('data', look);
			child!.once('exit', (code) => reject(new Error(`fixture server exited with ${code}`)));
		});
	}

	type Answer = { status: number; retryAfter: string | null; type: string | null; body: string };
	/** One request on a connection of its own (no pooling: each is its own socket, as from separate clients). */
	function get(base: string, path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Answer> {
		return new Promise((resolve, reject) => {
			const req = httpRequest(base + path, { method, headers, agent: false }, (res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (d) => (text += d));
				res.on('end', () => resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'] ?? null, type: res.headers['content-type'] ?? null, body: text }));
			});
			req.on('error', reject);
			req.end(body);
		});
	}

	it('refuses requests that arrive while the event loop is blocked, answers health, and admits again after', async () => {
		const base = await start({ SHED_LAG_MS: '100', SHED_RETRY_AFTER: '2' });
		expect((await get(base, '/page')).status).toBe(200);
		// A 1.5 s synchronous render: everything sent meanwhile waits unseen in the socket buffers.
		const block = get(base, '/block?ms=1500');
		await printed(/in \/block/);
		const during = await Promise.all([
			get(base, '/page', { accept: 'text/html' }),
			get(base, '/api/calls', { accept: 'application/json' }),
			get(base, '/login', { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, 'POST', 'email=a%40b.c&password=typed'),
			get(base, '/healthz')
		]);
		expect((await block).status, 'the request that was being worked on is answered').toBe(200);
		const [page, api, form, health] = during;
		for (const a of [page, api, form]) {
			expect(a.status).toBe(503);
			expect(a.retryAfter).toBe('2');
		}
		expect(page.body).toContain('<meta http-equiv="refresh" content="3">');
		expect(JSON.parse(api.body).error.code).toBe('busy');
		expect(form.body).toContain('your form was not sent');
		expect(health).toMatchObject({ status: 200, body: 'app /healthz' });
		// The loop is on time again within a tick or two: requests are admitted again.
		let after = await get(base, '/page');
		// Polled with a pause between tries (as a client honouring Retry-After would): on a loaded machine the fixture's
		// ticks can stay late for a while after the block, and 20 back-to-back tries fitted inside that.
		for (let i = 0; after.status !== 200 && i < 50; i++) {
			await new Promise((r) => setTimeout(r, 100));
			after = await get(base, '/page');
		}
		expect(after).toMatchObject({ status: 200, body: 'app /page' });
	});

	it('refuses beyond SHED_CONCURRENCY + SHED_QUEUE requests inside, and admits once one is answered', async () => {
		const base = await start({ SHED_LAG_MS: '0', SHED_CONCURRENCY: '1', SHED_QUEUE: '1' });
		const holds = [get(base, '/hold?ms=1500'), get(base, '/hold?ms=1500')];
		await printed(/in \/hold[^]*in \/hold/);
		const refused = await get(base, '/page', { accept: 'application/json' });
		expect(refused.status).toBe(503);
		expect(refused.type).toBe('application/json');
		expect((await get(base, '/healthz')).status, 'health is never refused').toBe(200);
		expect((await Promise.all(holds)).map((a) => a.status)).toEqual([200, 200]);
		expect((await get(base, '/page')).status).toBe(200);
	});

	it('reads its settings with the hook: SHED_LAG_MS and the others from the environment', () => {
		expect(shedSettingsFromEnv({ SHED_LAG_MS: '80', SHED_CONCURRENCY: '3' })).toMatchObject({ lagMs: 80, limit: 3, queue: 16 });
		expect(() => shedSettingsFromEnv({ SHED_LAG_MS: '-1' })).toThrow(/SHED_LAG_MS/);
	});
});
