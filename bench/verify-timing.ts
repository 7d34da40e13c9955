// Measures whether the public verify page answers an unknown code measurably faster or slower than
// a real one: builds nothing, starts the built app (npm run build first) on a temp database with
// one certificate, then alternates GET /verify/<real> and GET /verify/<unknown> and prints the
// latency distributions. Usage: npm run bench:verify [-- requests]
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { users } from '../src/lib/server/db/schema/users';
import { certificates, programmes } from '../src/lib/server/db/schema/certification';
import { newCertificateCode } from '../src/lib/server/certification/codes';
import { DEMO_PROGRAMMES } from '../src/lib/server/certification/demo-programmes';

const N = Number(process.argv[2] ?? 400);
const PORT = 4190 + Math.floor(Math.random() * 9);
const dbPath = join(mkdtempSync(join(tmpdir(), 'callcraft-bench-')), 'bench.db');

const sqlite = new Database(dbPath);
const db = drizzle(sqlite);
migrate(db, { migrationsFolder: resolve('drizzle') });
const now = new Date();
const userId = db.insert(users).values({ email: 'holder@bench.test', name: 'Bench Holder', passwordHash: 'x', createdAt: now }).returning().get().id;
const programmeId = db.insert(programmes).values({ ...DEMO_PROGRAMMES[0], createdAt: now, updatedAt: now }).returning().get().id;
const code = newCertificateCode();
db.insert(certificates)
	.values({ code, userId, programmeId, cycle: 1, programmeVersion: 1, holderName: 'Bench Holder', programmeTitle: DEMO_PROGRAMMES[0].title, issuedAt: now, expiresAt: null })
	.run();
sqlite.close();

const server = spawn(process.execPath, ['build/index.js'], {
	env: { ...process.env, PORT: String(PORT), DATABASE_PATH: dbPath, SEED_DEMO: 'false', ORIGIN: `http://localhost:${PORT}`, NODE_ENV: 'production' },
	stdio: ['ignore', 'ignore', 'inherit']
});
const base = `http://localhost:${PORT}`;
for (let i = 0; ; i++) {
	try {
		if ((await fetch(`${base}/healthz`)).ok) break;
	} catch {
		/* not up yet */
	}
	if (i > 100) throw new Error('server did not start');
	await new Promise((r) => setTimeout(r, 100));
}

async function time(path: string, expect: number): Promise<number> {
	const t0 = process.hrtime.bigint();
	const res = await fetch(base + path);
	await res.arrayBuffer();
	const ms = Number(process.hrtime.bigint() - t0) / 1e6;
	if (res.status !== expect) throw new Error(`${path}: ${res.status}`);
	return ms;
}

const hit: number[] = [];
const miss: number[] = [];
for (let i = 0; i < 30; i++) await time(`/verify/${code}`, 200); // warm-up
for (let i = 0; i < N; i++) {
	hit.push(await time(`/verify/${code}`, 200));
	miss.push(await time(`/verify/${newCertificateCode()}`, 404));
}
server.kill();

const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const line = (name: string, xs: number[]) =>
	`${name.padEnd(14)} median ${q(xs, 0.5).toFixed(2)} ms   p10 ${q(xs, 0.1).toFixed(2)}   p90 ${q(xs, 0.9).toFixed(2)}   p99 ${q(xs, 0.99).toFixed(2)}`;
console.log(`GET /verify/<code>, ${N} requests each, alternating, one client`);
console.log(line('existing code', hit));
console.log(line('unknown code', miss));
console.log(`median difference (unknown − existing): ${(q(miss, 0.5) - q(hit, 0.5)).toFixed(2)} ms`);
