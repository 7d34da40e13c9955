// Stored programme progress (programme_progress): written when evidence or certificates change, read by the
// trainer dashboard and the progress CSV; equal to the live evaluation; evaluated again once time alone changes it;
// the start-up backfill reproduces the stored rows exactly; the read uses the primary key.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db, sqlite } from '$lib/server/db';
import { certificates, programmeProgress } from '$lib/server/db/schema/certification';
import { createCohort, createUser, setUserActive } from '$lib/server/db/queries/users';
import { recordStatements } from '$lib/server/db/record-statements';
import { migrationStatement } from '$lib/server/db/migration-statement';
import { importContentScenarios } from '$lib/server/scenarios/versions';
import { importContentCourses } from '$lib/server/courses/catalogue';
import { completeCourseAs, playScriptedCall } from './demo-work';
import { seedDemoProgrammes } from './seed';
import { getProgramme } from './programmes';
import { newCertificateCode } from './codes';
import { revokeCertificate } from './certificates';
import { reevaluateInBackground, reevaluationRunning } from './auto-issue';
import { createCourse, publishDraft } from '$lib/server/courses/authoring';
import {
	backfillProgrammeProgress,
	exportCells,
	exportProgressForUsers,
	lapsedCertificates,
	matrixProgressForUsers,
	progressForUsers,
	storedProgressForUsers,
	storeProgress,
	traineesNeedingProgress
} from './progress';

const DAY = 86_400_000;
const NOW = new Date();
let admin: number;
const ids: number[] = [];
/**
 * The stored read equals the live evaluation at `at`, and so do the cohort matrix's and the progress CSV's cells (stored rows' state, counter
 * and status, completed courses' best scores; live for a trainee whose rows are stale).
 */
function expectStoredAsLive(at: Date) {
	const live = progressForUsers(ids, at).trainees;
	expect(storedProgressForUsers(ids, at).trainees).toEqual(live.map((t) => ({ userId: t.userId, programmes: t.programmes })));
	expect(matrixProgressForUsers(ids, at, lapsedCertificates(ids, at))).toEqual(
		live.map((t) => ({
			userId: t.userId,
			courses: t.evidence.courses.map((c) => ({ slug: c.slug, bestScore: c.bestScore })),
			programmes: t.programmes.map((p) => ({ slug: p.slug, state: p.state, stateLabel: p.stateLabel, done: p.done, required: p.required, status: p.current?.status ?? null }))
		}))
	);
	// and the progress CSV's cells (the unmet requirements in words, the latest certificate's status and expiry)
	expect(exportProgressForUsers(ids, at)).toEqual(live.map((t) => ({ userId: t.userId, programmes: t.programmes.map(exportCells) })));
	// the same one trainee at a time with the to-do texts kept across the calls, as the CSV's batches share them
	const todoOf = new Map<string, string>();
	expect(ids.flatMap((id) => exportProgressForUsers([id], at, undefined, todoOf))).toEqual(
		live.map((t) => ({ userId: t.userId, programmes: t.programmes.map(exportCells) }))
	);
}
const storedRows = () =>
	db
		.select({
			userId: programmeProgress.userId,
			programmeId: programmeProgress.programmeId,
			version: programmeProgress.programmeVersion,
			evaluation: programmeProgress.evaluation,
			staleAt: programmeProgress.staleAt,
			state: programmeProgress.state,
			done: programmeProgress.done,
			required: programmeProgress.required,
			status: programmeProgress.status,
			unmet: programmeProgress.unmet
		})
		.from(programmeProgress)
		.orderBy(programmeProgress.userId, programmeProgress.programmeId)
		.all();

beforeAll(async () => {
	importContentCourses();
	importContentScenarios();
	seedDemoProgrammes(new Date(NOW.getTime() - 60 * DAY));
	admin = await createUser({ email: 'sp-admin@test', name: 'Ada Admin', password: 'x-password-1', roles: ['admin'] });
	const cohort = createCohort('Stored progress', admin);
	for (const n of ['a', 'b', 'c']) {
		ids.push(await createUser({ email: `sp-${n}@test`, name: `Trainee ${n}`, password: 'x-password-1', roles: ['trainee'], cohortId: cohort }));
	}
	const start = NOW.getTime() - 20 * DAY;
	// a: everything for Level 1 (gets a certificate); b: part of it; c: nothing.
	completeCourseAs(ids[0], 'working-in-the-crm', new Date(start));
	completeCourseAs(ids[0], 'telephone-etiquette', new Date(start + DAY));
	for (const [i, slug] of ['address-change-verification', 'appointment-booking', 'sales-enquiry', 'angry-billing-dispute'].entries()) {
		playScriptedCall(ids[0], slug, new Date(start + (2 + i) * DAY));
	}
	completeCourseAs(ids[1], 'working-in-the-crm', new Date(start));
	playScriptedCall(ids[1], 'sales-enquiry', new Date(start + 2 * DAY));
});

