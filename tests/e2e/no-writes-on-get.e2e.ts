// Reading never writes: every GET route of the tree, as every role, leaves certificates and the audit log as they
// were. The trainee is given the finished work of the demo trainee who is one lesson short of Level 1 (rows copied
// into the database, so no evidence-change event ran) plus that last course, so pages read real evidence.
import { test, expect, request as playwrightRequest } from '@playwright/test';
import Database from 'better-sqlite3';
import { databasePath } from '../../playwright.config';
import { ROUTE_MATRIX, type Visitor } from '../route-matrix';
import { account, createAccount } from './fixtures';
import { CERT_DEMO_TRAINEES } from '../../src/lib/server/certification/demo-trainees';

const RUN = Date.now().toString(36);
const PASSWORD = 'No-writes-2026!';

test('no GET page writes a certificate or an audit row, for any role', async ({ baseURL }) => {
	test.setTimeout(120_000);
	const people: Record<Exclude<Visitor, 'anon'>, { email: string; id: number }> = {
		trainee: { email: `nw-trainee-${RUN}@test.example`, id: 0 },
		trainer: { email: `nw-trainer-${RUN}@test.example`, id: 0 },
		admin: { email: `nw-admin-${RUN}@test.example`, id: 0 }
	};
	for (const [role, p] of Object.entries(people) as [Exclude<Visitor, 'anon'>, { email: string; id: number }][]) {
		p.id = await createAccount(baseURL!, { email: p.email, name: `No Writes ${role}`, password: PASSWORD, role, cohort: role === 'trainee' ? 'North team' : undefined });
	}

	// Copy the evidence of the demo trainee who is one lesson short of Level 1, and complete that last course too.
	const db = new Database(databasePath);
	db.pragma('busy_timeout = 5000');
	const source = (db.prepare('select id from users where email = ?').get(account(CERT_DEMO_TRAINEES.ready).email) as { id: number }).id;
	const me = people.trainee.id;
	db.transaction(() => {
		const cols = (t: string) => (db.prepare(`pragma table_info(${t})`).all() as { name: string }[]).map((c) => c.name);
		const copy = (table: string, extra: Record<string, string> = {}) => {
			const names = cols(table).filter((c) => c !== 'id' || table === 'calls');
			const select = names.map((c) => (c === 'user_id' ? String(me) : (extra[c] ?? c))).join(', ');
			db.prepare(`insert into ${table} (${names.join(', ')}) select ${select} from ${table} where user_id = ?`).run(source);
		};
		copy('calls', { id: "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))" });
		copy('quiz_attempts');
		copy('lesson_reads');
		copy('course_completions');
		db.prepare(
			'insert or ignore into course_completions (user_id, course_id, version_id, completed_at) select ?, c.id, v.id, ? from courses c join course_versions v on v.course_id = c.id where c.slug = ? order by v.id desc limit 1'
		).run(me, Date.now(), 'telephone-etiquette');
	})();
	const ids = Object.values(people).map((p) => p.id);
	const marks = () => ({
		certificates: (db.prepare(`select count(*) as n from certificates where user_id in (${ids.join(',')})`).get() as { n: number }).n,
		audit: (
			db
				.prepare(
					`select count(*) as n from audit_log where actor_id in (${ids.join(',')}) or json_extract("after", '$.userId') in (${ids.join(',')}) or entity_id in (${ids.map((i) => `'${i}'`).join(',')})`
				)
				.get() as { n: number }
		).n
	});

	const reevaluatedSince = (t: number) =>
		(db.prepare(`select count(*) as n from audit_log where action = 'certification.reevaluate' and at >= ?`).get(t) as { n: number }).n > 0;
	const testStarted = Date.now();
	const visited: string[] = [];
	const before = marks();
	for (const [role, p] of Object.entries(people) as [Exclude<Visitor, 'anon'>, { email: string; id: number }][]) {
		const ctx = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': `127.0.0.${ids.indexOf(p.id) + 30}` } });
		const login = await ctx.post('/login', { form: { email: p.email, password: PASSWORD }, headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 });
		expect(login.status(), `sign in as ${role}`).toBe(303);
		const pages = [
			...Object.values(ROUTE_MATRIX)
				.filter((c) => (c.method ?? 'GET') === 'GET' && c.path !== '/logout')
				.map((c) => c.path),
			`/trainer/trainees/${me}/report`,
			`/admin/users/${me}`
		];
		// Another spec saving a programme starts a background re-evaluation of every trainee, which may rightly issue
		// this trainee's certificate while the pages are read. Such a pass ends with a `certification.reevaluate` audit
		// row; a round during which one ended proves nothing and is read again (a GET write would show every round).
		for (let round = 1; ; round++) {
			const signedIn = marks(); // signing in may be audited; reading afterwards must not be
			const started = Date.now();
			for (const path of pages) {
				const res = await ctx.get(path, { maxRedirects: 0 });
				expect(res.status(), `${path} as ${role}`).toBeLessThan(500);
				visited.push(`${role} ${path}`);
			}
			const after = marks();
			if (round < 3 && JSON.stringify(after) !== JSON.stringify(signedIn)) {
				await new Promise((r) => setTimeout(r, 5_000));
				if (reevaluatedSince(started)) continue;
			}
			expect(after, `after every page as ${role}`).toEqual(signedIn);
			break;
		}
		await ctx.dispose();
	}
	expect(visited.length).toBeGreaterThan(60);
	if (!reevaluatedSince(testStarted)) expect(marks().certificates).toBe(before.certificates);
	expect(before.certificates).toBe(0);
	db.close();
});
