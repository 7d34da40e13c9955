// Reminder job at scale: 10,000 trainees with an assignment due tomorrow → 10,000 "due in 2 days" notifications,
// each with an e-mail, made and sent by the app's own scheduled job to a real SMTP sink (smtp-server, in a process of
// its own). Prints how long until all 10,000 e-mails were delivered (goal ≤ 60 s), and a trainee's home page latency
// before and while the job runs (goal: ≤ 10 % slower). Needs `npm run build` first.
// Usage: npm run bench:reminders [-- trainees]
//   BENCH_BUILD=<dir>                 measures another build (e.g. an older commit's)
//   BENCH_BUILDS=before=<dir>,after=build BENCH_REPS=3
//                                     compares builds in one run, alternating (A B A B …), and prints medians
// The last line is the page slowdown (median and p95, while sending / before) of the last build named.
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, setPriority, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { hash } from '@node-rs/argon2';
import { waitUntilHealthy } from './lib/healthy';

const N = Number(process.argv[2] ?? 10_000);
const REPS = Math.max(1, Number(process.env.BENCH_REPS ?? 1));
const BUILDS: [string, string][] = process.env.BENCH_BUILDS
	? process.env.BENCH_BUILDS.split(',').map((b) => b.split('=') as [string, string])
	: [[process.env.BENCH_BUILD ?? 'build', process.env.BENCH_BUILD ?? 'build']];
const DAY = 86_400_000;
/** BENCH_SINK_NICE=n runs the SMTP sink at a lower priority, as if the relay were another machine (default 0: it competes). */
const SINK_NICE = Number(process.env.BENCH_SINK_NICE ?? 0);
const password = 'Bench-trainee-2026';
const realHash = await hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

interface Run {
	build: string;
	sendS: number;
	madeS: number;
	before: number[];
	during: number[];
	load: string;
}

/** The SMTP sink process: resolves with its port; `state` follows what it received. */
async function startSink() {
	const state = { delivered: 0, lastAt: 0 };
	const child = fork(join(dirname(fileURLToPath(import.meta.url)), 'lib', 'smtp-sink-process.ts'), [], { execArgv: ['--import', 'tsx'] });
	if (SINK_NICE) setPriority(child.pid!, SINK_NICE);
	const port = await new Promise<number>((ok) =>
		child.on('message', (m: { port?: number; delivered?: number; lastAt?: number }) => {
			if (m.port) ok(m.port);
			if (m.delivered !== undefined) Object.assign(state, m);
		})
	);
	return { port, state, stop: () => child.kill() };
}

