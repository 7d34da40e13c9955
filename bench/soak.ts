// Soak under overload: starts the built app (npm run build first) on loopback with a temp database and the demo
// data, measures what the box serves (a closed loop of the trainee page mix), then for --minutes sends mixed
// trainee / trainer / admin traffic at --factor × that rate (open loop), kill -9s the server --restarts times and
// starts it again, and reports requests, 2xx/4xx/503/5xx, answers slower than 2 s, p99 of accepted requests, RSS over
// time, and acknowledged-but-lost CRM edits (each acknowledged edit is read back from its call at the end).
// p99 of accepted requests is also split into those sent in the first --after-restart-s seconds after a restart
// (the new process was cold there) and the rest ("steady"). --reps N runs the soak N times (a fresh server and
// database each) and prints the median of each figure as well.
// Also --mix: the 100-connection trainee page mix alone (closed loop), for before/after comparisons.
// Usage: npm run bench:soak [-- --minutes 10 --restarts 3 --factor 2 --rate N --reps 1 --after-restart-s 15
// --port 4242 --mix 100 --build DIR --entry index.js (adapter-node's server instead of scripts/server.js, e.g. for a
// build from before the front door) or --entry PATH/server.js (another checkout's front door, for before/after)]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { subscribe } from 'node:diagnostics_channel';
import { waitUntilHealthy } from './lib/healthy';
import { signIn } from './lib/sign-in';

const { values: args } = parseArgs({
	options: {
		minutes: { type: 'string', default: '10' },
		restarts: { type: 'string', default: '3' },
		factor: { type: 'string', default: '2' },
		// A fixed request rate instead of factor × measured capacity: compare settings back to back at the same load.
		rate: { type: 'string' },
		reps: { type: 'string', default: '1' },
		'after-restart-s': { type: 'string', default: '15' },
		port: { type: 'string', default: '4242' },
		mix: { type: 'string' },
		build: { type: 'string', default: 'build' },
		// The entry that serves the build: the front door (scripts/server.js), adapter-node's own (index.js), or a path.
		entry: { type: 'string', default: 'server' }
	}
});
const MINUTES = Number(args.minutes);
const RESTARTS = Number(args.restarts);
const FACTOR = Number(args.factor);
const REPS = Number(args.reps);
const AFTER_RESTART_MS = Number(args['after-restart-s']) * 1000;
const PORT = Number(args.port);
const BASE = `http://127.0.0.1:${PORT}`;
let dbPath = join(mkdtempSync(join(tmpdir(), 'callcraft-soak-')), 'soak.db');
/** The server's event-loop delay, max per second (bench/lib/loop-probe.mjs): "epochMs maxMs" lines. */
let loopLog = dbPath.replace(/soak\.db$/, 'loop.log');

