// `npm run bench:scale -- --db PATH [--requests N] [--mix-seconds N] [--connections N] [--build DIR] [--route-budget-ms N] [--workers N] [--bare] [--idle-seconds N] [--floor-seconds N] [--trainees N]`
//
// Starts the built app as `npm start` serves it (scripts/serve.js: the front door, one app process or --workers N;
// --bare runs build/index.js alone, as this bench did before) (npm run build first; --build picks another build
// directory) on a database made by
// npm run seed:scale, signs in as a seeded trainee, trainer and admin, and measures every GET page and JSON
// endpoint of the route tree (tests/route-matrix.ts, plus the concrete call, review and report pages of real
// ids) for each role that may see it: p50/p95 over --requests sequential requests (default 30) after --warmup
// unmeasured ones (default 5; before session 12 there were none, so first-visit compiling counted). A route whose
// requests exceed --route-budget-ms in total (default 60 s) stops early and says how many it got. Then
// --connections (default 100) concurrent connections request a page mix per role for --mix-seconds (default
// 10): requests/s, p50/p95/p99, errors. The trainee mix runs as one seeded trainee, or with --trainees N as N of
// them, connection k signed in as trainee k mod N with that trainee's own call (100 agents at work are 100
// trainees: what one trainee's pages keep in memory, e.g. a call's tone words, then helps little). The front door admits all of them (SHED_QUEUE = connections, SHED_QUEUE_MS =
// the timeout, unless set in the environment), so the mix measures capacity and fairness, not shedding. RSS of the
// app processes (and of the whole tree with the job and speech workers) at start, right before the mixes (the page
// table has filled the caches by then) and after them, then after 5 s
// (the idle collector's work, IDLE_GC) and --idle-seconds (default 120) without requests, when V8's memory reducer
// has collected the garbage. Then the floor: the cheapest signed-in page (/account/password) alone at the same
// connections for --floor-seconds (default --mix-seconds; 0 skips), the most any page mix can reach on this box with
// this client. The last line is
// `worst page p95 N ms; trainee mix N req/s p99 N ms; errors N; rss N MB`. --routes REGEX measures only the routes
// whose name matches (the mixes still run). A request unanswered after
// --timeout-ms (default 30 s) is cancelled and counted as an error.
// The database is opened read-only to check it has the schema; the app writes only sessions to it.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROUTE_MATRIX, type Visitor } from '../tests/route-matrix';
import { waitUntilHealthy } from './lib/healthy';
import { signIn } from './lib/sign-in';

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
function num(name: string, fallback: number): number {
	const v = arg(name);
	if (v === undefined) return fallback;
	const n = Number(v);
	if (!Number.isFinite(n) || n <= 0) fail(`--${name} needs a positive number, got "${v}"`);
	return n;
}
function fail(message: string): never {
	console.error(`bench:scale: ${message}`);
	process.exit(2);
}
const dbArg = arg('db');
if (!dbArg) fail('usage: npm run bench:scale -- --db PATH (a database made by npm run seed:scale)');
const DB_PATH = resolve(dbArg);
const REQUESTS = num('requests', 30);
/** Trainees the trainee mix is spread over (connection k is trainee k mod N), each with their own newest call. */
const MIX_TRAINEES = num('trainees', 1);
const WARMUP = arg('warmup') === '0' ? 0 : num('warmup', 5);
const MIX_SECONDS = num('mix-seconds', 10);
/** Seconds of the floor run (the cheapest signed-in page alone at the same connections); 0 skips it. */
const FLOOR_SECONDS = arg('floor-seconds') === '0' ? 0 : num('floor-seconds', MIX_SECONDS);
const FLOOR_PAGE = '/account/password';
const CONNECTIONS = num('connections', 100);
const ROUTE_BUDGET = num('route-budget-ms', 60_000);
/** A request still unanswered after this long counts as an error (and is cancelled). */
const TIMEOUT = num('timeout-ms', 30_000);
const BUILD = resolve(arg('build') ?? 'build');
/** Only routes whose name matches this regular expression (e.g. --routes 'trainer/calls|\\(app\\)$'); the mixes still run. */
const ROUTES = arg('routes') ? new RegExp(arg('routes')!) : null;
/** Directory the server runs in (its content/ and drizzle/): --app-dir, to measure an older checkout's build. */
const APP_DIR = resolve(arg('app-dir') ?? '.');
const PORT = num('port', Number(process.env.BENCH_PORT ?? 4253));
/** --bare: build/index.js itself (no front door, as before `npm start`'s entry was measured); else scripts/serve.js. */
const BARE = args.includes('--bare');
/** App processes of scripts/serve.js (WEB_CONCURRENCY); null with --bare. */
const WORKERS = BARE ? null : num('workers', 1);
const IDLE_SECONDS = arg('idle-seconds') === '0' ? 0 : num('idle-seconds', 120);
const base = `http://localhost:${PORT}`;

