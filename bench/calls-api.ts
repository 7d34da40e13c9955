// Latency of the simulator's JSON API as a call grows: starts the built app (npm run build first) on a temp
// database with the demo data, signs in as a demo trainee, plays one long call through POST /api/calls/:id/events
// (typed lines and CRM edits) and prints the latency per timeline size, then the end + after-call work (scoring).
// Usage: npm run bench:calls [-- events [build-dir [app-dir]]]   (default 2000 trainee events, build/, the server runs
// in app-dir with its content/ and drizzle/: an older checkout's for before/after; BENCH_PORT picks the port)
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const EVENTS = Number(process.argv[2] ?? 2000);
const PORT = Number(process.env.BENCH_PORT ?? 4180 + Math.floor(Math.random() * 9));
const BUILD = resolve(process.argv[3] ?? 'build');
const APP_DIR = resolve(process.argv[4] ?? '.');
const base = `http://localhost:${PORT}`;
const dbPath = join(mkdtempSync(join(tmpdir(), 'callcraft-bench-')), 'bench.db');

const server = spawn(process.execPath, [`${BUILD}/index.js`], {
	cwd: APP_DIR,
	env: { ...process.env, PORT: String(PORT), DATABASE_PATH: dbPath, ORIGIN: base, NODE_ENV: 'production' },
	stdio: ['ignore', 'ignore', 'inherit']
});

try {
	for (let i = 0; ; i++) {
		try {
			if ((await fetch(`${base}/healthz`)).ok) break;
		} catch {
			/* not up yet */
		}
		if (i > 300) throw new Error('server did not start');
		await new Promise((r) => setTimeout(r, 100));
	}

	const login = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: base, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email: 'bea@callcraft.demo', password: 'Trainee-demo-2026' })
	});
	const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
	if (login.status !== 303 || !cookie) throw new Error(`sign-in failed: ${login.status}`);

	async function post(path: string, body: unknown): Promise<{ ms: number; json: unknown }> {
		const t0 = process.hrtime.bigint();
		const res = await fetch(base + path, {
			method: 'POST',
			headers: { origin: base, cookie, 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
		const json = await res.json();
		const ms = Number(process.hrtime.bigint() - t0) / 1e6;
		if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
		return { ms, json };
	}

	const { json: started } = await post('/api/calls', { scenarioSlug: 'complaint-escalation' });
	const id = (started as { id: string }).id;
	await post(`/api/calls/${id}/answer`, {});

	const buckets = new Map<number, number[]>();
	const BUCKET = 500;
	let t = 1000;
	let seq = 1;
	for (let i = 0; i < EVENTS; i++) {
		t += 900;
		const event =
			i % 2 === 0
				? { type: 'trainee_utterance', t, text: 'I understand, I am noting that down for the customer relations team.' }
				: { type: 'crm_change', t, section: 'interaction', field: 'notes', value: `Two missed engineer visits; note ${i}` };
		const { ms, json } = await post(`/api/calls/${id}/events`, { clientId: `b${i}`, event });
		const res = json as { event: { seq: number }; added: unknown[]; state: string };
		seq = res.event.seq + 1 + res.added.length;
		const b = Math.floor(seq / BUCKET) * BUCKET;
		buckets.set(b, [...(buckets.get(b) ?? []), ms]);
		if (res.state !== 'active') break;
	}

	const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
	console.log(`POST /api/calls/:id/events, ${EVENTS} trainee events (timeline ends at ${seq} events)`);
	console.log('timeline size      requests   median ms   p95 ms');
	for (const [b, xs] of [...buckets].sort((a, z) => a[0] - z[0])) {
		console.log(`${String(b).padStart(5)}–${String(b + BUCKET - 1).padEnd(9)} ${String(xs.length).padStart(8)} ${pct(xs, 0.5).toFixed(1).padStart(11)} ${pct(xs, 0.95).toFixed(1).padStart(8)}`);
	}
	const end = await post(`/api/calls/${id}/end`, {});
	const acw = await post(`/api/calls/${id}/acw`, { email: null });
	console.log(`POST end: ${end.ms.toFixed(1)} ms; POST acw (scores ${seq} events): ${acw.ms.toFixed(1)} ms`);
} finally {
	server.kill();
}