let server: ChildProcess | null = null;
async function startServer() {
	const entry = args.entry === 'index.js' ? join(args.build!, 'index.js') : args.entry === 'server' ? 'scripts/server.js' : args.entry!;
	server = spawn(process.execPath, ['--import', new URL('./lib/loop-probe.mjs', import.meta.url).href, entry], {
		// Loopback only; no speech models (the soak is about pages and the call API, not inference).
		env: { ...process.env, CALLCRAFT_BUILD_DIR: args.build, HOST: '127.0.0.1', PORT: String(PORT), ORIGIN: BASE, DATABASE_PATH: dbPath, NODE_ENV: 'production', MODELS_DIR: join(tmpdir(), 'no-models'), SOAK_LOOP_LOG: loopLog, SOAK_REQ_LOG: loopLog.replace(/loop\.log$/, 'requests.log') },
		stdio: ['ignore', 'ignore', 'ignore']
	});
	await waitUntilHealthy(BASE, 60_000);
}
/** The kernel's count of connections dropped because a listen queue was full (all sockets of the box, /proc/net/netstat). */
function listenOverflows(): number | null {
	try {
		const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
		const i = lines.findIndex((l) => l.startsWith('TcpExt:'));
		const names = lines[i].split(/\s+/);
		const values = lines[i + 1].split(/\s+/);
		return Number(values[names.indexOf('ListenOverflows')]);
	} catch {
		return null;
	}
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
function rssMb(): number | null {
	try {
		const status = readFileSync(`/proc/${server!.pid}/status`, 'utf8');
		return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
	} catch {
		return null;
	}
}


/**
 * Where a request's time went, from undici's diagnostics channels (Node's fetch): `clientMs` from fetch() until its
 * headers were written to a socket, less `connectMs` (the TCP connect, for the first request on a new connection;
 * a SYN the kernel dropped shows here as 1, 3, 7 s), and `serverMs` from the headers written until the answer's
 * headers came back (the kernel's accept queue and socket buffers, plus the server's work).
 */
type Phases = { sentAt?: number; connectMs?: number; headersAt?: number };
const phases = new Map<string, Phases>();
const connectStarted = new WeakMap<object, number>();
const connectMsOf = new WeakMap<object, number>();
const usedSockets = new WeakSet<object>();
const soakId = (request: { headers?: unknown }) => {
	const h = request.headers;
	if (Array.isArray(h)) for (let i = 0; i < h.length; i += 2) if (String(h[i]).toLowerCase() === 'x-soak-id') return String(h[i + 1]);
	return undefined;
};
subscribe('undici:client:beforeConnect', (m) => void connectStarted.set((m as { connectParams: object }).connectParams, performance.now()));
subscribe('undici:client:connected', (m) => {
	const { connectParams, socket } = m as { connectParams: object; socket: object };
	const t0 = connectStarted.get(connectParams);
	if (t0 !== undefined) connectMsOf.set(socket, performance.now() - t0);
});
subscribe('undici:client:sendHeaders', (m) => {
	const { request, socket } = m as { request: { headers?: unknown }; socket: object };
	const ph = phases.get(soakId(request) ?? '');
	if (!ph) return;
	ph.sentAt = performance.now();
	if (!usedSockets.has(socket)) {
		usedSockets.add(socket);
		ph.connectMs = connectMsOf.get(socket);
	}
});
subscribe('undici:request:headers', (m) => {
	const ph = phases.get(soakId((m as { request: { headers?: unknown } }).request) ?? '');
	if (ph) ph.headersAt = performance.now();
});
let nextSoakId = 0;

/** `reason`: a 503's x-shed-reason (lag, full, late, queue: src/lib/busy-answer.js). */
type Outcome = {
	status: number;
	ms: number;
	reason?: string;
	clientMs?: number;
	connectMs?: number;
	serverMs?: number;
	/** performance.now() when the request was made (ties a request without answer to a kill -9). */
	t0?: number;
	/** The soak's id of the request and the wall-clock ms it was written and its answer's headers came back. */
	id?: string;
	sentEpoch?: number;
	headersEpoch?: number;
};
const epoch = (t: number | undefined) => (t === undefined ? undefined : performance.timeOrigin + t);
async function request(cookie: string, path: string, init: RequestInit = {}): Promise<Outcome> {
	const t0 = performance.now();
	const id = String(++nextSoakId);
	const ph: Phases = {};
	phases.set(id, ph);
	const split = () => ({
		clientMs: ph.sentAt === undefined ? undefined : ph.sentAt - t0 - (ph.connectMs ?? 0),
		connectMs: ph.connectMs ?? 0,
		serverMs: ph.sentAt === undefined || ph.headersAt === undefined ? undefined : ph.headersAt - ph.sentAt,
		id,
		sentEpoch: epoch(ph.sentAt),
		headersEpoch: epoch(ph.headersAt)
	});
	try {
		const res = await fetch(BASE + path, {
			redirect: 'manual',
			...init,
			headers: { cookie, origin: BASE, 'x-soak-id': id, accept: init.body ? 'application/json' : 'text/html', ...(init.body ? { 'content-type': 'application/json' } : {}) },
			signal: AbortSignal.timeout(10_000)
		});
		await res.arrayBuffer();
		return { status: res.status, ms: performance.now() - t0, reason: res.headers.get('x-shed-reason') ?? undefined, ...split() };
	} catch {
		return { status: 0, ms: performance.now() - t0, t0, ...split() }; // cut by a kill -9, refused, or no answer in 10 s
	} finally {
		phases.delete(id);
	}
}

/** The kernel's accept queue of the server's listening socket now (connections not yet accepted), from /proc/net/tcp. */
function acceptQueue(): number | null {
	try {
		const portHex = ':' + PORT.toString(16).toUpperCase().padStart(4, '0');
		for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n')) {
			const f = line.trim().split(/\s+/);
			if (f[1]?.endsWith(portHex) && f[3] === '0A') return parseInt(f[4].split(':')[1], 16);
		}
		return 0;
	} catch {
		return null;
	}
}

