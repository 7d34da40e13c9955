// Reminder job at scale: 10,000 trainees with an assignment due tomorrow → 10,000 "due in 2 days" notifications,
// each with an e-mail, made and sent by the app's own scheduled job to a real SMTP sink (smtp-server) in this
// process. Prints how long until all 10,000 e-mails were delivered (goal ≤ 60 s), and a trainee's home page latency
// before and while the job runs (goal: ≤ 10 % slower). Needs `npm run build` first.
// Usage: npm run bench:reminders [-- trainees]   (BENCH_BUILD=<dir> measures another build, e.g. an older commit's)
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { hash } from '@node-rs/argon2';
import { SMTPServer } from 'smtp-server';
import { waitUntilHealthy } from './lib/healthy';

const N = Number(process.argv[2] ?? 10_000);
const PORT = 4190 + Math.floor(Math.random() * 9);
const base = `http://localhost:${PORT}`;
const dbPath = join(mkdtempSync(join(tmpdir(), 'callcraft-reminders-')), 'bench.db');
const DAY = 86_400_000;

// The organisation: one cohort of N trainees (one of them can sign in), written straight into a migrated database.
const sqlite = new Database(dbPath);
sqlite.pragma('journal_mode = WAL');
migrate(drizzle(sqlite), { migrationsFolder: resolve('drizzle') });
const now = Date.now();
const cohortId = Number(sqlite.prepare(`insert into cohorts (name, created_at) values ('Bench cohort', ?)`).run(now).lastInsertRowid);
const password = 'Bench-trainee-2026';
const realHash = await hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
const addUser = sqlite.prepare(`insert into users (email, name, password_hash, cohort_id, created_at) values (?, ?, ?, ?, ?)`);
const addRole = sqlite.prepare(`insert into user_roles (user_id, role) values (?, 'trainee')`);
sqlite.transaction(() => {
	for (let i = 0; i < N; i++) {
		const id = addUser.run(`t${i}@bench.test`, `Trainee ${i}`, i === 0 ? realHash : 'x', cohortId, now).lastInsertRowid;
		addRole.run(id);
	}
})();

// The SMTP sink.
let delivered = 0;
let lastAt = 0;
const sink = new SMTPServer({
	authOptional: true,
	disabledCommands: ['STARTTLS'],
	logger: false,
	onData(stream, _session, callback) {
		stream.on('data', () => {});
		stream.on('end', () => {
			delivered++;
			lastAt = Date.now();
			callback();
		});
	}
});
await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
const smtpPort = (sink.server.address() as AddressInfo).port;

const server = spawn(process.execPath, [join(process.env.BENCH_BUILD ?? 'build', 'index.js')], {
	env: {
		...process.env,
		PORT: String(PORT),
		DATABASE_PATH: dbPath,
		SEED_DEMO: 'false',
		ORIGIN: base,
		NODE_ENV: 'production',
		SPEECH_DISABLED: '1',
		SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
		NOTIFY_INTERVAL_MS: '1000',
		// Measure the job's effect on pages, not load shedding (this machine is shared and often saturated).
		SHED_LAG_MS: '0'
	},
	stdio: ['ignore', 'ignore', 'inherit']
});
process.on('exit', () => server.kill());
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
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

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
while (delivered < N && Date.now() - start < 180_000) {
	during.push(await page());
	if (!madeAt && (countNotifications.get() as { n: number }).n >= N) madeAt = Date.now();
}
const doneAt = lastAt;
const sent = (sqlite.prepare(`select count(*) as n from email_outbox where state = 'sent'`).get() as { n: number }).n;
server.kill();
sink.close();
sqlite.close();

const line = (name: string, xs: number[]) =>
	`${name.padEnd(24)} n=${String(xs.length).padStart(4)}  median ${q(xs, 0.5).toFixed(1)} ms  p95 ${q(xs, 0.95).toFixed(1)} ms`;
console.log(`Reminder job: ${N} trainees, one assignment due tomorrow, SMTP sink in this process`);
console.log(`in-app notifications made: ${madeAt ? `${((madeAt - start) / 1000).toFixed(1)} s` : 'not all'} after the assignment appeared (job every 1 s)`);
console.log(`e-mails delivered: ${delivered} (outbox rows sent: ${sent}) in ${((doneAt - start) / 1000).toFixed(1)} s (goal ≤ 60 s)`);
console.log(line('home page before', before));
console.log(line('home page while sending', during));
console.log(`slowdown while the job runs: median ×${(q(during, 0.5) / q(before, 0.5)).toFixed(2)}, p95 ×${(q(during, 0.95) / q(before, 0.95)).toFixed(2)} (goal ≤ ×1.10)`);
process.exit(delivered === N ? 0 : 1);