async function runOnce(build: string): Promise<Run> {
	const loadAtStart = load();
	const dir = mkdtempSync(join(tmpdir(), 'callcraft-reminders-'));
	const dbPath = join(dir, 'bench.db');
	const PORT = 4190 + Math.floor(Math.random() * 9);
	const base = `http://localhost:${PORT}`;

	// The organisation: one cohort of N trainees (one of them can sign in), written straight into a migrated database.
	const sqlite = new Database(dbPath);
	sqlite.pragma('journal_mode = WAL');
	migrate(drizzle(sqlite), { migrationsFolder: resolve('drizzle') });
	const now = Date.now();
	const cohortId = Number(sqlite.prepare(`insert into cohorts (name, created_at) values ('Bench cohort', ?)`).run(now).lastInsertRowid);
	const addUser = sqlite.prepare(`insert into users (email, name, password_hash, cohort_id, created_at) values (?, ?, ?, ?, ?)`);
	const addRole = sqlite.prepare(`insert into user_roles (user_id, role) values (?, 'trainee')`);
	sqlite.transaction(() => {
		for (let i = 0; i < N; i++) addRole.run(addUser.run(`t${i}@bench.test`, `Trainee ${i}`, i === 0 ? realHash : 'x', cohortId, now).lastInsertRowid);
	})();

	const sink = await startSink();
	const server = spawn(process.execPath, [join(build, 'index.js')], {
		env: {
			...process.env,
			PORT: String(PORT),
			DATABASE_PATH: dbPath,
			SEED_DEMO: 'false',
			ORIGIN: base,
			NODE_ENV: 'production',
			SPEECH_DISABLED: '1',
			SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
			NOTIFY_INTERVAL_MS: '1000',
			// Measure the job's effect on pages, not load shedding (this machine is shared and often saturated).
			SHED_LAG_MS: '0'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const stopAll = () => (server.kill(), sink.stop());
	process.once('exit', stopAll);
	await waitUntilHealthy(base);

	// A signed-in trainee's home page (To do, courses, certification, calls).
	const login = await fetch(`${base}/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, accept: 'text/html' },
		body: new URLSearchParams({ email: 't0@bench.test', password }),
		redirect: 'manual'
	});
	const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
	if (login.status !== 303 || !cookie) throw new Error(`sign-in failed: ${login.status}`);
	async function page(): Promise<number> {
		const t0 = process.hrtime.bigint();
		const res = await fetch(`${base}/`, { headers: { cookie } });
		await res.arrayBuffer();
		if (res.status !== 200) throw new Error(`home page: ${res.status}`); // a 5xx would hide a slowdown
		return Number(process.hrtime.bigint() - t0) / 1e6;
	}

	for (let i = 0; i < 20; i++) await page(); // warm-up
	const before: number[] = [];
	const beforeUntil = Date.now() + 8_000;
	while (Date.now() < beforeUntil) before.push(await page());

	// The assignment (made 5 days ago, due tomorrow): the job's next pass makes N reminders and sends N e-mails.
	const start = Date.now();
	sqlite
		.prepare(`insert into assignments (cohort_id, whole_cohort, kind, ref_slug, due_at, created_at) values (?, 1, 'course', 'working-in-the-crm', ?, ?)`)
		.run(cohortId, start + DAY, start - 5 * DAY);
	const during: number[] = [];
	let madeAt = 0;
	const countNotifications = sqlite.prepare(`select count(*) as n from notifications`);
	while (sink.state.delivered < N && Date.now() - start < 180_000) {
		during.push(await page());
		if (!madeAt && (countNotifications.get() as { n: number }).n >= N) madeAt = Date.now();
	}
	const sent = (sqlite.prepare(`select count(*) as n from email_outbox where state = 'sent'`).get() as { n: number }).n;
	process.off('exit', stopAll);
	await new Promise((r) => (server.once('exit', r), server.kill()));
	sink.stop();
	sqlite.close();
	rmSync(dir, { recursive: true, force: true });

	const { delivered, lastAt } = sink.state;
	if (delivered < N) throw new Error(`${build}: only ${delivered} of ${N} e-mails delivered in 180 s (outbox rows sent: ${sent})`);
	return { build, sendS: (lastAt - start) / 1000, madeS: madeAt ? (madeAt - start) / 1000 : NaN, before, during, load: `${loadAtStart} → ${load()}` };
}

const line = (name: string, xs: number[]) => `${name.padEnd(24)} n=${String(xs.length).padStart(4)}  median ${q(xs, 0.5).toFixed(1)} ms  p95 ${q(xs, 0.95).toFixed(1)} ms`;
const ratios = (r: Run) => ({ p50: q(r.during, 0.5) / q(r.before, 0.5), p95: q(r.during, 0.95) / q(r.before, 0.95) });

console.log(`Reminder job: ${N} trainees, one assignment due tomorrow, SMTP sink in its own process, job every 1 s; ${REPS} run(s) per build`);
const runs: Run[] = [];
for (let rep = 0; rep < REPS; rep++) {
	for (const [name, dir] of BUILDS) {
		const r = await runOnce(dir);
		r.build = name;
		runs.push(r);
		const { p50, p95 } = ratios(r);
		console.log(`\n[${name} #${rep + 1}] load average (1/5/15 min) ${r.load}`);
		console.log(`in-app notifications made: ${r.madeS.toFixed(1)} s; e-mails delivered: ${N} in ${r.sendS.toFixed(1)} s (goal ≤ 60 s)`);
		console.log(line('home page before', r.before));
		console.log(line('home page while sending', r.during));
		console.log(`slowdown: median ×${p50.toFixed(2)}, p95 ×${p95.toFixed(2)}`);
	}
}

const med = (xs: number[]) => q(xs, 0.5);
console.log(`\nMedians over ${REPS} run(s) per build:`);
let last = '';
for (const [name] of BUILDS) {
	const rs = runs.filter((r) => r.build === name);
	const p50 = med(rs.map((r) => ratios(r).p50));
	const p95 = med(rs.map((r) => ratios(r).p95));
	console.log(
		`${name.padEnd(10)} delivered in ${med(rs.map((r) => r.sendS)).toFixed(1)} s; home page median ${med(rs.map((r) => q(r.before, 0.5))).toFixed(1)} → ${med(rs.map((r) => q(r.during, 0.5))).toFixed(1)} ms, p95 ${med(rs.map((r) => q(r.before, 0.95))).toFixed(1)} → ${med(rs.map((r) => q(r.during, 0.95))).toFixed(1)} ms`
	);
	last = `${name}: ${N} e-mails in ${med(rs.map((r) => r.sendS)).toFixed(1)} s (goal ≤ 60 s); page slowdown while sending p50 ×${p50.toFixed(2)}, p95 ×${p95.toFixed(2)} (goal ≤ ×1.10)`;
}
console.log(last);
process.exit(0);