const TRAINEE_PAGES = ['/', '/courses', '/courses/working-in-the-crm', '/courses/working-in-the-crm/customer-records', '/calls', '/practice/voice-check'];
const TRAINER_PAGES = ['/trainer/calls', '/trainer/courses', '/trainer/trainees', '/trainer/scenarios'];
const ADMIN_PAGES = ['/admin/users', '/admin/audit', '/admin/cohorts', '/admin/certificates'];

const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] : NaN);

/**
 * The bench's own set-up calls (a call to edit, reading calls back) sent until the server works on them: a set-up
 * request that is shed (503) or meets a restarting server is sent again after its Retry-After, doubling, ≤ 8 s.
 */
async function untilServed(path: string, init: RequestInit, what: string): Promise<Response> {
	let waitMs = 500;
	for (let attempt = 1; ; attempt++) {
		const res = await fetch(BASE + path, init).catch(() => null);
		if (res && res.status !== 503) return res;
		if (attempt >= 30) throw new Error(`${what}: still ${res ? res.status : 'no answer'} after ${attempt} tries`);
		await res?.arrayBuffer();
		await sleep(Math.max(waitMs, 1000 * Number(res?.headers.get('retry-after') ?? 0)));
		waitMs = Math.min(8000, waitMs * 2);
	}
}

type Session = { trainees: string[]; trainer: string; admin: string };
async function signInAll(): Promise<Session> {
	const trainees = await Promise.all(['alex', 'bea', 'chris', 'dana', 'eli', 'fay'].map((n) => signIn(BASE, `${n}@callcraft.demo`, 'Trainee-demo-2026')));
	return { trainees, trainer: await signIn(BASE, 'priya@callcraft.demo', 'Trainer-demo-2026'), admin: await signIn(BASE, 'admin@callcraft.demo', 'Admin-demo-2026') };
}

/** Closed loop: `connections` clients each requesting trainee pages back to back for `seconds`. */
async function closedLoop(trainees: string[], connections: number, seconds: number) {
	const out: Outcome[] = [];
	const end = performance.now() + seconds * 1000;
	await Promise.all(
		Array.from({ length: connections }, async () => {
			while (performance.now() < end) out.push(await request(pick(trainees), pick(TRAINEE_PAGES)));
		})
	);
	const ok = out.filter((o) => o.status >= 200 && o.status < 400);
	return {
		requests: out.length,
		perSecond: Math.round(out.length / seconds),
		ok: ok.length,
		busy: out.filter((o) => o.status === 503).length,
		over10s: out.filter((o) => o.status === 0).length,
		over2s: out.filter((o) => o.ms > 2000).length,
		p50: Math.round(pct(ok.map((o) => o.ms), 50)),
		p99: Math.round(pct(ok.map((o) => o.ms), 99))
	};
}

if (args.mix) {
	await startServer();
	const { trainees } = await signInAll();
	console.log(`trainee page mix, ${args.mix} connections, 60 s:`, await closedLoop(trainees, Number(args.mix), 60));
	server!.kill('SIGKILL');
	process.exit(0);
}

type Figures = Record<string, number | string>;

