// Reminder job at scale: 10,000 trainees with an assignment due tomorrow → 10,000 "due in 2 days" notifications,
// each with an e-mail, made and sent by the app's own scheduled job to a real SMTP sink (smtp-server, in a process of
// its own). Prints how long until all 10,000 e-mails were delivered (goal ≤ 60 s), and a trainee's home page latency
// while the job runs against an idle baseline measured before AND after sending (goal: ≤ 10 % slower). The page shows
// the same assignment in every phase (it is made before the idle phase with a far due date, which is moved to tomorrow
// when sending starts), so the phases differ only by the job's work. Needs `npm run build` first.
// Usage: npm run bench:reminders [-- trainees]
//   BENCH_BUILD=<dir>                 measures another build (e.g. an older commit's)
//   BENCH_BUILDS=before=<dir>,after=build BENCH_REPS=3
//                                     compares builds in one run, alternating (A B A B …), and prints medians
//   BENCH_BUILDS='fast=build NOTIFY_SEND_RATE=0,paced=build'
//                                     the same build with settings of its own (app variables, BENCH_SINK_NICE)
//   BENCH_PORT=n                      the app's port (default: one of 4190–4198)
//   BENCH_IDLE_S=12                   length of each idle phase
//   BENCH_WARMUP_S=20                 pages loaded untimed first
//   BENCH_PAUSE_S=2                   diagnosis: while sending, stops and continues the job's process every 2 s and
//                                     compares pages in the stopped windows with pages while it runs (same moment,
//                                     same database, same load); the delivery time then includes the stops
//   BENCH_SINK_NICE=n                 runs the SMTP sink at a lower priority, as if the relay were another machine
//                                     (default 0: it competes with the app for the CPU)
// Environment variables of the app (NOTIFY_NICE, NOTIFY_SEND_RATE, SMTP_MAX_CONNECTIONS, …) pass through to it.
// The last line states, per build, the medians over the runs: delivery time and the page slowdown (while sending /
// idle, median and p95).
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
const IDLE_MS = 1000 * Math.max(1, Number(process.env.BENCH_IDLE_S ?? 12));
const WARMUP_MS = 1000 * Math.max(0, Number(process.env.BENCH_WARMUP_S ?? 20));
/** Diagnosis: while sending, the job's process is stopped (SIGSTOP) and continued every this many seconds. */
const PAUSE_MS = 1000 * Math.max(0, Number(process.env.BENCH_PAUSE_S ?? 0));
/** A build to measure: its name, directory, and environment settings of its own (`name=dir KEY=value …`). */
interface Build {
	name: string;
	dir: string;
	env: Record<string, string>;
}
const BUILDS: Build[] = (process.env.BENCH_BUILDS ?? `${process.env.BENCH_BUILD ?? 'build'}=${process.env.BENCH_BUILD ?? 'build'}`).split(',').map((b) => {
	const [nameDir, ...settings] = b.trim().split(/\s+/);
	const [name, dir] = nameDir.split('=');
	return { name, dir, env: Object.fromEntries(settings.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])) };
});
const DAY = 86_400_000;
const password = 'Bench-trainee-2026';
const realHash = await hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const med = (xs: number[]) => q(xs, 0.5);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

/** CPU seconds (user + system) a process has used so far; 0 once it is gone. */
function cpuSeconds(pid: number | undefined): number {
	if (!pid) return 0;
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
	} catch {
		return 0;
	}
}
/** The pid of a child of `parent` (the app's notification job process). */
function childOf(parent: number): number | undefined {
	for (const d of readdirSync('/proc')) {
		if (!/^\d+$/.test(d)) continue;
		try {
			if (readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1] === String(parent)) return Number(d);
		} catch {
			/* gone */
		}
	}
	return undefined;
}

type Phase = 'before' | 'during' | 'after';
const PHASES: Phase[] = ['before', 'during', 'after'];
const PROCS = ['server', 'job', 'sink', 'bench'] as const;
/** CPU use of each process in a phase, as a share of one core. */
type CpuShare = Record<(typeof PROCS)[number], number>;

interface Run {
	build: string;
	sendS: number;
	madeS: number;
	pages: Record<Phase, number[]>;
	/** BENCH_PAUSE_S: pages while sending with the job's process stopped. */
	paused: number[];
	cpu: Record<Phase, CpuShare>;
	load: string;
}
const idle = (r: Run) => [...r.pages.before, ...r.pages.after];

/** The SMTP sink process: resolves with its port; `state` follows what it received. */
async function startSink(nice: number) {
	const state = { delivered: 0, lastAt: 0 };
	const child = fork(join(dirname(fileURLToPath(import.meta.url)), 'lib', 'smtp-sink-process.ts'), [], { execArgv: ['--import', 'tsx'] });
	if (nice) setPriority(child.pid!, nice);
	const port = await new Promise<number>((ok) =>
		child.on('message', (m: { port?: number; delivered?: number; lastAt?: number }) => {
			if (m.port) ok(m.port);
			if (m.delivered !== undefined) Object.assign(state, m);
		})
	);
	return { port, state, pid: child.pid, stop: () => child.kill() };
}

