// The admin and trainer home pages a page of cohorts at a time: the SQL aggregates give the figures the old
// whole-organisation computation gave (a reference over every row, in the test), and every statement the pages run
// reads by index: EXPLAIN QUERY PLAN of each recorded statement, with its own parameters.
import { describe, expect, it } from 'vitest';
import { db, sqlite } from '$lib/server/db';
import { recordStatements } from '$lib/server/db/record-statements';
import { certificates } from '$lib/server/db/schema/certification';
import { traineeMonthStats } from '$lib/server/db/schema/targets';
import { userRoles, users } from '$lib/server/db/schema/users';
import { countCohorts, createCohort, createUser, listCohorts, listUsers, setUserActive } from '$lib/server/db/queries/users';
import { isInForceStatus, type CertificateStatus } from '$lib/domain/certification/status';
import { withStatus } from './certificates';
import { ADMIN_COHORTS_PER_PAGE, TRAINER_COHORTS_PER_PAGE, adminDashboard, nextStatusChange, trainerDashboard } from './dashboards';
import { MATRIX_ROWS_PER_PAGE } from '$lib/domain/certification/matrix';
import { listProgrammes } from './programmes';
import { seedDemoProgrammes } from './seed';
import { newCertificateCode } from './codes';
import { eq, sql } from 'drizzle-orm';
import Database from 'better-sqlite3';
import { certificateUpdates, retrainingNotes } from '$lib/server/db/schema/retraining';
import { EXPIRING_SOON_DAYS } from '$lib/domain/certification/status';

const NOW = new Date('2026-06-15T12:00:00Z');
const DAY = 86_400_000;

seedDemoProgrammes(NOW);
const programmes = listProgrammes();
const trainer = await createUser({ email: 'lead@home.test', name: 'Lead Trainer', password: 'x-password-1', roles: ['trainer'] });
const other = await createUser({ email: 'other@home.test', name: 'Other Trainer', password: 'x-password-1', roles: ['trainer'] });
// 13 cohorts (two pages of the admin's list, three of the lead trainer's), two trainees each; three trainees
// without a cohort, one of them deactivated.
const cohortIds: number[] = [];
for (let i = 1; i <= 13; i++) cohortIds.push(createCohort(`Cohort ${String(i).padStart(2, '0')}`, i <= 11 ? trainer : other));
const trainees: number[] = [];
let n = 0;
for (const cohortId of [...cohortIds.flatMap((c) => [c, c]), null, null, null]) {
	n++;
	trainees.push(await createUser({ email: `t${n}@home.test`, name: `Trainee ${n}`, password: 'x-password-1', roles: ['trainee'], cohortId }));
}
setUserActive(trainees[trainees.length - 1], false);

// Certificates in every state, some with a second cycle (only the latest counts), spread over programmes.
const states: [issued: number, expires: number | null, revoked: boolean][] = [
	[-30, 335, false], // valid
	[-345, 20, false], // expiring
	[-340, 25, false], // expiring
	[-400, -35, false], // expired
	[-30, 335, true], // revoked
	[-10, null, false] // never expires
];
let k = 0;
for (const [i, userId] of trainees.entries()) {
	for (const [j, programme] of programmes.entries()) {
		if ((i + j) % 4 === 3) continue; // some trainees hold nothing in some programmes
		const cycles = (i + j) % 5 === 0 ? 2 : 1;
		for (let cycle = 1; cycle <= cycles; cycle++) {
			const [issued, expires, revoked] = states[k++ % states.length];
			db.insert(certificates)
				.values({
					code: newCertificateCode(),
					userId,
					programmeId: programme.id,
					cycle,
					programmeVersion: 1,
					holderName: `Trainee ${i + 1}`,
					programmeTitle: programme.title,
					issuedAt: new Date(NOW.getTime() + issued * DAY),
					expiresAt: expires === null ? null : new Date(NOW.getTime() + expires * DAY + i * 60_000),
					revokedAt: revoked ? new Date(NOW.getTime() - DAY) : null
				})
				.run();
		}
	}
}
db.insert(traineeMonthStats)
	.values(trainees.slice(0, 20).map((userId, i) => ({ userId, month: i % 3 ? '2026-06' : '2026-05', assessmentCalls: i % 4, accuracySum: 1, accuracyN: 1 })))
	.run();

