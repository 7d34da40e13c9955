// `npm run seed:scale -- --db PATH [--trainees N] [--cohorts N] [--trainers N] [--calls-per-trainee N] [--force]`
//
// Generates a large, deterministic organisation for bench:scale. How: the built app (npm run build first) is
// started once on the empty database, so the schema, the shipped content, the demo accounts and the demo work
// (calls played through the real call service and scored by the real scorer; quizzes answered through the
// courses module) are written by the app itself. Those rows are the templates: every generated trainee gets
// copies of real scored calls (call row with score, section scores, totals and KPIs, the whole event timeline and
// the CRM record), of a demo trainee's lesson reads, quiz attempts and course completions, plus certificates in
// every state with their audit rows. Copies are bulk inserts of exactly the rows the app wrote, with new ids,
// owners and times; a seeded PRNG picks everything, so the same arguments give the same database.
// Refuses a database that already has users unless --force (which deletes it first).
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { waitUntilHealthy } from '../bench/lib/healthy';
import { REBUILD_CALL_STATS_SQL, REBUILD_SCENARIO_STATS_SQL } from '../src/lib/server/calls/stats-sql';

const args = process.argv.slice(2);
function opt(name: string, fallback: number): number {
	const i = args.indexOf(`--${name}`);
	if (i < 0) return fallback;
	const v = Number(args[i + 1]);
	if (!Number.isInteger(v) || v < 0) fail(`--${name} needs a whole number, got "${args[i + 1] ?? ''}"`);
	return v;
}
function fail(message: string): never {
	console.error(`seed:scale: ${message}`);
	process.exit(2);
}
const dbArg = args[args.indexOf('--db') + 1];
if (!args.includes('--db') || !dbArg) fail('usage: npm run seed:scale -- --db PATH [--trainees N] [--cohorts N] [--trainers N] [--calls-per-trainee N] [--force]');
const DB_PATH = resolve(dbArg);
const TRAINEES = opt('trainees', 2000);
const COHORTS = Math.max(1, opt('cohorts', 40));
const TRAINERS = Math.max(1, opt('trainers', 20));
const CALLS = opt('calls-per-trainee', 50);
const PORT = opt('port', Number(process.env.SEED_PORT ?? 4252));
const FORCE = args.includes('--force');

if (existsSync(DB_PATH)) {
	let users = 0;
	try {
		const probe = new Database(DB_PATH, { readonly: true, fileMustExist: true });
		const has = probe.prepare("select 1 from sqlite_master where type = 'table' and name = 'users'").get();
		users = has ? (probe.prepare('select count(*) as n from users').get() as { n: number }).n : 0;
		const tables = (probe.prepare("select count(*) as n from sqlite_master where type = 'table'").get() as { n: number }).n;
		if (tables > 0 && users === 0) users = tables; // any schema at all counts as "not empty"
		probe.close();
	} catch (e) {
		fail(`${DB_PATH} exists and is not a readable SQLite database (${(e as Error).message}); use another path`);
	}
	if (users > 0 && !FORCE) fail(`${DB_PATH} is not empty; pass --force to delete it and seed a new organisation`);
	for (const suffix of ['', '-wal', '-shm']) rmSync(DB_PATH + suffix, { force: true });
}

