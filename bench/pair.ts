// `npm run bench:pair -- --db PATH --a DIR --b DIR --as EMAIL:PASSWORD --paths /p[,/q…] [--pairs N] [--warmup N]`
// Before/after on a noisy box: serves two builds (`--a`, the one before, and `--b`, the one after) from the same
// database at once, signs in to both as the same user, then requests each path from A and B in turn, one request at
// a time, the order alternating (A B, B A, …), so both see the same noise. Prints p50/p95 and the server's CPU per
// request for each build, whether their answers differ in size, and as its last line
// `pair: A p50 N ms, B p50 N ms; B/A p50 N, cpu N`.
// The database must already have the schema of both builds (the first to start migrates it; GETs write only sessions).
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { waitUntilHealthy } from './lib/healthy';
import { signIn } from './lib/sign-in';

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
function fail(message: string): never {
	console.error(`bench:pair: ${message}`);
	process.exit(2);
}
function count(name: string, fallback: number): number {
	const v = arg(name);
	if (v === undefined) return fallback;
	const n = Number(v);
	if (!Number.isInteger(n) || n < 1) fail(`--${name} needs a whole number above 0, got "${v}"`);
	return n;
}
const USAGE = 'usage: npm run bench:pair -- --db PATH --a BUILD_DIR --b BUILD_DIR --as EMAIL:PASSWORD --paths /first[,/second…]';
const [dbArg, aArg, bArg, asArg, pathsArg] = ['db', 'a', 'b', 'as', 'paths'].map(arg);
if (!dbArg || !aArg || !bArg || !asArg || !pathsArg) fail(USAGE);
const DB_PATH = resolve(dbArg);
if (!existsSync(DB_PATH)) fail(`${DB_PATH} does not exist`);
const builds = { A: resolve(aArg), B: resolve(bArg) };
for (const dir of Object.values(builds)) if (!existsSync(`${dir}/index.js`)) fail(`${dir}/index.js is missing: build it first (CALLCRAFT_BUILD_DIR=${dir} npx vite build)`);
const colon = asArg.indexOf(':');
if (colon < 1) fail('--as needs EMAIL:PASSWORD');
const [email, password] = [asArg.slice(0, colon), asArg.slice(colon + 1)];
const paths = pathsArg.split(',');
if (paths.some((p) => !p.startsWith('/'))) fail('--paths are addresses of the app, each starting with /');
const PAIRS = count('pairs', 60);
const WARMUP = count('warmup', 20);

interface Served {
	process: ChildProcess;
	get: (path: string) => Promise<{ ms: number; status: number; bytes: number }>;
	cpuMs: () => number;
}

async function serve(build: string, port: number): Promise<Served> {
	const base = `http://localhost:${port}`;
	const child = spawn(process.execPath, [resolve('scripts/serve.js')], {
		env: {
			...process.env,
			PORT: String(port),
			DATABASE_PATH: DB_PATH,
			ORIGIN: base,
			NODE_ENV: 'production',
			MODELS_DIR: resolve(process.env.MODELS_DIR ?? '../shared/models'),
			CALLCRAFT_BUILD_DIR: build,
			SPEECH_DISABLED: process.env.SPEECH_DISABLED ?? '1',
			SHED_LAG_MS: process.env.SHED_LAG_MS ?? '0'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	started.push(child);
	await waitUntilHealthy(base);
	const cookie = await signIn(base, email, password);
	const agent = new http.Agent({ keepAlive: true });
	return {
		process: child,
		get: (path) =>
			new Promise((done, failed) => {
				const t0 = performance.now();
				http
					.get(`${base}${path}`, { agent, headers: { cookie, accept: 'text/html' } }, (res) => {
						let bytes = 0;
						res.on('data', (d: Buffer) => (bytes += d.length));
						res.on('end', () => done({ ms: performance.now() - t0, status: res.statusCode ?? 0, bytes }));
					})
					.on('error', failed);
			}),
		// user + system time of the app process, from /proc (clock ticks of 10 ms)
		cpuMs: () => {
			const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
			return (Number(fields[11]) + Number(fields[12])) * 10;
		}
	};
}

const started: ChildProcess[] = [];
async function stopAll(): Promise<void> {
	for (const child of started) if (child.exitCode === null) child.kill('SIGINT');
	await Promise.all(started.map((child) => new Promise((r) => (child.exitCode !== null ? r(null) : child.on('exit', r)))));
}
try {
	const servers: Record<'A' | 'B', Served> = { A: await serve(builds.A, 4261), B: await serve(builds.B, 4262) };
	for (let i = 0; i < WARMUP; i++) for (const s of Object.values(servers)) await s.get(paths[i % paths.length]);
	const ms: Record<'A' | 'B', number[]> = { A: [], B: [] };
	const sizes: Record<'A' | 'B', Map<string, number>> = { A: new Map(), B: new Map() };
	const cpuStart = { A: servers.A.cpuMs(), B: servers.B.cpuMs() };
	for (let i = 0; i < PAIRS; i++) {
		const path = paths[i % paths.length];
		for (const key of i % 2 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
			const r = await servers[key].get(path);
			if (r.status !== 200) throw new Error(`${key} answered ${path} with ${r.status}`);
			ms[key].push(r.ms);
			sizes[key].set(path, r.bytes);
		}
	}
	const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((q / 100) * xs.length) - 1)];
	const cpu = { A: (servers.A.cpuMs() - cpuStart.A) / PAIRS, B: (servers.B.cpuMs() - cpuStart.B) / PAIRS };
	console.log(`bench:pair on ${DB_PATH} as ${email}, ${PAIRS} pairs over ${paths.join(', ')} (load average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]})`);
	for (const key of ['A', 'B'] as const) {
		console.log(`${key} ${builds[key]}: p50 ${pct(ms[key], 50).toFixed(2)} ms, p95 ${pct(ms[key], 95).toFixed(2)} ms, server CPU ${cpu[key].toFixed(2)} ms a request`);
	}
	for (const path of paths) {
		const [a, b] = [sizes.A.get(path), sizes.B.get(path)];
		if (a !== b) console.log(`answers differ in size: ${path} ${a} bytes (A) against ${b} (B)`);
	}
	const ratio = (b: number, a: number) => (a > 0 ? (b / a).toFixed(2) : '—');
	console.log(
		`pair: A p50 ${pct(ms.A, 50).toFixed(2)} ms, B p50 ${pct(ms.B, 50).toFixed(2)} ms; B/A p50 ${ratio(pct(ms.B, 50), pct(ms.A, 50))}, cpu ${ratio(cpu.B, cpu.A)}`
	);
	await stopAll();
} catch (e) {
	await stopAll();
	fail((e as Error).message);
}