/** The admin home's figures computed the old way: every active trainee and every latest certificate in memory. */
function reference(now = NOW) {
	const active = db
		.select({ id: users.id, cohortId: users.cohortId })
		.from(users)
		.innerJoin(userRoles, eq(userRoles.userId, users.id))
		.where(eq(userRoles.role, 'trainee'))
		.all()
		.filter((u) => db.select({ active: users.active }).from(users).where(eq(users.id, u.id)).get()!.active);
	const all = withStatus(db.select().from(certificates).all(), now); // status with any retraining lapse
	const latest = new Map<string, (typeof all)[number]>();
	for (const c of all) {
		const key = `${c.userId}:${c.programmeId}`;
		if ((latest.get(key)?.cycle ?? 0) < c.cycle) latest.set(key, c);
	}
	const byProgramme = programmes.map((p) => {
		const counts: Record<CertificateStatus | 'none', number> = { valid: 0, expiring: 0, lapsed: 0, expired: 0, revoked: 0, none: 0 };
		for (const t of active) {
			const c = latest.get(`${t.id}:${p.id}`);
			counts[c ? c.status : 'none']++;
		}
		return { slug: p.slug, title: p.title, counts };
	});
	const expiring = [...latest.values()].filter((c) => c.status === 'expiring').sort((a, b) => a.expiresAt!.getTime() - b.expiresAt!.getTime() || a.id - b.id);
	const month = new Map(db.select().from(traineeMonthStats).where(eq(traineeMonthStats.month, '2026-06')).all().map((r) => [r.userId, r]));
	const perCohort = [...listCohorts(), { id: 0, name: 'No cohort' }].map((cohort) => {
		const members = active.filter((t) => (t.cohortId ?? 0) === cohort.id);
		return {
			id: cohort.id,
			name: cohort.name,
			trainees: members.length,
			activeThisMonth: members.filter((m) => month.has(m.id)).length,
			assessmentCallsThisMonth: members.reduce((s, m) => s + (month.get(m.id)?.assessmentCalls ?? 0), 0),
			expiring: members.filter((m) => programmes.some((p) => latest.get(`${m.id}:${p.id}`)?.status === 'expiring')).length,
			programmes: programmes.map((p) => {
				const certified = members.filter((m) => isInForceStatus(latest.get(`${m.id}:${p.id}`)?.status ?? 'revoked')).length;
				return { slug: p.slug, title: p.title, certified, percent: members.length ? Math.round((certified * 100) / members.length) : 0 };
			})
		};
	});
	return { trainees: active.length, byProgramme, expiring, perCohort };
}

function planOf(s: { sql: string; params: unknown[] }): string {
	return (sqlite.prepare(`explain query plan ${s.sql}`).all(...s.params) as { detail: string }[]).map((r) => r.detail).join('\n');
}