describe('stored programme progress', () => {
	it('is written when evidence changes and reads back equal to the live evaluation, without evaluating again', () => {
		expect(db.select().from(certificates).where(eq(certificates.userId, ids[0])).all()).toHaveLength(1);
		// c has no evidence yet, so nothing was ever stored for them; a and b are fresh.
		expect(traineesNeedingProgress(NOW)).toEqual([ids[2]]);
		expectStoredAsLive(NOW);
		const stored = storedProgressForUsers(ids, NOW);
		const level1 = stored.trainees[0].programmes.find((p) => p.slug === 'crm-call-handling-level-1')!;
		expect(level1.state).toBe('certified');
		expect(stored.trainees[1].programmes.find((p) => p.slug === 'crm-call-handling-level-1')!.state).toBe('in-progress');
	});

	it('is evaluated again once time alone changes it (the certificate enters its renewal window, then expires)', () => {
		const cert = db.select().from(certificates).where(eq(certificates.userId, ids[0])).get()!;
		const row = db.select().from(programmeProgress).where(eq(programmeProgress.userId, ids[0])).get()!;
		expect(row.staleAt!.getTime()).toBe(cert.expiresAt!.getTime() - 30 * DAY);
		for (const later of [new Date(cert.expiresAt!.getTime() - 10 * DAY), new Date(cert.expiresAt!.getTime() + DAY)]) {
			expect(traineesNeedingProgress(later)).toContain(ids[0]);
			expectStoredAsLive(later);
		}
		const states = (at: Date) => storedProgressForUsers([ids[0]], at).trainees[0].programmes.find((p) => p.slug === 'crm-call-handling-level-1')!.state;
		expect([states(NOW), states(new Date(cert.expiresAt!.getTime() - 10 * DAY)), states(new Date(cert.expiresAt!.getTime() + DAY))]).toEqual([
			'certified',
			'renewal-due',
			'expired'
		]);
	});

	it('shows a revocation at once (revoking stores progress again)', () => {
		const cert = db.select().from(certificates).where(eq(certificates.userId, ids[0])).get()!;
		expect(revokeCertificate(cert.id, 'Issued in error', admin, NOW)).toBe(true);
		expect(traineesNeedingProgress(NOW)).not.toContain(ids[0]);
		const p = storedProgressForUsers([ids[0]], NOW).trainees[0].programmes.find((x) => x.slug === 'crm-call-handling-level-1')!;
		expect(p.state).toBe('revoked');
		expectStoredAsLive(NOW);
	});

	it('is evaluated again after a programme rule change (older programme version)', () => {
		const level1 = getProgramme('crm-call-handling-level-1')!;
		sqlite.prepare('update cert_programmes set version = version + 1 where id = ?').run(level1.id);
		expect(traineesNeedingProgress(NOW)).toEqual(expect.arrayContaining(ids));
		expect(storedProgressForUsers(ids, NOW).trainees.map((t) => t.programmes)).toEqual(progressForUsers(ids, NOW).trainees.map((t) => t.programmes));
		storeProgress(ids, NOW);
		expect(traineesNeedingProgress(NOW)).toEqual([]);
	});

	it('is backfilled at start-up exactly as it is maintained', () => {
		// Certificate issued directly (as seed:scale and older databases have them), with progress stored for all.
		const level2 = getProgramme('de-escalation-specialist')!;
		db.insert(certificates)
			.values({ code: newCertificateCode(), userId: ids[2], programmeId: level2.id, cycle: 1, programmeVersion: level2.version, holderName: 'Trainee c', programmeTitle: level2.title, issuedAt: new Date(NOW.getTime() - 10 * DAY), expiresAt: new Date(NOW.getTime() + 300 * DAY) })
			.run();
		storeProgress(ids, NOW);
		const maintained = storedRows();
		expect(maintained).toHaveLength(ids.length * 2);
		sqlite.exec('delete from programme_progress');
		expect(traineesNeedingProgress(NOW)).toEqual(ids);
		expect(backfillProgrammeProgress(NOW)).toEqual({ trainees: ids.length });
		expect(storedRows()).toEqual(maintained);
		expect(backfillProgrammeProgress(NOW)).toEqual({ trainees: 0 }); // a second start does nothing
		expectStoredAsLive(NOW);
	});

	it('counts as stale once a course version goes live after it was stored, and the backfill stores it again', () => {
		expect(traineesNeedingProgress(NOW)).toEqual([]);
		sqlite.prepare("update course_versions set published_at = ? where id = (select max(id) from course_versions where status = 'published')").run(Date.now() + 60_000);
		expect(traineesNeedingProgress(NOW)).toEqual(ids);
		expectStoredAsLive(NOW);
		sqlite.prepare("update course_versions set published_at = ? where id = (select max(id) from course_versions where status = 'published')").run(Date.now() - 1000);
		backfillProgrammeProgress(NOW);
		expect(traineesNeedingProgress(NOW)).toEqual([]);
	});

	it('is evaluated again in the background when a course is published in the editor', async () => {
		expect(traineesNeedingProgress(new Date())).toEqual([]);
		const editor = { id: admin, email: 'sp-admin@test', name: 'Ada Admin', roles: ['admin' as const], mustChangePassword: false, cohortId: null };
		const row = createCourse(editor, 'Publish re-evaluation', 'publish-reevaluation');
		expect(reevaluationRunning()).toBeNull();
		await publishDraft(editor, row, { confirmPlaceholders: true });
		const pass = reevaluationRunning();
		expect(pass).not.toBeNull(); // started by the publish, off the request
		expect(traineesNeedingProgress(new Date())).toEqual(ids); // stale until the pass has run
		await pass;
		expect(traineesNeedingProgress(new Date())).toEqual([]);
		const now = new Date();
		expectStoredAsLive(now);
	});

	it('is stored for deactivated trainees too: the progress CSV lists them, and reading them live read every call they made', async () => {
		const start = NOW.getTime() - 15 * DAY;
		const gone = await createUser({ email: 'sp-gone@test', name: 'Trainee gone', password: 'x-password-1', roles: ['trainee'] });
		completeCourseAs(gone, 'working-in-the-crm', new Date(start));
		completeCourseAs(gone, 'telephone-etiquette', new Date(start + DAY));
		setUserActive(gone, false);
		const liveOf = (at: Date) => progressForUsers([gone], at).trainees.map((t) => ({ userId: t.userId, programmes: t.programmes }));
		const callReads = () => recordStatements(() => storedProgressForUsers([gone], new Date())).statements.filter((st) => /from "calls"/.test(st.sql)).length;
		// Start-up backfill (an older database, where only active trainees had rows).
		sqlite.prepare('delete from programme_progress where user_id = ?').run(gone);
		expect(traineesNeedingProgress(new Date())).toEqual([gone]);
		expect(callReads(), 'without stored rows the read evaluates them live').toBeGreaterThan(0);
		expect(backfillProgrammeProgress(new Date())).toEqual({ trainees: 1 });
		expect(traineesNeedingProgress(new Date())).toEqual([]);
		expect(callReads()).toBe(0);
		// Evidence that changes while deactivated (calls scored: a trainer's override does the same) is stored again, and
		// no certificate is issued to the deactivated account, though the calls complete Level 1.
		for (const [i, slug] of ['address-change-verification', 'appointment-booking', 'sales-enquiry', 'angry-billing-dispute'].entries()) {
			playScriptedCall(gone, slug, new Date(start + (2 + i) * DAY));
		}
		expect(db.select().from(certificates).where(eq(certificates.userId, gone)).all()).toEqual([]);
		expect(traineesNeedingProgress(new Date())).toEqual([]);
		let now = new Date();
		expect(storedProgressForUsers([gone], now).trainees).toEqual(liveOf(now));
		expect(callReads()).toBe(0);
		// A background pass (a course published, a rule changed) stores them again with everyone else.
		sqlite.prepare('update programme_progress set evaluated_at = 0 where user_id = ?').run(gone);
		expect(traineesNeedingProgress(new Date())).toEqual([gone]);
		await reevaluateInBackground();
		expect(traineesNeedingProgress(new Date())).toEqual([]);
		now = new Date();
		expect(storedProgressForUsers([gone], now).trainees).toEqual(liveOf(now));
		expect(db.select().from(certificates).where(eq(certificates.userId, gone)).all()).toEqual([]);
	});

	it("keeps the columns lists read beside each evaluation, and migration 0031's backfill fills them exactly so", () => {
		storeProgress(ids, NOW);
		const maintained = storedRows();
		for (const r of maintained) {
			const e = JSON.parse(r.evaluation);
			expect([r.state, r.done, r.required, r.status]).toEqual([e.state, e.done, e.required, e.current?.status ?? null]);
			expect(JSON.parse(r.unmet)).toEqual(e.items.filter((i: { met: boolean }) => !i.met).map(({ callIds: _, ...rest }: { callIds?: string[] }) => rest));
		}
		// a trainee part of the way through the calls: the unmet calls requirement is kept, its qualifying calls' ids are not
		expect(maintained.some((r) => r.unmet.includes('"kind":"calls"') && r.evaluation.includes('"callIds":["'))).toBe(true);
		expect(maintained.every((r) => !r.unmet.includes('callIds'))).toBe(true);
		sqlite.exec("update programme_progress set state = 'in-progress', done = 0, required = 0, status = null, unmet = '[]'");
		sqlite.exec(migrationStatement('_progress_cells.sql', 'UPDATE `programme_progress` SET'));
		expect(storedRows()).toEqual(maintained);
		expectStoredAsLive(NOW);
		// the progress CSV's read of fresh rows takes the columns: no evaluation text, no call
		const { statements } = recordStatements(() => exportProgressForUsers(ids, NOW));
		expect(statements.filter((st) => /"programme_progress"/.test(st.sql)).map((st) => /\bevaluation\b/.test(st.sql))).toEqual([false]);
		expect(statements.filter((st) => /from "calls"/.test(st.sql))).toEqual([]);
	});

	it('is read by primary key', () => {
		const plan = (sqlite.prepare('explain query plan select * from programme_progress where user_id in (1, 2, 3)').all() as { detail: string }[])
			.map((r) => r.detail)
			.join('\n');
		expect(plan).toMatch(/SEARCH programme_progress USING INDEX sqlite_autoindex_programme_progress_1 \(user_id=\?\)/);
	});
});
