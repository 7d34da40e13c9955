// How fast the call player opens a 30-minute recorded call (goal ≤ 1 s), and what the recording costs on disk
// (goal ≤ 1 MB per recorded minute). Starts the built app (npm run build first) on a temp database with the demo
// data, plays a 30-minute voice call as demo trainee bea through the API (its clock moved back 31 minutes in the
// database so the events can span 30 minutes): typed lines, CRM edits and a spoken turn (a WAV upload, 3–9 s) every
// ~12 s, then hang-up and after-call work. Then, as her trainer priya:
//   - the review page's HTML (server render with the recording info), p50/p95 over 20 loads;
//   - the audio's first 64 kB (what preload=metadata reads) and a 64 kB seek in the middle, p50/p95;
//   - in Chromium: navigation → player ready (the page hydrated with its <audio>, which reads no audio before a play
//     or a seek), and then a click on a deduction → the recording's header read and the audio seeked; 5 cold loads,
//     each followed by a warm one (the same browser, scripts cached); the same for a short seeded call (the floor).
// Usage: npm run bench:player [-- minutes [build-dir [app-dir]]]   (default 30 minutes, build/, the server runs in app-dir
// with its content/ and drizzle/: an older checkout's for before/after, where a build without recordings plays the same
// call typed and "player ready" is the hydrated page; BENCH_PORT picks the port)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { chromium } from '@playwright/test';
import { encodeWav } from '../src/lib/audio/wav-encode';
import { waitUntilHealthy } from './lib/healthy';
import { signIn } from './lib/sign-in';

const MINUTES = Number(process.argv[2] ?? 30);
const BUILD = resolve(process.argv[3] ?? 'build');
const APP_DIR = resolve(process.argv[4] ?? '.');
const PORT = Number(process.env.BENCH_PORT ?? 4321);
const base = `http://localhost:${PORT}`;
const dir = mkdtempSync(join(tmpdir(), 'callcraft-bench-player-'));
const dbPath = join(dir, 'bench.db');
const executablePath = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