/** One soak: a fresh server and database, mixed traffic at `rate` for MINUTES with RESTARTS kill -9 restarts. */
async function soak(rate: number, users: Session): Promise<Figures> {
	const { trainees, trainer, admin } = users;
	// One call per trainee, for CRM edits that must survive the restarts once acknowledged.
	const calls: { cookie: string; id: string; startedAt: number }[] = [];
	for (const cookie of trainees) {
		const init = (body: string): RequestInit => ({ method: 'POST', headers: { cookie, origin: BASE, 'content-type': 'application/json' }, body });
		const res = await untilServed('/api/calls', init(JSON.stringify({ scenarioSlug: 'sales-enquiry' })), 'starting a call');
		const id = ((await res.json()) as { id: string }).id;
		await (await untilServed(`/api/calls/${id}/answer`, init('{}'), 'answering a call')).arrayBuffer();
		calls.push({ cookie, id, startedAt: Date.now() });
	}
	const acknowledged = new Map<string, string[]>(calls.map((c) => [c.id, []]));
	let editNo = 0;

	type Kind = 'trainee' | 'trainer' | 'admin' | 'crm';
	const results: (Outcome & { kind: Kind; at: number })[] = [];
	function one(): Promise<void> {
		const r = Math.random();
		const at = performance.now();
		let p: Promise<Outcome>;
		let kind: Kind;
		if (r < 0.55) (kind = 'trainee'), (p = request(pick(trainees), pick(TRAINEE_PAGES)));
		else if (r < 0.75) {
			kind = 'crm';
			const call = pick(calls);
			const value = `soak-${++editNo}`;
			const event = { type: 'crm_change', t: Date.now() - call.startedAt, section: 'interaction', field: 'notes', value };
			p = request(call.cookie, `/api/calls/${call.id}/events`, { method: 'POST', body: JSON.stringify({ clientId: value, event }) }).then((o) => {
				if (o.status >= 200 && o.status < 300) acknowledged.get(call.id)!.push(value);
				return o;
			});
		} else if (r < 0.9) (kind = 'trainer'), (p = request(trainer, pick(TRAINER_PAGES)));
		else (kind = 'admin'), (p = request(admin, pick(ADMIN_PAGES)));
		return p.then((o) => void results.push({ ...o, kind, at }));
	}

	const memory: { minute: number; rssMb: number | null; load: number }[] = [];
	// The load client's own event-loop delay: a late client adds its lateness to every latency it measures.
	const clientLag = monitorEventLoopDelay({ resolution: 10 });
	clientLag.enable();
	const overflowsBefore = listenOverflows();
	const start = performance.now();
	const durationMs = MINUTES * 60_000;
	const restartAt = Array.from({ length: RESTARTS }, (_, i) => ((i + 1) * durationMs) / (RESTARTS + 1));
	/** When each restarted server answered its health check again: traffic resumes from there. */
	const upAgainAt: number[] = [];
	const inFlight = new Set<Promise<void>>();
	let restarts = 0;
	/** performance.now() of each kill -9. */
	const killedAt: number[] = [];
	/** RSS of each server just before its kill -9, and of the last one when traffic stops. */
	const rssAtEnd: (number | null)[] = [];
	let downMs = 0;
	// RSS every 5 s (the slope over the last 5 minutes judges "memory flat"); the accept queue every 250 ms.
	const memTimer = setInterval(() => memory.push({ minute: Math.round((performance.now() - start) / 600) / 100, rssMb: rssMb(), load: loadavg()[0] }), 5_000);
	const acceptQueues: number[] = [];
	const queueTimer = setInterval(() => {
		const q = acceptQueue();
		if (q !== null) acceptQueues.push(q);
	}, 250);
	const loopLogFrom = Date.now();
	let paceFrom = start;
	for (let sent = 0; performance.now() - start < durationMs; sent++) {
		const due = paceFrom + (sent * 1000) / rate;
		const wait = due - performance.now();
		if (wait > 0) await sleep(wait);
		if (restarts < RESTARTS && performance.now() - start >= restartAt[restarts]) {
			restarts++;
			killedAt.push(performance.now());
			rssAtEnd.push(rssMb());
			server!.kill('SIGKILL');
			const t0 = performance.now();
			await startServer();
			downMs += performance.now() - t0;
			upAgainAt.push(performance.now());
			// Requests due while the server was down are not sent in one burst afterwards: the pace starts again.
			paceFrom = performance.now();
			sent = -1;
			continue;
		}
		if (inFlight.size >= 2000) continue; // the client's own limit: never more than 2000 open requests
		const p = one().finally(() => inFlight.delete(p));
		inFlight.add(p);
	}
	clearInterval(memTimer);
	clearInterval(queueTimer);
	rssAtEnd.push(rssMb());
	await Promise.all(inFlight);
	clientLag.disable();
	const overflowsAfter = listenOverflows();

	// Acknowledged edits read back from the calls after the restarts (a shed read-back is sent again, not counted as loss).
	let lost = 0;
	let ackCount = 0;
	for (const call of calls) {
		const res = await untilServed(`/api/calls/${call.id}`, { headers: { cookie: call.cookie } }, `reading call ${call.id} back`);
		if (res.status !== 200) throw new Error(`reading call ${call.id} back: ${res.status}`);
		const stored = JSON.stringify(await res.json());
		for (const value of acknowledged.get(call.id)!) {
			ackCount++;
			if (!stored.includes(`"${value}"`)) lost++;
		}
	}

	const count = (f: (o: Outcome) => boolean) => results.filter(f).length;
	const accepted = results.filter((o) => o.status >= 200 && o.status < 500 && o.status !== 429);
	const afterRestart = (at: number) => upAgainAt.some((up) => at >= up && at < up + AFTER_RESTART_MS);
	const acceptedAfterRestart = accepted.filter((o) => afterRestart(o.at));
	const acceptedSteady = accepted.filter((o) => !afterRestart(o.at));
	const slow = (xs: typeof accepted) => xs.filter((o) => o.ms > 500);
	const lastFive = memory.filter((m) => m.minute >= MINUTES - 5 && m.rssMb !== null);
	const slope = (() => {
		if (lastFive.length < 3) return NaN;
		const n = lastFive.length;
		const mx = lastFive.reduce((s, m) => s + m.minute, 0) / n;
		const my = lastFive.reduce((s, m) => s + m.rssMb!, 0) / n;
		return lastFive.reduce((s, m) => s + (m.minute - mx) * (m.rssMb! - my), 0) / lastFive.reduce((s, m) => s + (m.minute - mx) ** 2, 0);
	})();
	const loads = memory.map((m) => m.load).concat(loadavg()[0]);
	// Every answer over 2 s with its parts and when it was sent (s since the start), for a closer look.
	const slowFile = loopLog.replace(/loop\.log$/, 'slow-answers.json');
	writeFileSync(slowFile, JSON.stringify(results.filter((o) => o.ms > 2000).map((o) => ({ ...o, at: Math.round(o.at - start) / 1000 }))));
	// Where the slow answers' time went (see Phases): medians and p99 of each part, for 503s and accepted answers over 2 s.
	const split = (xs: Outcome[]) => {
		const f = (k: 'clientMs' | 'connectMs' | 'serverMs') => {
			const v = xs.map((o) => o[k]).filter((x): x is number => x !== undefined);
			return `${Math.round(pct(v, 50))}/${Math.round(pct(v, 99))}`;
		};
		return `n ${xs.length}: client ${f('clientMs')}, connect ${f('connectMs')}, server ${f('serverMs')} (p50/p99 ms)`;
	};
	// The server's side of each slow answer (bench/lib/loop-probe.mjs, SOAK_REQ_LOG): when its connection was
	// accepted, when the request event fired, when the answer was finished. Splits the "server" part into the wait
	// before accept (a new connection in the kernel's accept queue), from accept or send to the request event
	// (socket buffers, a loop busy elsewhere), the app, and the way back to the client.
	const serverSide = (() => {
		const want = new Set(results.filter((o) => o.ms > 2000 && o.id).map((o) => o.id!));
		const found = new Map<string, number[]>();
		try {
			for (const line of readFileSync(loopLog.replace(/loop\.log$/, 'requests.log'), 'utf8').split('\n')) {
				const sp = line.indexOf(' ');
				if (sp > 0 && want.has(line.slice(0, sp))) found.set(line.slice(0, sp), line.slice(sp + 1).split(' ').map(Number));
			}
		} catch {
			/* no request log (an older loop probe) */
		}
		return found;
	})();
	const serverSplit = (xs: Outcome[]) => {
		const parts = { beforeAccept: [] as number[], toRequest: [] as number[], app: [] as number[], back: [] as number[] };
		let unseen = 0;
		let reused = 0;
		for (const o of xs) {
			const s = o.id ? serverSide.get(o.id) : undefined;
			if (!s || o.sentEpoch === undefined || o.headersEpoch === undefined) {
				unseen++;
				continue;
			}
			const [acceptedAt, startedAt, finishedAt, wasReused] = s;
			if (wasReused) reused++;
			else parts.beforeAccept.push(Math.max(0, acceptedAt - o.sentEpoch));
			parts.toRequest.push(startedAt - (wasReused ? o.sentEpoch : Math.max(acceptedAt, o.sentEpoch)));
			parts.app.push(finishedAt - startedAt);
			parts.back.push(o.headersEpoch - finishedAt);
		}
		const f = (v: number[]) => (v.length ? `${Math.round(pct(v, 50))}/${Math.round(pct(v, 99))}` : '-');
		return `n ${xs.length} (${unseen} not seen by the server, ${reused} on a reused connection): before accept ${f(parts.beforeAccept)}, accept/send → request event ${f(parts.toRequest)}, app ${f(parts.app)}, finish → client ${f(parts.back)} (p50/p99 ms)`;
	};
	const serverLoop = (() => {
		try {
			return readFileSync(loopLog, 'utf8').trim().split('\n').map((l) => l.split(' ').map(Number)).filter(([t]) => t >= loopLogFrom);
		} catch {
			return [];
		}
	})();
	const afterS = AFTER_RESTART_MS / 1000;
	const cutByKill = (o: Outcome) => o.t0 !== undefined && killedAt.some((k) => o.t0! <= k && k <= o.t0! + o.ms);
	return {
		minutes: MINUTES,
		targetRate: rate,
		requests: results.length,
		'2xx/3xx': count((o) => o.status >= 200 && o.status < 400),
		'4xx': count((o) => o.status >= 400 && o.status < 500),
		'503': count((o) => o.status === 503),
		'5xx other': count((o) => o.status >= 500 && o.status !== 503),
		'no answer (restart or >10 s)': count((o) => o.status === 0),
		// A request in flight when the server was killed gets no answer; any other unanswered request waited 10 s.
		'no answer: in flight at a kill -9 / other': `${count((o) => o.status === 0 && cutByKill(o))} / ${count((o) => o.status === 0 && !cutByKill(o))}`,
		'answered in > 2 s': count((o) => o.status !== 0 && o.ms > 2000),
		'p50 accepted ms': Math.round(pct(accepted.map((o) => o.ms), 50)),
		'p99 accepted ms': Math.round(pct(accepted.map((o) => o.ms), 99)),
		[`p99 accepted ms, first ${afterS} s after a restart`]: Math.round(pct(acceptedAfterRestart.map((o) => o.ms), 99)),
		'p99 accepted ms, steady': Math.round(pct(acceptedSteady.map((o) => o.ms), 99)),
		[`accepted > 500 ms, first ${afterS} s after a restart / steady`]: `${slow(acceptedAfterRestart).length} of ${acceptedAfterRestart.length} / ${slow(acceptedSteady).length} of ${acceptedSteady.length}`,
		'503 by reason (lag / full / late / queue)': ['lag', 'full', 'late', 'queue'].map((r) => count((o) => o.status === 503 && o.reason === r)).join(' / '),
		'p99 of 503s ms': Math.round(pct(results.filter((o) => o.status === 503).map((o) => o.ms), 99)),
		restarts,
		'restart downtime s': Math.round(downMs / 100) / 10,
		'acknowledged CRM edits': ackCount,
		'acknowledged but lost': lost,
		'RSS MB over time (every 30 s)': memory.filter((_, i) => i % 6 === 5).map((m) => `${m.minute.toFixed(1)}m:${m.rssMb ?? '-'}`).join(' '),
		'RSS MB min / max over the last 5 min': lastFive.length ? `${Math.min(...lastFive.map((m) => m.rssMb!))} / ${Math.max(...lastFive.map((m) => m.rssMb!))}` : 'n/a',
		'503s: where the time went': split(results.filter((o) => o.status === 503)),
		'503s over 2 s: where the time went': split(results.filter((o) => o.status === 503 && o.ms > 2000)),
		'accepted over 2 s: where the time went': split(accepted.filter((o) => o.ms > 2000)),
		'answers over 2 s: the server side': serverSplit(results.filter((o) => o.status !== 0 && o.ms > 2000)),
		'server event-loop delay, max per second: p50 / p99 / max ms, seconds over 1 s': serverLoop.length
			? `${Math.round(pct(serverLoop.map(([, ms]) => ms), 50))} / ${Math.round(pct(serverLoop.map(([, ms]) => ms), 99))} / ${Math.max(...serverLoop.map(([, ms]) => ms))}, ${serverLoop.filter(([, ms]) => ms > 1000).length}`
			: 'n/a',
		// Per 5 s since the start: answers over 2 s (any status), and the server loop's longest delay (ms).
		'answers > 2 s per 5 s': Array.from({ length: Math.ceil((MINUTES * 60) / 5) }, (_, i) => results.filter((o) => o.status !== 0 && o.ms > 2000 && o.at - start >= i * 5000 && o.at - start < (i + 1) * 5000).length).join(' '),
		'server loop max delay per 5 s': Array.from({ length: Math.ceil((MINUTES * 60) / 5) }, (_, i) => Math.max(0, ...serverLoop.filter(([t]) => t - loopLogFrom >= i * 5000 && t - loopLogFrom < (i + 1) * 5000).map(([, ms]) => ms))).join(' '),
		'accept queue (sampled every 250 ms) p50 / p99 / max': `${pct(acceptQueues, 50)} / ${pct(acceptQueues, 99)} / ${Math.max(...acceptQueues)}`,
		'RSS slope over the last 5 min (MB/min)': Math.round(slope * 10) / 10,
		// The slope above mixes server lives when a restart falls in the window (a new server starts at ~20 MB):
		// each life's RSS at its end says whether memory grows from one life to the next.
		'RSS MB of each server at its end (kill -9 or last)': rssAtEnd.join(' '),
		'client event-loop delay p99 / max ms': `${Math.round(clientLag.percentile(99) / 1e6)} / ${Math.round(clientLag.max / 1e6)}`,
		'answers over 2 s, each': slowFile,
		'listen queue overflows (whole box)': overflowsBefore === null || overflowsAfter === null ? 'n/a' : overflowsAfter - overflowsBefore,
		// Accepted requests over 500 ms by when they were sent, in 5 s steps since the start (restarts show as gaps).
		'accepted > 500 ms per 5 s': Array.from({ length: Math.ceil((MINUTES * 60) / 5) }, (_, i) => accepted.filter((o) => o.ms > 500 && o.at - start >= i * 5000 && o.at - start < (i + 1) * 5000).length).join(' '),
		// The box's 1-minute load average while the soak ran: other jobs on the same cores make every figure worse.
		'load average (1 min) min–max': `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`
	};
}

