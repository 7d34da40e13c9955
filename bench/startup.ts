// Cold start of the built server: time from process launch to a healthy /healthz, on a new database (migrations,
// content import, demo seed) and again on the same database; resident memory after start; sign-in page latency.
// Run `npm run build` first.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PORT = 4391;
const base = `http://localhost:${PORT}`;

async function start(dbPath: string) {
	const t0 = performance.now();
	const child = spawn(process.execPath, ['build/index.js'], {
		env: { ...process.env, PORT: String(PORT), ORIGIN: base, DATABASE_PATH: dbPath, NODE_ENV: 'production' },
		stdio: 'ignore'
	});
	for (;;) {
		try {
			if ((await fetch(`${base}/healthz`)).ok) break;
		} catch {
			/* not up yet */
		}
		if (performance.now() - t0 > 120_000) throw new Error('server did not start in 120 s');
		await new Promise((r) => setTimeout(r, 20));
	}
	return { child, ms: performance.now() - t0 };
}

function rssMb(pid: number): number {
	const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return m ? Number(m[1]) / 1024 : NaN;
}

function stop(child: ReturnType<typeof spawn>) {
	return new Promise<void>((resolve) => {
		child.once('exit', () => resolve());
		child.kill('SIGTERM');
	});
}

if (!existsSync('build/index.js')) {
	console.error('No build/ — run `npm run build` first.');
	process.exit(1);
}
const db = join(mkdtempSync(join(tmpdir(), 'callcraft-bench-')), 'bench.db');
const first = await start(db);
const rss = rssMb(first.child.pid!);
const times: number[] = [];
for (let i = 0; i < 50; i++) {
	const t = performance.now();
	await (await fetch(`${base}/login`)).text();
	times.push(performance.now() - t);
}
await stop(first.child);
const second = await start(db);
await stop(second.child);
times.sort((a, b) => a - b);
console.log(`cold start, new database (migrate + import + seed): ${first.ms.toFixed(0)} ms`);
console.log(`cold start, existing database:                      ${second.ms.toFixed(0)} ms`);
console.log(`RSS after start:                                    ${rss.toFixed(0)} MB`);
console.log(`GET /login over 50 requests: p50 ${times[25].toFixed(1)} ms, p95 ${times[47].toFixed(1)} ms`);