describe('admin home, a page of cohorts at a time', () => {
	it('gives the same figures as the whole-organisation computation, and pages through every cohort then "No cohort"', () => {
		const ref = reference();
		const first = adminDashboard(NOW);
		expect(first.trainees).toBe(ref.trainees);
		expect(first.byProgramme).toEqual(ref.byProgramme);
		expect(first.expiringTotal).toBe(ref.expiring.length);
		expect(first.expiringSoon.map((c) => c.id)).toEqual(ref.expiring.slice(0, 10).map((c) => c.id));
		expect(ref.expiring.length).toBeGreaterThan(10); // the list is cut, the total says how many
		expect(first.cohortPageInfo).toMatchObject({ page: 1, pages: 2, total: 14 });
		expect(first.perCohort).toHaveLength(ADMIN_COHORTS_PER_PAGE);
		const second = adminDashboard(NOW, 2);
		const pages = [...first.perCohort, ...second.perCohort];
		expect(pages.map((c) => c.name)).toEqual([...cohortIds.map((_, i) => `Cohort ${String(i + 1).padStart(2, '0')}`), 'No cohort']);
		expect(pages).toEqual(ref.perCohort);
		expect(pages.at(-1)).toMatchObject({ name: 'No cohort', trainees: 2 }); // the deactivated one is not counted
		expect(adminDashboard(NOW, 99).cohortPageInfo.page).toBe(2); // past the end: the last page
	});

	it('reads every list on the page by index: cohorts by name, members by cohort, expiring by expiry, latest cycles by key', () => {
		const { statements } = recordStatements(() => adminDashboard(NOW, 2));
		const plans = statements.map((s) => ({ sql: s.sql, plan: planOf(s) }));
		const find = (re: RegExp) => plans.filter((p) => re.test(p.sql));
		// The page of cohorts walks the unique name index (no sort of every cohort); member counts by users_cohort_idx.
		const [cohortPage] = find(/from "cohorts".*limit \?/s);
		expect(cohortPage.plan).toMatch(/SCAN cohorts USING (COVERING )?INDEX cohorts_name_unique/);
		expect(cohortPage.plan).toMatch(/users_cohort_idx \(cohort_id=\?\)/);
		expect(cohortPage.plan).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
		// Expiring soon: one range of certificates_expires_idx, in order.
		for (const p of find(/"certificates"."expires_at" > \?/).filter((p) => !/"users"/.test(p.sql))) {
			expect(p.plan).toMatch(/SEARCH certificates USING INDEX certificates_expires_idx \(expires_at>\? AND expires_at<\?\)/);
			expect(p.plan).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
		}
		// Per-cohort figures: the page's members by cohort, their month rows and latest certificates by key.
		const perCohort = find(/coalesce\("users"."cohort_id", 0\)/);
		expect(perCohort.length).toBe(3);
		for (const p of perCohort) {
			expect(p.plan).toMatch(/SEARCH users USING (COVERING )?INDEX users_cohort_idx \(cohort_id=\?\)/);
			expect(p.plan).not.toMatch(/SCAN (users|certificates|trainee_month_stats)\b/);
			expect(p.plan).not.toMatch(/LIST SUBQUERY/); // no list of every trainee first
			expect(p.plan).toMatch(/SEARCH user_roles USING PRIMARY KEY \(user_id=\? AND role=\?\)|sqlite_autoindex_user_roles_1/);
		}
		expect(find(/trainee_month_stats/)[0].plan).toMatch(/SEARCH trainee_month_stats USING (PRIMARY KEY|INDEX sqlite_autoindex_trainee_month_stats_1) \(user_id=\? AND month=\?\)/);
		// Every latest-cycle test is one probe of the unique key.
		for (const p of find(/max\(c2.cycle\)/)) expect(p.plan).toMatch(/SEARCH c2 USING COVERING INDEX certificates_user_programme_cycle \(user_id=\? AND programme_id=\?\)/);
	});
});

describe('statements the same at every moment', () => {
	it('binds the time as a parameter, so each statement is compiled once and kept, not once per request', () => {
		const texts = (now: Date) => recordStatements(() => adminDashboard(now, 2)).statements.map((s) => s.sql);
		const a = texts(NOW);
		expect(a.some((sql) => /certificate_updates/.test(sql))).toBe(true); // the lapse test is among them
		expect(texts(new Date(NOW.getTime() + 3_600_123))).toEqual(a);
	});
});