let rate = args.rate ? Number(args.rate) : 0;
const runs: Figures[] = [];
for (let rep = 1; rep <= REPS; rep++) {
	if (rep > 1) {
		dbPath = join(mkdtempSync(join(tmpdir(), 'callcraft-soak-')), 'soak.db');
		loopLog = dbPath.replace(/soak\.db$/, 'loop.log');
	}
	await startServer();
	const users = await signInAll();
	if (!rate) {
		// Capacity (first rep only, so every rep runs at the same rate): 8 clients back to back, accepted requests per second.
		const capacity = await closedLoop(users.trainees, 8, 15);
		rate = Math.max(1, Math.round(capacity.ok / 15) * FACTOR);
		console.log(`capacity ≈ ${Math.round(capacity.ok / 15)} req/s (8 clients, p50 ${capacity.p50} ms)`);
	}
	console.log(`rep ${rep} of ${REPS}: soak at ${rate} req/s for ${MINUTES} min with ${RESTARTS} kill -9 restarts`);
	const figures = await soak(rate, users);
	server!.kill('SIGKILL');
	console.log(figures);
	runs.push(figures);
}
if (REPS > 1) {
	// The median of each numeric figure over the reps (the middle rep, or the mean of the middle two).
	const median = (xs: number[]) => {
		const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
		return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
	};
	const medians: Figures = {};
	for (const key of Object.keys(runs[0])) {
		if (typeof runs[0][key] === 'number') medians[key] = median(runs.map((r) => r[key] as number));
		else medians[key] = runs.map((r) => r[key]).join(' | ');
	}
	console.log(`median over ${REPS} reps:`, medians);
}