if (!existsSync(DB_PATH)) fail(`${DB_PATH} does not exist; make one with npm run seed:scale -- --db ${dbArg}`);
let ids: { call: string; traineeId: number; trainee: string; trainer: string };
/** The trainees of the trainee mix: trainee1@scale.test first, then other active ones with a completed call. */
let mixTrainees: { email: string; call: string }[] = [];
try {
	const probe = new Database(DB_PATH, { readonly: true, fileMustExist: true });
	const has = (t: string) => !!probe.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(t);
	for (const t of ['users', 'calls', 'call_events', 'certificates', 'audit_log', '__drizzle_migrations']) {
		if (!has(t)) fail(`${DB_PATH} has no ${t} table: it is not a CallCraft database (make one with npm run seed:scale)`);
	}
	const trainee = probe.prepare("select id, email from users where email = 'trainee1@scale.test'").get() as { id: number; email: string } | undefined;
	if (!trainee) fail(`${DB_PATH} has no seeded organisation (trainee1@scale.test missing): run npm run seed:scale`);
	const call = probe.prepare("select id from calls where user_id = ? and state = 'completed' order by created_at desc limit 1").get(trainee.id) as { id: string };
	const trainer = probe
		.prepare('select u.email from users u join cohorts c on c.trainer_id = u.id join users t on t.cohort_id = c.id where t.id = ? limit 1')
		.get(trainee.id) as { email: string };
	ids = { call: call.id, traineeId: trainee.id, trainee: trainee.email, trainer: trainer.email };
	const others = probe
		.prepare(
			`select u.email, (select c.id from calls c where c.user_id = u.id and c.state = 'completed' order by c.created_at desc limit 1) as call
			   from users u where u.email like 'trainee%@scale.test' and u.id <> ? and u.active = 1 and u.must_change_password = 0
			    and exists (select 1 from calls c where c.user_id = u.id and c.state = 'completed') order by u.id limit ?`
		)
		.all(trainee.id, Math.max(0, MIX_TRAINEES - 1)) as { email: string; call: string }[];
	mixTrainees = [{ email: trainee.email, call: call.id }, ...others];
	if (mixTrainees.length < MIX_TRAINEES) fail(`--trainees ${MIX_TRAINEES}: the organisation has only ${mixTrainees.length} active trainees with a completed call`);
	probe.close();
} catch (e) {
	fail(`${DB_PATH} cannot be read as a CallCraft database: ${(e as Error).message}`);
}
if (!existsSync(`${BUILD}/index.js`)) fail(`${BUILD}/index.js is missing: run npm run build first`);