describe('the organisation-wide figures, kept until what they read changes', () => {
	/** What the cached part shows, and the same from the whole-organisation reference. */
	const shown = (now: Date, page = 1) => {
		const d = adminDashboard(now, page);
		return { trainees: d.trainees, byProgramme: d.byProgramme, expiringTotal: d.expiringTotal, expiring: d.expiringSoon.map((c) => c.id) };
	};
	const expected = (now: Date) => {
		const r = reference(now);
		return { trainees: r.trainees, byProgramme: r.byProgramme, expiringTotal: r.expiring.length, expiring: r.expiring.slice(0, 10).map((c) => c.id) };
	};
	/** Kept = the very same object comes back; read again = a new one. */
	const kept = (now: Date, page = 1) => adminDashboard(now, page).byProgramme;

	it('names the next moment a status changes by time alone: the first expiry, or the first expiry less the window', () => {
		const expiries = db.select({ at: certificates.expiresAt }).from(certificates).all().flatMap((c) => (c.at ? [c.at.getTime()] : []));
		const window = EXPIRING_SOON_DAYS * DAY;
		const t = NOW.getTime();
		const first = Math.min(...expiries.filter((e) => e > t), ...expiries.filter((e) => e > t + window).map((e) => e - window));
		expect(nextStatusChange(NOW)).toBe(first);
		// just before it every status is what it was at NOW; the figures at that moment are a fresh read and right
		expect(expected(new Date(first - 1))).toEqual(expected(NOW));
		expect(shown(new Date(first))).toEqual(expected(new Date(first)));
	});

	it('comes back unread while nothing it reads is written and the clock stays before that moment', () => {
		const change = nextStatusChange(NOW);
		const a = kept(NOW);
		expect(kept(NOW, 2)).toBe(a); // another page of cohorts shares it
		expect(kept(new Date(change - 1))).toBe(a);
		expect(kept(new Date(change))).not.toBe(a); // the moment itself: read again
		expect(kept(new Date(NOW.getTime() - 1))).not.toBe(kept(new Date(change))); // the clock went back: read again
		// writes that do not touch what it reads
		const b = kept(NOW);
		db.update(users).set({ name: 'Renamed Trainee' }).where(eq(users.id, trainees[0])).run();
		db.insert(traineeMonthStats).values({ userId: trainees[1], month: '2026-04', assessmentCalls: 1, accuracySum: 1, accuracyN: 1 }).run();
		expect(kept(NOW)).toBe(b);
	});

	it('is read again, and right, after each kind of write it depends on', () => {
		const steps: [string, () => void][] = [
			['a certificate revoked', () => db.update(certificates).set({ revokedAt: new Date(NOW.getTime() - DAY) }).where(eq(certificates.userId, trainees[2])).run()],
			['a trainee deactivated', () => setUserActive(trainees[3], false)],
			['a trainee role removed', () => db.delete(userRoles).where(eq(userRoles.userId, trainees[4])).run()],
			[
				'a retraining update past its due date (lapsed)',
				() => {
					const note = db
						.insert(retrainingNotes)
						.values({ kind: 'course', refSlug: 'crm-basics', title: 'CRM basics', toVersion: 2, changes: [], lessons: [], createdAt: new Date(NOW.getTime() - 20 * DAY) })
						.returning({ id: retrainingNotes.id })
						.get();
					// trainee 6's latest certificate of some programme, in force
					const mine = db.select().from(certificates).where(eq(certificates.userId, trainees[5])).all();
					const latest = mine.filter((c) => !mine.some((o) => o.programmeId === c.programmeId && o.cycle > c.cycle));
					const cert = withStatus(latest, NOW).find((c) => isInForceStatus(c.status))!;
					expect(cert).toBeDefined();
					db.insert(certificateUpdates).values({ certificateId: cert.id, noteId: note.id, userId: trainees[5], dueAt: new Date(NOW.getTime() - DAY), createdAt: new Date(NOW.getTime() - 20 * DAY) }).run();
				}
			],
			[
				'another connection (another process) commits',
				() => {
					const other = new Database(process.env.DATABASE_PATH!);
					try {
						other.prepare('update certificates set revoked_at = ? where user_id = ?').run(NOW.getTime() - DAY, trainees[6]);
					} finally {
						other.close();
					}
				}
			]
		];
		const lapsedBefore = expected(NOW).byProgramme.reduce((s, p) => s + p.counts.lapsed, 0);
		for (const [what, write] of steps) {
			const before = kept(NOW);
			const figures = shown(NOW);
			write();
			expect(kept(NOW), what).not.toBe(before);
			expect(shown(NOW), what).toEqual(expected(NOW));
			expect(shown(NOW), what).not.toEqual(figures); // the write changed what the page shows
		}
		expect(expected(NOW).byProgramme.reduce((s, p) => s + p.counts.lapsed, 0)).toBe(lapsedBefore + 1);
		// and once the update is due, the next moment of change also counts its due date
		expect(nextStatusChange(new Date(NOW.getTime() - 2 * DAY))).toBeLessThanOrEqual(NOW.getTime() - DAY + 1);
	});

	it('keeps nothing read inside a transaction, which could roll back', () => {
		const counter = () => sqlite.prepare("select n from table_generations where name = 'certificate_status'").pluck().get() as number;
		let inside: ReturnType<typeof shown> | null = null;
		let counterInside = 0;
		try {
			sqlite.transaction(() => {
				db.update(certificates).set({ revokedAt: new Date(NOW.getTime() - DAY) }).where(eq(certificates.userId, trainees[7])).run();
				inside = shown(NOW);
				counterInside = counter();
				expect(inside).toEqual(expected(NOW));
				throw new Error('roll back');
			})();
		} catch (err) {
			expect((err as Error).message).toBe('roll back');
		}
		// The rollback took the counter back; writes that change no figure bring it to the value it had inside. Had the
		// figures read inside been kept, they would now pass for current: the revocations that were rolled back.
		const [one] = db.select({ id: certificates.id }).from(certificates).limit(1).all();
		while (counter() < counterInside) db.update(certificates).set({ holderName: sql`holder_name` }).where(eq(certificates.id, one.id)).run();
		expect(counter()).toBe(counterInside);
		expect(shown(NOW)).toEqual(expected(NOW));
		expect(shown(NOW)).not.toEqual(inside);
	});
});