const server = spawn(process.execPath, [`${BUILD}/index.js`], {
	cwd: APP_DIR,
	env: { ...process.env, PORT: String(PORT), DATABASE_PATH: dbPath, ORIGIN: base, NODE_ENV: 'production', SHED_LAG_MS: '0', SPEECH_DISABLED: '1', NOTIFY_INTERVAL_MS: '0' },
	stdio: ['ignore', 'ignore', 'inherit']
});

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms`;


/** A spoken turn: a voice-like warble (so it is not silence), `sec` seconds at 16 kHz. */
const turnAudio = (sec: number, seed: number) =>
	Float32Array.from({ length: Math.round(sec * 16000) }, (_, i) => 0.25 * Math.sin((2 * Math.PI * (140 + 40 * Math.sin(i / 3000 + seed)) * i) / 16000) * (0.6 + 0.4 * Math.sin(i / 900)));

const loadAtStart = loadavg().map((n) => n.toFixed(1)).join(' / ');
try {
	await waitUntilHealthy(base);
	const bea = await signIn(base, 'bea@callcraft.demo', 'Trainee-demo-2026');
	const api = async (path: string, body: unknown) => {
		const res = await fetch(base + path, { method: 'POST', headers: { origin: base, cookie: bea, 'content-type': 'application/json' }, body: JSON.stringify(body) });
		if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
		return res.json();
	};
	const { id } = (await api('/api/calls', { scenarioSlug: 'complaint-escalation', mode: 'assessment' })) as { id: string };
	await api(`/api/calls/${id}/answer`, {});
	const db = new Database(dbPath);
	db.pragma('busy_timeout = 5000');
	db.prepare('update calls set started_at = ? where id = ?').run(Date.now() - (MINUTES + 1) * 60_000, id);
	db.close();

	let events = 0;
	let turns = 0;
	let audioSec = 0;
	const uploadMs: number[] = [];
	let recorded = true;
	for (let t = 4000, i = 0; t < MINUTES * 60_000 - 15_000; t += 12_000, i++) {
		const sec = 3 + (i % 7);
		if (recorded) {
			const t0 = performance.now();
			const res = await fetch(`${base}/api/calls/${id}/recording?t=${t}&turn=b${i}`, { method: 'POST', headers: { origin: base, cookie: bea, 'content-type': 'audio/wav' }, body: encodeWav(turnAudio(sec, i)) as BodyInit });
			if (res.status === 404 && i === 0) recorded = false; // a build from before recorded calls
			else if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
			else {
				uploadMs.push(performance.now() - t0);
				turns++;
				audioSec += sec;
			}
		}
		await api(`/api/calls/${id}/events`, { clientId: `u${i}`, event: { type: 'trainee_utterance', t, text: 'I understand, I am noting that down for the customer relations team.' } });
		await api(`/api/calls/${id}/events`, { clientId: `c${i}`, event: { type: 'crm_change', t: t + sec * 1000 + 500, section: 'interaction', field: 'notes', value: `Two missed engineer visits; note ${i}` } });
		events += 2;
	}
	await api(`/api/calls/${id}/end`, {});
	await api(`/api/calls/${id}/acw`, { email: null });

	const files = recorded ? readdirSync(join(dir, 'recordings', id)) : [];
	const bytes = files.reduce((n, f) => n + statSync(join(dir, 'recordings', id, f)).size, 0);

	const priya = await signIn(base, 'priya@callcraft.demo', 'Trainer-demo-2026');
	const page = `/trainer/calls/${id}`;
	const html: number[] = [];
	for (let i = 0; i < 20; i++) {
		const t0 = performance.now();
		const res = await fetch(base + page, { headers: { cookie: priya } });
		await res.text();
		if (!res.ok) throw new Error(`review page: ${res.status}`);
		html.push(performance.now() - t0);
	}
	const audioUrl = `${base}/api/calls/${id}/recording`;
	const size = recorded ? Number((await fetch(audioUrl, { headers: { cookie: priya, range: 'bytes=0-0' } })).headers.get('content-range')?.split('/')[1]) : 0;
	const first: number[] = [];
	const seek: number[] = [];
	for (let i = 0; recorded && i < 20; i++) {
		for (const [list, from] of [
			[first, 0],
			[seek, Math.floor(size / 2)]
		] as const) {
			const t0 = performance.now();
			const res = await fetch(audioUrl, { headers: { cookie: priya, range: `bytes=${from}-${from + 65535}` } });
			await res.arrayBuffer();
			if (res.status !== 206) throw new Error(`audio range: ${res.status}`);
			list.push(performance.now() - t0);
		}
	}

	// A short call of the same trainer's cohort (a seeded one, ~50 lines): what any results page costs on this machine.
	const dbr = new Database(dbPath, { readonly: true });
	const short = dbr
		.prepare(
			`select c.id from calls c join users u on u.id = c.user_id where u.email = 'chris@callcraft.demo' and c.state = 'completed'
			 order by (select count(*) from call_events e where e.call_id = c.id) desc limit 1`
		)
		.get() as { id: string } | undefined;
	dbr.close();

	const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--autoplay-policy=no-user-gesture-required'] });
	/** Opens `url` in a fresh browser context (cold: nothing cached), then again in the same one (warm: scripts cached). */
	/**
	 * The renderer main thread's CPU time from navigation to hydrated (the trace's thread time of its top-level tasks):
	 * unlike wall-clock times it hardly grows when other processes load the machine.
	 */
	const mainThreadCpu = async (p: import('@playwright/test').Page, go: () => Promise<void>) => {
		await browser.startTracing(p, { categories: ['toplevel', 'devtools.timeline'] });
		await go();
		const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: { name: string; pid: number; tid: number; ph: string; ts: number; dur?: number; tdur?: number }[] };
		const parses = new Map<string, number>();
		for (const e of traceEvents) if (e.name === 'ParseHTML') parses.set(`${e.pid}:${e.tid}`, (parses.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
		const main = [...parses].sort((a, b) => b[1] - a[1])[0]?.[0];
		const tasks = traceEvents.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask')).sort((a, b) => a.ts - b.ts);
		let cpu = 0;
		let end = 0;
		for (const t of tasks) {
			if (t.ts < end) continue; // nested
			cpu += t.tdur ?? 0;
			end = t.ts + (t.dur ?? 0);
		}
		return cpu / 1000;
	};
	const open = async (url: string, each: (p: import('@playwright/test').Page) => Promise<void> = async () => {}) => {
		const cold = { opens: [] as number[], html: [] as number[], ttfb: [] as number[], scripts: [] as number[], nScripts: [] as number[], fcp: [] as number[], lines: [] as number[], busy: [] as number[], cpu: [] as number[], dom: [] as number[] };
		const warm: number[] = [];
		for (let i = 0; i < 5; i++) {
			const context = await browser.newContext({ baseURL: base });
			await context.addCookies(priya.split('; ').map((c) => ({ name: c.split('=')[0], value: c.slice(c.indexOf('=') + 1), url: base })));
			const p = await context.newPage();
			const cdp = await context.newCDPSession(p);
			await cdp.send('Performance.enable');
			await p.goto(url, { waitUntil: 'commit' });
			await p.locator('html[data-hydrated]').waitFor({ state: 'attached' });
			// Ready: hydrated, with the <audio> in the page (it reads no audio before a play or a seek).
			// a string, not a function: tsx would wrap named functions in a helper the page does not have
			// Phases, ms since navigation start: the server's first byte and last byte of the HTML, the last script in,
			// the first paint with content (the first transcript lines are in the server-rendered HTML, checked below),
			// and hydrated (play and seeking work).
			const ready = (await p.evaluate(
				`(() => { const nav = performance.getEntriesByType('navigation')[0]; const js = performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js')); const fcp = performance.getEntriesByName('first-contentful-paint')[0]; return { at: performance.now(), ttfb: nav.responseStart, html: nav.responseEnd, scripts: Math.max(0, ...js.map((r) => r.responseEnd)), nScripts: js.length, fcp: fcp ? fcp.startTime : NaN, lines: document.querySelectorAll('ol.timeline li.ev').length, audio: !!document.querySelector('audio') }; })()`
			)) as { at: number; ttfb: number; html: number; scripts: number; nScripts: number; fcp: number; lines: number; audio: boolean };
			if (ready.lines === 0) throw new Error('no transcript lines on the page');
			if (recorded && url === page && !ready.audio) throw new Error('no player on the review page');
			cold.opens.push(ready.at); // ms since navigation start
			cold.html.push(ready.html);
			cold.ttfb.push(ready.ttfb);
			cold.scripts.push(ready.scripts);
			cold.nScripts.push(ready.nScripts);
			cold.fcp.push(ready.fcp);
			cold.lines.push(ready.lines);
			// the page's main-thread work until then (parse, script, style, layout), which waiting for a busy CPU does not inflate
			const { metrics } = await cdp.send('Performance.getMetrics');
			cold.busy.push(1000 * (metrics.find((x) => x.name === 'TaskDuration')?.value ?? NaN));
			cold.dom.push((await p.evaluate('document.getElementsByTagName("*").length')) as number);
			await each(p);
			await p.goto('about:blank');
			await p.goto(url, { waitUntil: 'commit' });
			await p.locator('html[data-hydrated]').waitFor({ state: 'attached' });
			warm.push((await p.evaluate('performance.now()')) as number);
			// once more, cold (a new context) and traced: the main thread's CPU time
			const traced = await browser.newContext({ baseURL: base });
			await traced.addCookies(priya.split('; ').map((c) => ({ name: c.split('=')[0], value: c.slice(c.indexOf('=') + 1), url: base })));
			const tp = await traced.newPage();
			cold.cpu.push(await mainThreadCpu(tp, async () => {
				await tp.goto(url, { waitUntil: 'commit' });
				await tp.locator('html[data-hydrated]').waitFor({ state: 'attached' });
			}));
			await traced.close();
			await context.close();
		}
		return { ...cold, warm };
	};
	const seeks: number[] = [];
	let duration = 0;
	const long = await open(page, async (p) => {
		if (!recorded) return;
		const link = p.locator('.deductions a.ev-link').first();
		const seekedIn = p.evaluate(`new Promise((resolve) => document.querySelector('audio').addEventListener('seeked', () => resolve(performance.now()), { once: true }))`) as Promise<number>;
		const clickAt = (await p.evaluate('performance.now()')) as number;
		await link.click();
		seeks.push((await seekedIn) - clickAt);
		duration = (await p.evaluate(`document.querySelector('audio').duration`)) as number;
	});
	const small = short ? await open(`/trainer/calls/${short.id}`) : null;
	await browser.close();

	const load = loadavg().map((n) => n.toFixed(1)).join(' / ');
	console.log(`\nA ${MINUTES}-minute recorded call: ${events} timeline events from the trainee, ${turns} spoken turns, ${(audioSec / 60).toFixed(1)} min of trainee audio`);
	if (!recorded) console.log('this build has no recorded calls: the same call, typed; "player ready" = the hydrated review page');
	else console.log(`storage: ${(bytes / 1e6).toFixed(2)} MB in ${files.length} files = ${(bytes / 1e6 / (audioSec / 60)).toFixed(3)} MB per recorded minute (goal ≤ 1), ${(bytes / 1e6 / MINUTES).toFixed(3)} MB per call minute`);
	if (recorded) console.log(`upload of one turn (3–9 s WAV, encode + write): ${fmt(uploadMs)}`);
	console.log(`review page HTML (server render): ${fmt(html)}`);
	if (recorded) console.log(`audio: first 64 kB ${fmt(first)}; 64 kB at the middle (a seek) ${fmt(seek)}; whole-call WAV ${(size / 1e6).toFixed(1)} MB, ${duration.toFixed(0)} s`);
	console.log(`Chromium, navigation → hydrated page with the player ready: median ${pct(long.opens, 50).toFixed(0)} ms, max ${Math.max(...long.opens).toFixed(0)} ms over ${long.opens.length} cold loads (goal ≤ 1000 ms)`);
	console.log(`  phases (median ms since navigation): server first byte ${pct(long.ttfb, 50).toFixed(0)}, HTML in ${pct(long.html, 50).toFixed(0)}, first lines painted ${pct(long.fcp, 50).toFixed(0)} (${pct(long.lines, 50)} transcript rows in the HTML), last of ${pct(long.nScripts, 50)} scripts in ${pct(long.scripts, 50).toFixed(0)}, hydrated (play possible) ${pct(long.opens, 50).toFixed(0)}`);
	console.log(`  the page's main-thread work until then (CDP TaskDuration): median ${pct(long.busy, 50).toFixed(0)} ms; HTML received at ${pct(long.html, 50).toFixed(0)} ms (median)`);
	console.log(`  opened again in the same browser (scripts cached): median ${pct(long.warm, 50).toFixed(0)} ms, max ${Math.max(...long.warm).toFixed(0)} ms`);
	console.log(`  main-thread CPU time, cold (trace thread time, little affected by load): median ${pct(long.cpu, 50).toFixed(0)} ms; ${pct(long.dom, 50)} DOM elements`);
	if (small) {
		console.log(`the same for a short call (${short!.id.slice(0, 8)}…, seeded, ~50 lines), what any results page costs here:`);
		console.log(`  phases (median ms): server first byte ${pct(small.ttfb, 50).toFixed(0)}, HTML in ${pct(small.html, 50).toFixed(0)}, first lines painted ${pct(small.fcp, 50).toFixed(0)}, last of ${pct(small.nScripts, 50)} scripts in ${pct(small.scripts, 50).toFixed(0)}, hydrated ${pct(small.opens, 50).toFixed(0)}`);
		console.log(`  cold median ${pct(small.opens, 50).toFixed(0)} ms (main thread ${pct(small.busy, 50).toFixed(0)} ms), warm median ${pct(small.warm, 50).toFixed(0)} ms`);
		console.log(`  main-thread CPU time, cold: median ${pct(small.cpu, 50).toFixed(0)} ms; ${pct(small.dom, 50)} DOM elements`);
	}
	if (recorded) console.log(`Chromium, then a click on a deduction → recording loaded and seeked: median ${pct(seeks, 50).toFixed(0)} ms, max ${Math.max(...seeks).toFixed(0)} ms`);
	console.log(`load average (1/5/15 min) at the start: ${loadAtStart}, at the end: ${load}`);
	// last line: the page-open figures to compare runs by (goal ≤ 1000 ms)
	console.log(`page open, cold median: ${MINUTES}-minute call ${pct(long.opens, 50).toFixed(0)} ms (CPU ${pct(long.cpu, 50).toFixed(0)} ms)${small ? `, short call ${pct(small.opens, 50).toFixed(0)} ms (CPU ${pct(small.cpu, 50).toFixed(0)} ms)` : ''}; load ${load}`);
} finally {
	server.kill('SIGTERM');
}