const server = spawn(process.execPath, [WORKERS === null ? `${BUILD}/index.js` : resolve('scripts/serve.js')], {
	cwd: APP_DIR,
	env: {
		...process.env,
		PORT: String(PORT),
		DATABASE_PATH: DB_PATH,
		ORIGIN: base,
		NODE_ENV: 'production',
		MODELS_DIR: resolve(process.env.MODELS_DIR ?? '../shared/models'),
		CALLCRAFT_BUILD_DIR: BUILD,
		...(WORKERS === null ? {} : { WEB_CONCURRENCY: String(WORKERS) }),
		SHED_QUEUE: process.env.SHED_QUEUE ?? String(CONNECTIONS),
		SHED_QUEUE_MS: process.env.SHED_QUEUE_MS ?? String(TIMEOUT)
	},
	stdio: ['ignore', 'ignore', 'inherit']
});
/** The process and its children (cluster workers; a speech worker unless SPEECH_DISABLED=1). */
function processTree(pid: number): number[] {
	let children: number[] = [];
	try {
		for (const task of readdirSync(`/proc/${pid}/task`)) {
			children = children.concat(readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
		}
	} catch {
		/* gone */
	}
	return [pid, ...children.flatMap(processTree)];
}
/** RSS of the server's process tree, or (`appOnly`) of the app processes only: not the job or speech workers. */
const rssMb = (appOnly = false) => {
	let kb = 0;
	for (const pid of processTree(server.pid!)) {
		if (appOnly) {
			try {
				if (/speech-worker|job-process/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))) continue;
			} catch {
				continue;
			}
		}
		try {
			kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
		} catch {
			/* exited meanwhile */
		}
	}
	return Math.round(kb / 1024);
};
const exited = new Promise<void>((r) => server.on('exit', () => r()));
const pct = (xs: number[], p: number) => {
	if (xs.length === 0) return NaN;
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
/** Health checks on fresh connections until every worker has answered one (request ids say which: `w2-…`). */
async function allWorkersAnswer(n: number): Promise<void> {
	const seen = new Set<string>();
	const deadline = Date.now() + 120_000;
	while (seen.size < n && Date.now() < deadline) {
		const id = await new Promise<string>((done) =>
			http
				.get(`${base}/healthz`, { agent: false }, (res) => {
					res.resume();
					done(String(res.headers['x-request-id'] ?? ''));
				})
				.on('error', () => done(''))
		);
		const worker = /^w(\d+)-/.exec(id)?.[1];
		if (worker) seen.add(worker);
		else await new Promise((r) => setTimeout(r, 100));
	}
	if (seen.size < n) fail(`only ${seen.size} of ${n} app processes answered within 2 minutes`);
}
const r1 = (n: number) => Math.round(n * 10) / 10;

try {
	await waitUntilHealthy(base).catch((e: Error) => fail(e.message));
	if (WORKERS !== null && WORKERS > 1) await allWorkersAnswer(WORKERS);
	const roles: Exclude<Visitor, 'anon'>[] = ['trainee', 'trainer', 'admin'];
	const login = (email: string, password: string) => signIn(base, email, password).catch((e: Error) => fail(e.message));
	const cookies: Record<string, string> = {
		trainee: await login(ids.trainee, 'Trainee-demo-2026'),
		trainer: await login(ids.trainer, 'Trainer-demo-2026'),
		admin: await login('admin@callcraft.demo', 'Admin-demo-2026')
	};
	// the trainee mix's other trainees (the first is cookies.trainee)
	const mixCookies = [cookies.trainee];
	for (const t of mixTrainees.slice(1)) mixCookies.push(await login(t.email, 'Trainee-demo-2026'));
	// GET routes of the tree each role may see (200), plus the concrete pages of real records.
	const concrete: Record<string, { path: string; roles: Visitor[] }> = {
		'/(app)/calls/[id]/result (real)': { path: `/calls/${ids.call}/result`, roles: ['trainee', 'trainer', 'admin'] },
		'/(app)/api/calls/[id]/result (real)': { path: `/api/calls/${ids.call}/result`, roles: ['trainee', 'trainer', 'admin'] },
		'/(trainer)/trainer/calls/[id] (real)': { path: `/trainer/calls/${ids.call}`, roles: ['trainer', 'admin'] },
		'/(trainer)/trainer/calls ?show=waiting': { path: '/trainer/calls?show=waiting', roles: ['trainer', 'admin'] },
		'/(trainer)/trainer/trainees/[id]/report (real)': { path: `/trainer/trainees/${ids.traineeId}/report`, roles: ['trainer', 'admin'] },
		'/(admin)/admin/users/[id] (real)': { path: `/admin/users/${ids.traineeId}`, roles: ['admin'] }
	};
	const routes = [
		...Object.entries(ROUTE_MATRIX)
			.filter(([, c]) => (c.method ?? 'GET') === 'GET' && !c.path.endsWith('/pdf') && c.path !== '/logout')
			.map(([name, c]) => ({ name, path: c.path, roles: roles.filter((r) => c.expect[r] === 200) as Visitor[] })),
		...Object.entries(concrete).map(([name, c]) => ({ name, ...c }))
	].filter((r) => !ROUTES || ROUTES.test(r.name));

	async function timed(path: string, cookie: string): Promise<{ ms: number; ok: boolean; status: number }> {
		const t0 = performance.now();
		try {
			const res = await fetch(base + path, { headers: { cookie, accept: 'text/html' }, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT) });
			await res.arrayBuffer();
			return { ms: performance.now() - t0, ok: res.status === 200, status: res.status };
		} catch {
			return { ms: performance.now() - t0, ok: false, status: 0 };
		}
	}

	const rssBefore = rssMb();
	const appRssBefore = rssMb(true);
	console.log(
		`bench:scale on ${DB_PATH} (build ${BUILD}${WORKERS === null ? ', build/index.js alone' : `, scripts/serve.js with ${WORKERS} app process(es)`}); RSS at start: app ${appRssBefore} MB, with the job and speech workers ${rssBefore} MB`
	);
	console.log('route'.padEnd(58) + 'role'.padEnd(9) + 'n'.padStart(4) + 'p50 ms'.padStart(10) + 'p95 ms'.padStart(10) + '  errors');
	let worst = { p95: 0, label: '' };
	/** The worst excluding the CSV downloads, whose length grows with the organisation by nature (they stream). */
	let worstPage = { p95: 0, label: '' };
	let pageErrors = 0;
	for (const route of routes) {
		for (const role of route.roles as Exclude<Visitor, 'anon'>[]) {
			const times: number[] = [];
			let errors = 0;
			let spent = 0;
			const probe = await fetch(base + route.path, { headers: { cookie: cookies[role] }, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT) }).catch(() => null);
			await probe?.arrayBuffer().catch(() => undefined);
			if (probe && (probe.status === 403 || probe.status === 404)) {
				console.log(route.name.slice(0, 57).padEnd(58) + role.padEnd(9) + `   (answers ${probe.status} to this seeded account: skipped)`);
				continue;
			}
			// Unmeasured warm-up requests (--warmup, default 5; the probe above is one more): the figures are the page's
			// steady cost, not V8 compiling its code on the first visits.
			for (let i = 0; i < WARMUP && spent < ROUTE_BUDGET; i++) spent += (await timed(route.path, cookies[role])).ms;
			spent = 0;
			for (let i = 0; i < REQUESTS && spent < ROUTE_BUDGET; i++) {
				const { ms, ok } = await timed(route.path, cookies[role]);
				times.push(ms);
				spent += ms;
				if (!ok) errors++;
			}
			pageErrors += errors;
			const p95 = pct(times, 95);
			if (p95 > worst.p95) worst = { p95, label: `${route.path} as ${role}` };
			if (!/export$/.test(route.path) && p95 > worstPage.p95) worstPage = { p95, label: `${route.path} as ${role}` };
			console.log(route.name.slice(0, 57).padEnd(58) + role.padEnd(9) + String(times.length).padStart(4) + r1(pct(times, 50)).toFixed(1).padStart(10) + r1(p95).toFixed(1).padStart(10) + `  ${errors}`);
		}
	}

	const traineeMix = (call: string) => ['/', '/calls', '/courses', '/courses/working-in-the-crm', `/calls/${call}/result`, '/api/calls'];
	const MIX: Record<string, string[]> = {
		trainee: traineeMix(ids.call),
		trainer: ['/', '/trainer/calls', '/trainer/trainees', `/trainer/calls/${ids.call}`],
		admin: ['/', '/admin/users', '/admin/certificates', '/admin/audit']
	};
	const mixes: Record<string, { rps: number; p99: number; errors: number }> = {};
	/**
	 * `paths` in turn from CONNECTIONS concurrent connections for `seconds`, signed in with `cookie`; or connection k as
	 * visitor k mod N of `visitors`, with that visitor's own paths.
	 */
	async function runMix(paths: string[], cookie: string, seconds: number, visitors?: { cookie: string; paths: string[] }[]) {
		const until = performance.now() + seconds * 1000;
		const times: number[] = [];
		let errors = 0;
		let shed = 0;
		let n = 0;
		const t0 = performance.now();
		await Promise.all(
			Array.from({ length: CONNECTIONS }, async (_, c) => {
				const as = visitors?.[c % visitors.length] ?? { cookie, paths };
				for (let i = c; performance.now() < until; i++) {
					const { ms, ok, status } = await timed(as.paths[i % as.paths.length], as.cookie);
					times.push(ms);
					n++;
					if (!ok) errors++;
					if (status === 503) shed++;
				}
			})
		);
		const elapsed = (performance.now() - t0) / 1000;
		// Answers of every status count in req/s; 503s from the load shedder come back fast and raise it, so the rate
		// of 200 answers is printed too (compare runs on that one when their shed counts differ).
		return { rps: n / elapsed, ok200: (n - errors) / elapsed, n, errors, shed, times };
	}
	// the page table above has filled the app's caches (statements, parsed content, rendered Markdown) by now
	const appRssBeforeMixes = rssMb(true);
	console.log(`\n${CONNECTIONS}-connection page mix per role for ${MIX_SECONDS} s`);
	for (const role of roles) {
		const visitors = role === 'trainee' && MIX_TRAINEES > 1 ? mixTrainees.map((t, k) => ({ cookie: mixCookies[k], paths: traineeMix(t.call) })) : undefined;
		const { rps, ok200, n, errors, shed, times } = await runMix(MIX[role], cookies[role], MIX_SECONDS, visitors);
		mixes[role] = { rps, p99: pct(times, 99), errors };
		console.log(
			`${role.padEnd(8)}${visitors ? ` (${visitors.length} trainees)` : ''} ${r1(rps)} req/s (${r1(ok200)} answered 200/s), ${n} requests, p50 ${r1(pct(times, 50))} ms, p95 ${r1(pct(times, 95))} ms, p99 ${r1(pct(times, 99))} ms, errors ${errors} (${shed} shed with 503)`
		);
	}
	const rssAfter = rssMb();
	const appRssAfter = rssMb(true);
	const signed = (n: number) => `${n >= 0 ? '+' : ''}${n}`;
	console.log(
		`app RSS ${appRssBefore} MB at start, ${appRssBeforeMixes} MB right before the mixes, ${appRssAfter} MB after them (${signed(appRssAfter - appRssBefore)} MB against the start, ${signed(appRssAfter - appRssBeforeMixes)} MB against right before); with the job and speech workers ${rssBefore} → ${rssAfter} MB`
	);
	// RSS a few seconds after the load (the idle collector's work, IDLE_GC) and after --idle-seconds (V8's own reducer)
	let waited = 0;
	for (const at of [...new Set([5, IDLE_SECONDS])].filter((s) => s > 0 && s <= IDLE_SECONDS)) {
		await new Promise((r) => setTimeout(r, (at - waited) * 1000));
		waited = at;
		const idle = rssMb(true);
		console.log(`app RSS after ${at} s without requests ${idle} MB (${signed(idle - appRssBefore)} MB against the start)`);
	}
	if (FLOOR_SECONDS > 0) {
		// The ceiling of this box and client for any page: the trainee's cheapest signed-in page (the layout and one
		// form, no query of its own) alone, the same connections, after the RSS figures above.
		const floor = await runMix([FLOOR_PAGE], cookies.trainee, FLOOR_SECONDS);
		console.log(
			`floor: ${FLOOR_PAGE} alone as the trainee, ${CONNECTIONS} connections for ${FLOOR_SECONDS} s: ${r1(floor.rps)} req/s, p99 ${r1(pct(floor.times, 99))} ms, errors ${floor.errors} (no page mix can do better on this box with this client)`
		);
	}
	console.log(`worst page: ${worst.label}; worst other than the CSV downloads: ${worstPage.label}, p95 ${Math.round(worstPage.p95)} ms`);
	const errors = pageErrors + Object.values(mixes).reduce((a, m) => a + m.errors, 0);
	console.log(
		`worst page p95 ${Math.round(worst.p95)} ms; trainee mix ${Math.round(mixes.trainee.rps)} req/s p99 ${Math.round(mixes.trainee.p99)} ms; errors ${errors}; rss ${appRssAfter} MB`
	);
} finally {
	server.kill('SIGTERM');
	// A server still busy with a queue of requests (or its speech worker) may not stop in time: then it is killed.
	const force = setTimeout(() => server.kill('SIGKILL'), 15_000);
	await exited;
	clearTimeout(force);
}