describe('trainer home, a page of their cohorts at a time', () => {
	it('shows five cohorts per page by name, each with its matrix, and reads them by cohorts_trainer_idx', () => {
		expect(countCohorts({ trainerId: trainer })).toBe(11);
		const pages = [1, 2, 3].map((p) => trainerDashboard(trainer, NOW, p));
		expect(pages.map((p) => p.cohorts.length)).toEqual([TRAINER_COHORTS_PER_PAGE, TRAINER_COHORTS_PER_PAGE, 1]);
		expect(pages.flatMap((p) => p.list.map((c) => c.name))).toEqual(cohortIds.slice(0, 11).map((_, i) => `Cohort ${String(i + 1).padStart(2, '0')}`));
		expect(pages[0].cohorts[0].rows).toHaveLength(2);
		const { statements } = recordStatements(() => trainerDashboard(trainer, NOW, 2));
		const [list] = statements.filter((s) => /from "cohorts".*limit \?/s.test(s.sql));
		const plan = planOf(list);
		expect(plan).toMatch(/SEARCH cohorts USING (COVERING )?INDEX cohorts_trainer_idx \(trainer_id=\?\)/);
		expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
	});

	it('reads progress and call statistics once per page, and each matrix has exactly its own cohort’s trainees', () => {
		const first = trainerDashboard(trainer, NOW, 1);
		for (const view of first.cohorts) {
			const members = listUsers({ cohortId: view.id, role: 'trainee' }).filter((u) => u.active);
			expect(view.rows.map((r) => [r.userId, r.name])).toEqual(members.map((m) => [m.id, m.name]));
		}
		const { statements } = recordStatements(() => trainerDashboard(trainer, NOW, 1));
		expect(statements.filter((s) => /from "programme_progress"/.test(s.sql))).toHaveLength(1);
		// call statistics: the KPI columns of the page's rows once, and each cohort's section sums added up in SQL
		const stats = statements.filter((s) => /from "trainee_call_stats"/.test(s.sql));
		expect(stats.filter((s) => /total_sum as totalSum/.test(s.sql))).toHaveLength(1);
		expect(stats.filter((s) => /sum\("accuracy_sum"\)/.test(s.sql))).toHaveLength(first.cohorts.length);
		expect(stats).toHaveLength(1 + first.cohorts.length);
	});

	it('passes each list of trainee ids as one JSON array and searches every table by its index once per id', () => {
		const { statements } = recordStatements(() => trainerDashboard(trainer, NOW, 1, () => 1));
		const lists = statements.filter((s) => /json_each/.test(s.sql));
		// progress, certificates, call statistics and month statistics at least
		expect(lists.length).toBeGreaterThanOrEqual(4);
		for (const s of lists) {
			expect(s.sql).not.toMatch(/ in \(\?, \?/); // no IN list with a parameter per id
			const plan = planOf(s);
			expect(plan, s.sql).toMatch(/SEARCH \w+ USING (COVERING |INTEGER )?(INDEX|PRIMARY KEY)[^\n]*\b(user_id|rowid|cohort_id)=\?/);
			// no table is scanned: only the JSON list and the few rows a grouped subquery (a co-routine) made
			const coroutines = [...plan.matchAll(/CO-ROUTINE (\w+)/g)].map((m) => m[1]);
			const scans = [...plan.matchAll(/SCAN (\w+)/g)].map((m) => m[1]).filter((t) => t !== 'json_each' && !coroutines.includes(t));
			expect(scans, s.sql).toEqual([]);
		}
	});

	it('shows a page of each cohort’s trainees by name, paged on its own parameter, with whole-cohort figures on every page', async () => {
		const lead = await createUser({ email: 'big-lead@home.test', name: 'Big Lead', password: 'x-password-1', roles: ['trainer'] });
		const big = createCohort('Big cohort', lead);
		const small = createCohort('Small cohort', lead);
		const size = 2 * MATRIX_ROWS_PER_PAGE + 5;
		for (let i = 0; i < size; i++) {
			// Names out of id order, so that "by name" is tested.
			await createUser({ email: `big${i}@home.test`, name: `Member ${String((i * 7) % size).padStart(2, '0')}`, password: 'x-password-1', roles: ['trainee'], cohortId: big });
		}
		await createUser({ email: 'small1@home.test', name: 'Small One', password: 'x-password-1', roles: ['trainee'], cohortId: small });
		const members = listUsers({ cohortId: big, role: 'trainee' }).filter((u) => u.active);
		expect(members).toHaveLength(size);
		const viewsAt = (rowsPage: number) => trainerDashboard(lead, NOW, 1, (id) => (id === big ? rowsPage : 1)).cohorts;
		const pages = [1, 2, 3, 4].map((p) => viewsAt(p).find((c) => c.id === big)!);
		// A page past the end shows the last one.
		expect(pages.map((v) => [v.rowsPage.page, v.rowsPage.pages, v.rows.length])).toEqual([
			[1, 3, MATRIX_ROWS_PER_PAGE],
			[2, 3, MATRIX_ROWS_PER_PAGE],
			[3, 3, 5],
			[3, 3, 5]
		]);
		expect(pages.slice(0, 3).flatMap((v) => v.rows.map((r) => [r.userId, r.name]))).toEqual(members.map((m) => [m.id, m.name]));
		for (const v of pages) {
			expect(v.weakest).toEqual(pages[0].weakest);
			expect(v.targets).toEqual(pages[0].targets);
			expect(v.rows.every((r) => r.courses.length === v.columns.courses.length && r.programmes.length === v.columns.programmes.length)).toBe(true);
		}
		// The other cohort on the page keeps its first page.
		expect(viewsAt(2).find((c) => c.id === small)!.rows.map((r) => r.name)).toEqual(['Small One']);
		// Progress is read for the trainees shown only: one programme_progress read whose ids are the shown rows.
		const { statements } = recordStatements(() => viewsAt(2));
		const progressReads = statements.filter((s) => /from "programme_progress"/.test(s.sql));
		expect(progressReads).toHaveLength(1);
		// the ids go in as one JSON array (inIds)
		const idsRead = progressReads[0].params.flatMap((p) => (typeof p === 'string' && p.startsWith('[') ? (JSON.parse(p) as number[]) : []));
		expect(idsRead.sort((a, b) => a - b)).toEqual(
			[...pages[1].rows.map((r) => r.userId), 
			 ...viewsAt(1).find((c) => c.id === small)!.rows.map((r) => r.userId)].sort((a, b) => a - b)
		);
	});
});