async function runOnce(build: Build): Promise<Run> {
	const env = { ...process.env, ...build.env };
	const loadAtStart = load();
	const dir = mkdtempSync(join(tmpdir(), 'callcraft-reminders-'));
	const dbPath = join(dir, 'bench.db');
	const PORT = Number(process.env.BENCH_PORT ?? 4190 + Math.floor(Math.random() * 9));
	const base = `http://localhost:${PORT}`;

	// The organisation: one cohort of N trainees (one of them can sign in), written straight into a migrated database,
	// and their assignment, not due for weeks yet (no reminder).
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
	const assignmentId = sqlite
		.prepare(`insert into assignments (cohort_id, whole_cohort, kind, ref_slug, due_at, created_at) values (?, 1, 'course', 'working-in-the-crm', ?, ?)`)
		.run(cohortId, now + 40 * DAY, now - 5 * DAY).lastInsertRowid;

	const sink = await startSink(Number(env.BENCH_SINK_NICE ?? 0));
	const server = spawn(process.execPath, [join(build.dir, 'index.js')], {
		env: {
			...env,
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
	await Promise.race([
		waitUntilHealthy(base),
		new Promise((_, fail) => server.once('exit', (code) => fail(new Error(`${build.name}: the app stopped (exit code ${code}) before it answered`))))
	]);
	// The job's process is forked once the server has started: wait for it (its CPU share would read 0 otherwise).
	let jobPid = childOf(server.pid!);
	for (const until = Date.now() + 10_000; !jobPid && Date.now() < until; jobPid = childOf(server.pid!)) await new Promise((r) => setTimeout(r, 100));
	if (!jobPid) throw new Error(`${build.name}: the notification job's process did not start`);

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
	const cpuNow = (): CpuShare => ({
		server: cpuSeconds(server.pid),
		job: cpuSeconds(jobPid),
		sink: cpuSeconds(sink.pid),
		bench: (process.cpuUsage().user + process.cpuUsage().system) / 1e6
	});
	const cpu = {} as Record<Phase, CpuShare>;
	const pages = { before: [], during: [], after: [] } as Record<Phase, number[]>;
	/** Loads pages while `more()` holds; records the pages and each process's CPU share over the phase. */
	async function phase(name: Phase, more: () => boolean, each = () => {}, load = async () => void pages[name].push(await page())) {
		const c0 = cpuNow();
		const t0 = Date.now();
		while (more()) {
			await load();
			each();
		}
		const c1 = cpuNow();
		const s = (Date.now() - t0) / 1000;
		cpu[name] = Object.fromEntries(PROCS.map((p) => [p, (c1[p] - c0[p]) / s])) as CpuShare;
	}

	// Warm-up: the server's code paths compiled (pages keep getting faster for tens of seconds) and the job's process
	// loaded before anything is timed.
	for (const until = Date.now() + WARMUP_MS; Date.now() < until; ) await page();
	const idleUntil = () => {
		const until = Date.now() + IDLE_MS;
		return () => Date.now() < until;
	};
	await phase('before', idleUntil());

	// Due tomorrow from now on: the job's next pass makes N reminders and sends N e-mails.
	const start = Date.now();
	sqlite.prepare(`update assignments set due_at = ? where id = ?`).run(start + DAY, assignmentId);
	let madeAt = 0;
	const paused: number[] = [];
	let stopped = false;
	let toggles = 0;
	const pauser =
		PAUSE_MS && jobPid
			? setInterval(() => {
					stopped = !stopped;
					toggles++;
					process.kill(jobPid, stopped ? 'SIGSTOP' : 'SIGCONT');
				}, PAUSE_MS)
			: null;
	const countNotifications = sqlite.prepare(`select count(*) as n from notifications`);
	await phase(
		'during',
		() => sink.state.delivered < N && Date.now() - start < 180_000 + (PAUSE_MS ? 180_000 : 0),
		() => {
			if (!madeAt && (countNotifications.get() as { n: number }).n >= N) madeAt = Date.now();
		},
		pauser
			? async () => {
					const [state, n] = [stopped, toggles];
					const ms = await page();
					if (n === toggles) (state ? paused : pages.during).push(ms); // a page across a stop or start counts for neither
				}
			: undefined
	);
	if (pauser) {
		clearInterval(pauser);
		if (stopped) process.kill(jobPid!, 'SIGCONT');
	}
	const countSent = sqlite.prepare(`select count(*) as n from email_outbox where state = 'sent'`);
	const sentNow = () => (countSent.get() as { n: number }).n;
	// The job marks the last rows sent just after the sink has them: the idle phase starts once it has.
	for (const until = Date.now() + 10_000; sentNow() < N && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
	await phase('after', idleUntil());
	const sent = sentNow();
	process.off('exit', stopAll);
	await new Promise((r) => (server.once('exit', r), server.kill()));
	sink.stop();
	sqlite.close();
	rmSync(dir, { recursive: true, force: true });

	const { delivered, lastAt } = sink.state;
	if (delivered < N) throw new Error(`${build.name}: only ${delivered} of ${N} e-mails delivered in 180 s (outbox rows sent: ${sent})`);
	return { build: build.name, paused, sendS: (lastAt - start) / 1000, madeS: madeAt ? (madeAt - start) / 1000 : NaN, pages, cpu, load: `${loadAtStart} → ${load()}` };
}

const line = (name: string, xs: number[]) => `${name.padEnd(26)} n=${String(xs.length).padStart(4)}  median ${q(xs, 0.5).toFixed(1)} ms  p95 ${q(xs, 0.95).toFixed(1)} ms`;
const ratios = (r: Run) => ({ p50: q(r.pages.during, 0.5) / q(idle(r), 0.5), p95: q(r.pages.during, 0.95) / q(idle(r), 0.95) });
const cpuLine = (c: CpuShare) => PROCS.map((p) => `${p} ${Math.round(c[p] * 100)} %`).join(', ');

console.log(
	`Reminder job: ${N} trainees, one assignment due tomorrow, SMTP sink in its own process, job every 1 s; ${REPS} run(s) per build; idle phases of ${IDLE_MS / 1000} s before and after sending`
);
const runs: Run[] = [];
for (let rep = 0; rep < REPS; rep++) {
	for (const build of BUILDS) {
		const r = await runOnce(build);
		const name = build.name;
		runs.push(r);
		const { p50, p95 } = ratios(r);
		console.log(`\n[${name} #${rep + 1}] load average (1/5/15 min) ${r.load}`);
		console.log(`in-app notifications made: ${r.madeS.toFixed(1)} s; e-mails delivered: ${N} in ${r.sendS.toFixed(1)} s (goal ≤ 60 s)`);
		for (const p of PHASES) console.log(`${line(`home page ${p === 'during' ? 'while sending' : `idle ${p}`}`, r.pages[p])}   CPU: ${cpuLine(r.cpu[p])}`);
		console.log(`slowdown (while sending / idle before+after): median ×${p50.toFixed(2)}, p95 ×${p95.toFixed(2)}`);
		if (r.paused.length)
			console.log(
				`${line('home page, job stopped', r.paused)}   while sending / job stopped: median ×${(q(r.pages.during, 0.5) / q(r.paused, 0.5)).toFixed(2)}, p95 ×${(q(r.pages.during, 0.95) / q(r.paused, 0.95)).toFixed(2)}`
			);
	}
}

console.log(`\nMedians over ${REPS} run(s) per build:`);
const summary: string[] = [];
for (const { name } of BUILDS) {
	const rs = runs.filter((r) => r.build === name);
	const m = (f: (r: Run) => number) => med(rs.map(f));
	const ms = (p: Phase, at: number) => m((r) => q(r.pages[p], at)).toFixed(1);
	const p50 = m((r) => ratios(r).p50);
	const p95 = m((r) => ratios(r).p95);
	const sendS = m((r) => r.sendS);
	console.log(
		`${name.padEnd(10)} delivered in ${sendS.toFixed(1)} s; home page median ${ms('before', 0.5)} / ${ms('during', 0.5)} / ${ms('after', 0.5)} ms, p95 ${ms('before', 0.95)} / ${ms('during', 0.95)} / ${ms('after', 0.95)} ms (idle before / while sending / idle after); while sending CPU ${cpuLine(Object.fromEntries(PROCS.map((p) => [p, m((r) => r.cpu.during[p])])) as CpuShare)}`
	);
	const paired = rs.every((r) => r.paused.length)
		? `; vs job stopped p50 ×${m((r) => q(r.pages.during, 0.5) / q(r.paused, 0.5)).toFixed(2)}, p95 ×${m((r) => q(r.pages.during, 0.95) / q(r.paused, 0.95)).toFixed(2)} (delivery time includes the stops)`
		: '';
	summary.push(`${name}: ${N} e-mails in ${sendS.toFixed(1)} s (goal ≤ 60 s), pages while sending vs idle p50 ×${p50.toFixed(2)}, p95 ×${p95.toFixed(2)} (goal ≤ ×1.10)${paired}`);
}
console.log(`Result (medians of ${REPS} run(s), load average at the end ${load()}): ${summary.join('; ')}`);
process.exit(0);
