// Does a pathological lesson stall the server? Starts a built CallCraft on a fresh database, signs in as the demo
// admin and sends the editor's draft preview of a 400 kB lesson of `*a` repeated (issue #19: 200k characters used to
// take 6 s of the one Node thread) while /healthz is polled every 20 ms. Prints the draft request's status and time
// and how late /healthz answered meanwhile, against the same poll with nothing else going on.
// Run: npm run build && npm run bench:markdown [-- --build DIR] [-- --port N]
// Before/after: build the old commit into another folder and pass it with --build (docs/api.md has the figures).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { waitUntilHealthy } from './lib/healthy';

const arg = (name: string, fallback: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const BUILD = resolve(arg('build', process.env.CALLCRAFT_BUILD_DIR ?? 'build'));
const PORT = Number(arg('port', process.env.BENCH_PORT ?? '4239'));
const base = `http://127.0.0.1:${PORT}`;
const dir = mkdtempSync(join(tmpdir(), 'callcraft-bench-md-'));

const server = spawn(process.execPath, [`${BUILD}/index.js`], {
	stdio: ['ignore', 'ignore', 'inherit'],
	env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATABASE_PATH: join(dir, 'bench.db'), ORIGIN: base, NODE_ENV: 'production', MODELS_DIR: resolve(process.env.MODELS_DIR ?? '../shared/models') }
});
let exited = false;
server.on('exit', () => (exited = true));
async function stop() {
	server.kill('SIGTERM');
	for (let i = 0; i < 50 && !exited; i++) await new Promise((r) => setTimeout(r, 100));
	// adapter-node waits for open keep-alive connections before it exits; do not wait for that
	if (!exited) server.kill('SIGKILL');
	rmSync(dir, { recursive: true, force: true });
}

async function healthzLatencies(whileRunning: Promise<unknown>): Promise<number[]> {
	const out: number[] = [];
	let done = false;
	void whileRunning.finally(() => (done = true));
	while (!done) {
		const t0 = performance.now();
		// a new connection each time: a blocked server drops idle keep-alive sockets once it runs again
		const ok = await fetch(`${base}/healthz`, { headers: { connection: 'close' } }).then((r) => r.arrayBuffer().then(() => r.ok), () => false);
		out.push(ok ? performance.now() - t0 : Infinity);
		await new Promise((r) => setTimeout(r, 20));
	}
	return out;
}

const stats = (ms: number[]) => {
	const s = [...ms].sort((a, b) => a - b);
	const p = (q: number) => s[Math.min(s.length - 1, Math.floor(s.length * q))].toFixed(1);
	const failed = s.filter((x) => x === Infinity).length;
	if (failed) return `n=${s.length} of which ${failed} failed`;
	return `n=${s.length} median ${p(0.5)} ms  p95 ${p(0.95)} ms  max ${s.at(-1)!.toFixed(1)} ms`;
};

try {
	await waitUntilHealthy(base);
	if (exited) throw new Error(`the server exited at start-up (is port ${PORT} in use?)`);
	let login: Response;
	// the demo organisation is seeded in the background after start-up: wait while sign-in answers 503
	for (let tries = 0; ; tries++) {
		login = await fetch(`${base}/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: base },
			body: new URLSearchParams({ email: 'admin@callcraft.demo', password: 'Admin-demo-2026' }),
			redirect: 'manual'
		});
		if (login.status !== 503 || tries > 120) break;
		await new Promise((r) => setTimeout(r, 500));
	}
	const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
	if (login.status !== 303 || !cookie) throw new Error(`sign-in failed (${login.status})`);

	// the demo organisation is seeded after start-up: wait until /healthz answers quickly ten times in a row
	for (let quick = 0, tries = 0; quick < 10 && tries < 600; tries++) {
		const t0 = performance.now();
		await fetch(`${base}/healthz`).then((r) => r.arrayBuffer());
		quick = performance.now() - t0 < 20 ? quick + 1 : 0;
		await new Promise((r) => setTimeout(r, 100));
	}
	const idle = await healthzLatencies(new Promise((r) => setTimeout(r, 1500)));
	console.log(`build ${BUILD}`);
	console.log(`/healthz, nothing else running:              ${stats(idle)}`);

	const body = '*a'.repeat(199_950);
	for (const save of [false, true]) {
		const t0 = performance.now();
		const request = fetch(`${base}/trainer/courses/working-in-the-crm/draft`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: base, cookie },
			body: JSON.stringify({ file: 'course', fields: { title: 'Working in the CRM' }, body, save })
		}).then(async (r) => ({ status: r.status, ms: performance.now() - t0, text: await r.text() }));
		const during = await healthzLatencies(request);
		const { status, ms, text } = await request;
		const answer = status === 200 ? (/"limit":"(\w+)"/.exec(text)?.[1] ?? 'rendered') : (/"code":"(\w+)"/.exec(text)?.[1] ?? '');
		console.log(`draft ${save ? 'save' : 'preview'} of ${body.length.toLocaleString('en-GB')} chars: ${status} ${answer} after ${ms.toFixed(0)} ms`);
		console.log(`/healthz meanwhile:                          ${stats(during)}`);
	}
} finally {
	await stop();
}
