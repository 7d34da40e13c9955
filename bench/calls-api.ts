// Latency of the simulator's JSON API as a call grows: starts the built app (npm run build first) on a temp
// database with the demo data, signs in as a demo trainee, plays one long call through POST /api/calls/:id/events
// (typed lines and CRM edits) and prints the latency per timeline size, then the end + after-call work (scoring).
// The call is a practice call (the server computes live coaching on every event); BENCH_MODE=assessment plays an
// assessment call instead. Then it times the coaching alone (coachCall, goal ≤ 5 ms per event) in this process on
// the stored timeline as it grew, a fresh copy per run as when the server reads it from the database.
// Usage: npm run bench:calls [-- events [build-dir [app-dir]]]   (default 2000 trainee events, build/, the server runs
// in app-dir with its content/ and drizzle/: an older checkout's for before/after; BENCH_PORT picks the port)
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { coachCall } from '../src/lib/scoring/coaching';
import { replayCall, type TimelineEvent } from '../src/lib/domain/call';
import { loadScenarios } from '../src/lib/server/content/scenarios';
import { TimelineMemo } from '../src/lib/server/calls/coaching-memo';

const EVENTS = Number(process.argv[2] ?? 2000);
const MODE = process.env.BENCH_MODE === 'assessment' ? 'assessment' : 'practice';
const PORT = Number(process.env.BENCH_PORT ?? 4180 + Math.floor(Math.random() * 9));
const BUILD = resolve(process.argv[3] ?? 'build');
const APP_DIR = resolve(process.argv[4] ?? '.');
const base = `http://localhost:${PORT}`;
const dbPath = join(mkdtempSync(join(tmpdir(), 'callcraft-bench-')), 'bench.db');

const server = spawn(process.execPath, [`${BUILD}/index.js`], {
	cwd: APP_DIR,
	// load shedding off: on a busy machine it would refuse the bench's own requests
	env: { ...process.env, PORT: String(PORT), DATABASE_PATH: dbPath, ORIGIN: base, NODE_ENV: 'production', SHED_LAG_MS: '0' },
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

	const { json: started } = await post('/api/calls', { scenarioSlug: 'complaint-escalation', mode: MODE });
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
	console.log(`POST /api/calls/:id/events, ${MODE} call, ${EVENTS} trainee events (timeline ends at ${seq} events)`);
	console.log('timeline size      requests   median ms   p95 ms');
	for (const [b, xs] of [...buckets].sort((a, z) => a[0] - z[0])) {
		console.log(`${String(b).padStart(5)}–${String(b + BUCKET - 1).padEnd(9)} ${String(xs.length).padStart(8)} ${pct(xs, 0.5).toFixed(1).padStart(11)} ${pct(xs, 0.95).toFixed(1).padStart(8)}`);
	}
	const end = await post(`/api/calls/${id}/end`, {});
	const acw = await post(`/api/calls/${id}/acw`, { email: null });
	console.log(`POST end: ${end.ms.toFixed(1)} ms; POST acw (scores ${seq} events): ${acw.ms.toFixed(1)} ms`);

	// Coaching alone, per event, on the stored timeline as it grew.
	const stored = (await (await fetch(`${base}/api/calls/${id}`, { headers: { cookie } })).json()) as {
		events: { event: TimelineEvent; anger: number }[];
	};
	const scenario = loadScenarios().find((f) => f.scenario.slug === 'complaint-escalation')!.scenario;
	const live = stored.events.filter((e) => e.event.type !== 'call_ended' && e.event.type !== 'acw_saved');
	// As the server does it: the memo keeps the call's scenario, event objects and folds (dead air), so each event
	// analyses only itself; and without it (the first event after a restart), every earlier line analysed again.
	console.log('coachCall per event (in process)');
	console.log('timeline size   runs   memoised median / p95 ms   first after restart median / p95 ms');
	for (let size = BUCKET; size <= live.length; size += BUCKET) {
		const prefix = live.slice(0, size);
		const engine = replayCall(scenario, prefix.map((e) => e.event)).state;
		const memo = new TimelineMemo();
		const memoised: number[] = [];
		const cold: number[] = [];
		for (let run = 0; run < 40; run++) {
			// the previous event's request: it took the timeline up to there and coached it (analysing those lines)
			const before = structuredClone(prefix.slice(0, -1));
			const prev = memo.take('bench', structuredClone(scenario), before.map((e) => e.event));
			coachCall({ scenario: prev.scenario, events: prev.events, angers: before.map((e) => e.anger), engine, traineeName: 'Bea', folds: prev.folds });
			const copy = structuredClone(prefix);
			const snapshot = structuredClone(scenario);
			let t0 = process.hrtime.bigint();
			const kept = memo.take('bench', snapshot, copy.map((e) => e.event));
			coachCall({ scenario: kept.scenario, events: kept.events, angers: copy.map((e) => e.anger), engine, traineeName: 'Bea', folds: kept.folds });
			if (run >= 5) memoised.push(Number(process.hrtime.bigint() - t0) / 1e6);
			memo.forget('bench');
			const fresh = structuredClone(prefix);
			t0 = process.hrtime.bigint();
			coachCall({ scenario: structuredClone(snapshot), events: fresh.map((e) => e.event), angers: fresh.map((e) => e.anger), engine, traineeName: 'Bea' });
			if (run >= 5) cold.push(Number(process.hrtime.bigint() - t0) / 1e6);
		}
		const f = (xs: number[]) => `${pct(xs, 0.5).toFixed(2)} / ${pct(xs, 0.95).toFixed(2)}`;
		console.log(`${String(size).padStart(13)} ${String(memoised.length).padStart(6)} ${f(memoised).padStart(26)} ${f(cold).padStart(36)}`);
	}
} finally {
	server.kill();
}