// 1. The app writes the schema, content, demo accounts and demo work (the templates).
const started = Date.now();
async function bootApp(): Promise<void> {
	if (!existsSync('build/index.js')) fail('build/index.js is missing: run npm run build first');
	const base = `http://localhost:${PORT}`;
	const server = spawn(process.execPath, ['build/index.js'], {
		env: { ...process.env, PORT: String(PORT), DATABASE_PATH: DB_PATH, ORIGIN: base, NODE_ENV: 'production' },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const exited = new Promise<void>((r) => server.on('exit', () => r()));
	try {
		await waitUntilHealthy(base).catch((e: Error) => fail(e.message));
	} finally {
		server.kill('SIGTERM');
		await exited;
	}
}
await bootApp();
console.log(`app wrote schema, content and demo work in ${((Date.now() - started) / 1000).toFixed(1)} s`);

// 2. Bulk copies of the templates.
const sqlite = new Database(DB_PATH);
sqlite.pragma('journal_mode = WAL');
sqlite.pragma('synchronous = OFF');
sqlite.pragma('foreign_keys = ON');

let state = 0x2f6b_1a3d;
const rand = () => {
	state = (state + 0x6d2b79f5) | 0;
	let t = Math.imul(state ^ (state >>> 15), 1 | state);
	t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(rand() * 4)]}${hex(3)}-${hex(12)}`;
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const code = () => Array.from({ length: 32 }, () => B32[Math.floor(rand() * 32)]).join('');

const DAY = 86_400_000;
const today = new Date();
today.setUTCHours(0, 0, 0, 0);
const NOW = today.getTime();

type Row = Record<string, unknown>;
const all = (sql: string, ...p: unknown[]) => sqlite.prepare(sql).all(...p) as Row[];
function inserter(table: string, columns: string[]) {
	const stmt = sqlite.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
	return (row: Row) => stmt.run(...columns.map((c) => row[c] as never)).lastInsertRowid as number;
}
const columnsOf = (table: string) => (all(`pragma table_info(${table})`) as { name: string }[]).map((c) => c.name);

const templateCalls = all("select * from calls where state = 'completed' and score is not null order by created_at");
if (templateCalls.length === 0) fail('the demo work wrote no completed calls to copy');
const templateEvents = new Map<string, Row[]>();
const templateCrm = new Map<string, Row | undefined>();
// the words behind each trainee line's tone, found when the app completed the template (the copy has the same lines)
const templateToneWords = new Map<string, Row | undefined>();
for (const c of templateCalls) {
	templateEvents.set(c.id as string, all('select * from call_events where call_id = ? order by seq', c.id));
	templateCrm.set(c.id as string, all('select * from call_crm_records where call_id = ?', c.id)[0]);
	templateToneWords.set(c.id as string, all('select * from call_tone_words where call_id = ?', c.id)[0]);
}
const traineeHash = (all("select password_hash from users where email = 'bea@callcraft.demo'")[0]?.password_hash ?? fail('demo trainee missing')) as string;
const trainerHash = (all("select password_hash from users where email = 'priya@callcraft.demo'")[0]?.password_hash ?? fail('demo trainer missing')) as string;
// The demo trainee with the most course work is the template for course progress.
const courseTemplate = all('select user_id, count(*) as n from quiz_attempts group by user_id order by n desc, user_id limit 1')[0]?.user_id as number | undefined;
const tplReads = courseTemplate ? all('select * from lesson_reads where user_id = ?', courseTemplate) : [];
const tplAttempts = courseTemplate ? all('select * from quiz_attempts where user_id = ?', courseTemplate) : [];
const tplCompletions = courseTemplate ? all('select * from course_completions where user_id = ?', courseTemplate) : [];
const tplPositions = courseTemplate ? all('select * from course_positions where user_id = ?', courseTemplate) : [];
const programmes = all('select id, title, version from cert_programmes order by id');
const adminId = all("select id from users where email = 'admin@callcraft.demo'")[0]?.id as number;

const ins = {
	user: inserter('users', ['email', 'name', 'password_hash', 'active', 'must_change_password', 'cohort_id', 'created_at']),
	role: inserter('user_roles', ['user_id', 'role']),
	cohort: inserter('cohorts', ['name', 'trainer_id', 'created_at']),
	call: inserter('calls', columnsOf('calls')),
	event: inserter('call_events', columnsOf('call_events').filter((c) => c !== 'id')),
	crm: inserter('call_crm_records', columnsOf('call_crm_records')),
	toneWords: inserter('call_tone_words', columnsOf('call_tone_words')),
	read: inserter('lesson_reads', columnsOf('lesson_reads').filter((c) => c !== 'id')),
	attempt: inserter('quiz_attempts', columnsOf('quiz_attempts').filter((c) => c !== 'id')),
	completion: inserter('course_completions', columnsOf('course_completions')),
	position: inserter('course_positions', columnsOf('course_positions')),
	cert: inserter('certificates', ['code', 'user_id', 'programme_id', 'cycle', 'programme_version', 'holder_name', 'programme_title', 'issued_at', 'expires_at', 'revoked_at', 'revoked_reason', 'revoked_by']),
	audit: inserter('audit_log', ['at', 'actor_id', 'action', 'entity_type', 'entity_id', 'before', 'after'])
};

const FIRST = ['Ada', 'Ben', 'Cleo', 'Dev', 'Emil', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jade', 'Kai', 'Lena', 'Milo', 'Nora', 'Omar', 'Pia', 'Quinn', 'Rosa', 'Sami', 'Tara'];
const LAST = ['Abbott', 'Berg', 'Costa', 'Dahl', 'Egan', 'Fischer', 'Greco', 'Holm', 'Ito', 'Jensen', 'Kowal', 'Lund', 'Moreno', 'Nagy', 'Ortiz', 'Park'];
const audit = (at: number, action: string, entityType: string, entityId: unknown, after: unknown) =>
	ins.audit({ at, actor_id: adminId ?? null, action, entity_type: entityType, entity_id: String(entityId), before: null, after: JSON.stringify(after) });

let callCount = 0;
let eventCount = 0;
const seedStart = Date.now();
sqlite.transaction(() => {
	const trainerIds: number[] = [];
	for (let i = 0; i < TRAINERS; i++) {
		const created = NOW - 200 * DAY;
		const id = ins.user({ email: `trainer${i + 1}@scale.test`, name: `${pick(FIRST)} ${pick(LAST)} (trainer ${i + 1})`, password_hash: trainerHash, active: 1, must_change_password: 0, cohort_id: null, created_at: created });
		ins.role({ user_id: id, role: 'trainer' });
		audit(created, 'user.create', 'user', id, { role: 'trainer' });
		trainerIds.push(id);
	}
	const cohortIds: number[] = [];
	for (let i = 0; i < COHORTS; i++) {
		const id = ins.cohort({ name: `Scale cohort ${String(i + 1).padStart(3, '0')}`, trainer_id: trainerIds[i % trainerIds.length], created_at: NOW - 190 * DAY });
		audit(NOW - 190 * DAY, 'cohort.create', 'cohort', id, { trainerId: trainerIds[i % trainerIds.length] });
		cohortIds.push(id);
	}
	for (let i = 0; i < TRAINEES; i++) {
		const created = NOW - 180 * DAY + Math.floor(rand() * 30) * DAY;
		const name = `${pick(FIRST)} ${pick(LAST)} ${i + 1}`;
		const userId = ins.user({ email: `trainee${i + 1}@scale.test`, name, password_hash: traineeHash, active: rand() < 0.98 ? 1 : 0, must_change_password: 0, cohort_id: cohortIds[i % cohortIds.length], created_at: created });
		ins.role({ user_id: userId, role: 'trainee' });
		audit(created, 'user.create', 'user', userId, { role: 'trainee', cohortId: cohortIds[i % cohortIds.length] });

		// Course work: most trainees did everything the template trainee did, some only part of it.
		const share = rand() < 0.7 ? 1 : rand();
		const shift = created + 5 * DAY - NOW;
		const keep = (rows: Row[]) => rows.slice(0, Math.ceil(rows.length * share));
		for (const r of keep(tplReads)) ins.read({ ...r, user_id: userId, read_at: (r.read_at as number) + shift });
		for (const r of keep(tplAttempts)) ins.attempt({ ...r, user_id: userId, created_at: (r.created_at as number) + shift });
		if (share === 1) for (const r of tplCompletions) ins.completion({ ...r, user_id: userId, completed_at: (r.completed_at as number) + shift });
		for (const r of tplPositions) ins.position({ ...r, user_id: userId, updated_at: (r.updated_at as number) + shift });

		// Calls: copies of real scored calls, spread over the trainee's months.
		for (let k = 0; k < CALLS; k++) {
			const tpl = pick(templateCalls);
			const id = uuid();
			const at = created + 6 * DAY + Math.floor(((k + rand()) / Math.max(1, CALLS)) * 150 * DAY);
			const move = (v: unknown) => (v == null ? null : (v as number) - (tpl.created_at as number) + at);
			// (the template's comments are not copied, so neither is their count)
			ins.call({ ...tpl, id, user_id: userId, comments: 0, created_at: at, started_at: move(tpl.started_at), ended_at: move(tpl.ended_at), acw_ended_at: move(tpl.acw_ended_at) });
			for (const e of templateEvents.get(tpl.id as string)!) {
				ins.event({ ...e, call_id: id, created_at: move(e.created_at), client_id: e.client_id == null ? null : `${id}:${e.seq}` });
				eventCount++;
			}
			const crm = templateCrm.get(tpl.id as string);
			if (crm) ins.crm({ ...crm, call_id: id, updated_at: move(crm.updated_at) });
			const words = templateToneWords.get(tpl.id as string);
			if (words) ins.toneWords({ ...words, call_id: id });
			callCount++;
		}

		// Certificates in every state: valid, expiring soon, expired, revoked (and none for the rest).
		if (programmes.length && share === 1) {
			const p = programmes[i % programmes.length];
			const kind = pick(['valid', 'valid', 'expiring', 'expired', 'revoked', 'none'] as const);
			if (kind !== 'none') {
				const issued = kind === 'expired' ? NOW - 400 * DAY : NOW - Math.floor(rand() * 100) * DAY;
				const expires = kind === 'expiring' ? NOW + 10 * DAY : kind === 'expired' ? NOW - 35 * DAY : issued + 365 * DAY;
				const certId = ins.cert({ code: code(), user_id: userId, programme_id: p.id, cycle: 1, programme_version: p.version, holder_name: name, programme_title: p.title, issued_at: issued, expires_at: expires, revoked_at: kind === 'revoked' ? issued + 20 * DAY : null, revoked_reason: kind === 'revoked' ? 'Issued in error (scale seed)' : null, revoked_by: kind === 'revoked' ? adminId : null });
				audit(issued, 'certificate.issue', 'certificate', certId, { userId, programme: p.title, cycle: 1 });
				if (kind === 'revoked') audit(issued + 20 * DAY, 'certificate.revoke', 'certificate', certId, { reason: 'Issued in error (scale seed)' });
			}
		}
		if ((i + 1) % 250 === 0) process.stdout.write(`  ${i + 1}/${TRAINEES} trainees, ${callCount} calls\r`);
	}
})();
// The per-trainee aggregates the app keeps on every write, rebuilt once for the bulk-inserted calls.
sqlite.exec(REBUILD_CALL_STATS_SQL);
sqlite.exec(REBUILD_SCENARIO_STATS_SQL);
sqlite.pragma('wal_checkpoint(TRUNCATE)');
sqlite.exec('analyze');
sqlite.close();
console.log(
	`seeded ${TRAINEES} trainees in ${COHORTS} cohorts with ${TRAINERS} trainers, ${callCount} calls (${eventCount} events) from ${templateCalls.length} scored template calls in ${((Date.now() - seedStart) / 1000).toFixed(1)} s; total ${((Date.now() - started) / 1000).toFixed(1)} s → ${DB_PATH}`
);
