// A certificate lapses when its retraining update is overdue and is in force again once the retraining is done:
// through the real database, from a significant republish to the verify answer, the admin filter and CSV, the
// "certificate lapsed" notification (once), and certification evaluation (never re-issued because of a lapse).
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { certificates, programmes } from '$lib/server/db/schema/certification';
import { emailOutbox, notifications } from '$lib/server/db/schema/notifications';
import { createUser } from '$lib/server/db/queries/users';
import { getCourseBySlug } from '$lib/server/courses/versions';
import { publishDraft, saveDraft, workingFiles } from '$lib/server/courses/authoring';
import { publishScenarioVersion } from '$lib/server/scenarios/versions';
import { completeCourseAs, playScriptedCall } from '$lib/server/certification/demo-work';
import { evaluateAndIssue } from '$lib/server/certification/auto-issue';
import { certificateViews, countCertificates, verifyCertificate } from '$lib/server/certification/certificates';
import { certificatesCsv } from '$lib/server/certification/exports';
import { adminDashboard, trainerDashboard } from '$lib/server/certification/dashboards';
import {
	exportCells,
	exportProgressForUsers,
	lapsedCertificates,
	matrixProgressForUsers,
	progressForUsers,
	storedProgressForUsers,
	storeProgress,
	traineesNeedingProgress
} from '$lib/server/certification/progress';
import { listProgrammes } from '$lib/server/certification/programmes';
import { runReminderScan } from '$lib/server/notifications/reminders';
import { actualsFor } from '$lib/server/targets/targets';
import { setEmailKinds } from '$lib/server/notifications/inbox';
import { CERTIFICATE_STATUSES } from '$lib/domain/certification/status';
import type { ProgrammeRules } from '$lib/domain/certification/rules';
import { retrainingWorld, saveChangedSalesEnquiry, T0, at, DAY, PASSWORD } from './test-world';
import { courseDraftChanges, startRetraining } from './retraining';
import { recordRetrainingRead, updatesDue } from './progress';

const { admin, tess, blue } = await retrainingWorld();

const ann = await createUser({ email: 'ann@example.test', name: 'Ann Lapse', password: PASSWORD, roles: ['trainee'], cohortId: blue });
const bob = await createUser({ email: 'bob@example.test', name: 'Bob Lapse', password: PASSWORD, roles: ['trainee'], cohortId: blue });
setEmailKinds(bob, ['certificate-lapsed']); // Bob switched lapse e-mails off

const rules = (r: Partial<ProgrammeRules>): ProgrammeRules => ({ courses: [], calls: [], prerequisites: [], validityMonths: 12, recertify: { courses: [], calls: false }, ...r });
const crm = db
	.insert(programmes)
	.values({ slug: 'crm-lapse', title: 'CRM lapse', rules: rules({ courses: ['working-in-the-crm'] }), retrainingDays: 7, createdAt: at(-20), updatedAt: at(-20) })
	.returning()
	.get();

// Both earn the certificate through the real course module and auto-issue.
completeCourseAs(ann, 'working-in-the-crm', at(-10));
completeCourseAs(bob, 'working-in-the-crm', at(-10));
const certOf = (userId: number) => db.select().from(certificates).where(eq(certificates.userId, userId)).all();
const annCert = certOf(ann)[0];
const bobCert = certOf(bob)[0];

let noteId = 0;
let dueAt = new Date(0);

describe('a certificate whose retraining update is overdue', () => {
	it('starts valid, with the update due after a significant change', async () => {
		expect([annCert?.programmeId, bobCert?.programmeId]).toEqual([crm.id, crm.id]);
		const row = getCourseBySlug('working-in-the-crm')!;
		const { files } = workingFiles(row);
		const lesson = '02-interaction-logs.md';
		saveDraft(admin, row, { ...files, [lesson]: `${files[lesson]}\n\nNew: log every callback request as its own interaction.\n` }, 'course.edit');
		const changed = courseDraftChanges(row)!;
		const v = await publishDraft(admin, getCourseBySlug('working-in-the-crm')!);
		const started = startRetraining({ kind: 'course', slug: row.slug, title: v.title, toVersion: v.number, ...changed }, admin, T0);
		noteId = started.noteId;
		dueAt = started.dueAt;
		expect(dueAt.toISOString()).toBe('2026-06-08T23:59:59.999Z');
		expect(verifyCertificate(annCert.code, dueAt)).toMatchObject({ status: 'valid', lapsedSince: null }); // the due date itself is on time
		expect(countCertificates({ status: 'lapsed' }, dueAt)).toBe(0);
	});

	it('is lapsed once the due date has passed: verify, home, progress, admin filter, CSV and dashboard', () => {
		const after = new Date(dueAt.getTime() + 1);
		expect(verifyCertificate(annCert.code, after)).toMatchObject({ status: 'lapsed', lapsedSince: dueAt });
		expect(certificateViews(ann, after).map((c) => [c.status, c.updateDue?.noteId])).toEqual([['lapsed', noteId]]);
		expect(progressForUsers([ann], after).trainees[0].programmes.find((p) => p.slug === 'crm-lapse')?.current?.status).toBe('lapsed');
		expect(storedProgressForUsers([ann], after).trainees[0].programmes.find((p) => p.slug === 'crm-lapse')?.current?.status).toBe('lapsed');
		// The SQL filter agrees with the derived status for every status.
		const counts = Object.fromEntries(CERTIFICATE_STATUSES.map((s) => [s, countCertificates({ status: s }, after)]));
		expect(counts).toEqual({ valid: 0, expiring: 0, lapsed: 2, expired: 0, revoked: 0 });
		const csv = certificatesCsv('http://app.test', after).split('\r\n');
		expect(csv[0]).toContain('Retraining update due');
		const annLine = csv.find((l) => l.includes('Ann Lapse'))!;
		expect(annLine).toContain(',Lapsed,');
		expect(annLine).toContain(dueAt.toISOString());
		expect(adminDashboard(after).byProgramme.find((p) => p.slug === 'crm-lapse')?.counts).toMatchObject({ valid: 0, lapsed: 2 });
		const certifiedIn = (now: Date) => adminDashboard(now).perCohort.find((c) => c.id === blue)?.programmes.find((p) => p.slug === 'crm-lapse')?.certified;
		expect([certifiedIn(dueAt), certifiedIn(after)]).toEqual([2, 0]); // "certified" = in force: not while lapsed
		// The trainer's cohort matrix lists the lapsed holders.
		const cohort = trainerDashboard(tess, after).cohorts[0];
		expect(cohort.lapsed.map((l) => [l.name, l.programmeTitle, l.since, l.noteId])).toEqual([
			['Ann Lapse', 'CRM lapse', dueAt, noteId],
			['Bob Lapse', 'CRM lapse', dueAt, noteId]
		]);
		expect(cohort.rows[0].programmes.find((c) => c.lapsed)).toBeDefined();
		// The matrix's cells say what the full progress view says (its status after withLapses), before and after.
		for (const at of [dueAt, after]) {
			const cells = matrixProgressForUsers([ann, bob], at, lapsedCertificates([ann, bob], at)).map((t) => t.programmes.map((p) => [p.slug, p.state, p.status]));
			const full = storedProgressForUsers([ann, bob], at).trainees.map((t) => t.programmes.map((p) => [p.slug, p.state, p.current?.status ?? null]));
			expect(cells).toEqual(full);
		}
		// So do the progress CSV's (its status column reads "Lapsed" after the due date), live and from stored rows: the
		// rows stored before the course was published again are stale, so they are stored afresh to be read.
		const csvCells = (at: Date) => exportProgressForUsers([ann, bob], at);
		const fullCells = (at: Date) => storedProgressForUsers([ann, bob], at).trainees.map((t) => ({ userId: t.userId, programmes: t.programmes.map(exportCells) }));
		for (const at of [dueAt, after]) expect(csvCells(at)).toEqual(fullCells(at));
		storeProgress([ann, bob], dueAt);
		expect(traineesNeedingProgress(after)).not.toContain(ann);
		expect(traineesNeedingProgress(after)).not.toContain(bob);
		for (const at of [dueAt, after]) expect(csvCells(at)).toEqual(fullCells(at));
		expect(csvCells(after).map((t) => t.programmes.find((p) => p.title === 'CRM lapse')?.status)).toEqual(['lapsed', 'lapsed']);
		expect(matrixProgressForUsers([ann, bob], after, lapsedCertificates([ann, bob], after)).map((t) => t.programmes.find((p) => p.slug === 'crm-lapse')?.status)).toEqual(['lapsed', 'lapsed']);
		// The narrow read of lapsed certificates says what the holders' programme progress says, before and after.
		for (const at of [dueAt, after]) {
			const fromProgress = storedProgressForUsers([ann, bob], at).trainees.flatMap((t) =>
				t.programmes.flatMap((p) => (p.current?.status === 'lapsed' ? [[t.userId, p.slug, p.current.updateDue?.dueAt, p.current.updateDue?.noteId]] : []))
			);
			const slugOf = new Map(listProgrammes().map((p) => [p.id, p.slug]));
			expect(lapsedCertificates([ann, bob], at).map((l) => [l.userId, slugOf.get(l.programmeId), l.dueAt, l.noteId])).toEqual(fromProgress);
		}
		// Cohort target "trainees holding a certificate": not while lapsed.
		expect(actualsFor([ann, bob], ['2026-06'], dueAt).get('2026-06')?.certificates).toBe(2);
		expect(actualsFor([ann, bob], ['2026-06'], after).get('2026-06')?.certificates).toBe(0);
	});

	it('writes nothing while it is read, and evaluation never re-issues a certificate because of it', () => {
		const after = at(10);
		const before = db.select().from(certificates).all();
		verifyCertificate(annCert.code, after);
		certificateViews(ann, after);
		const { evaluations, issued } = evaluateAndIssue(ann, after);
		expect(issued).toEqual([]);
		expect(evaluations.find((e) => e.programmeSlug === 'crm-lapse')?.state).toBe('certified');
		expect(db.select().from(certificates).all()).toEqual(before);
	});

	it('sends "certificate lapsed" once per lapse, in-app and by e-mail unless switched off', async () => {
		const lapsedRows = () => db.select().from(notifications).where(eq(notifications.kind, 'certificate-lapsed')).all();
		await runReminderScan(dueAt); // not yet
		expect(lapsedRows()).toEqual([]);
		await runReminderScan(at(9));
		await runReminderScan(at(10));
		const sent = lapsedRows();
		expect(sent.map((n) => [n.userId, n.dedupeKey, n.href]).sort()).toEqual(
			[
				[ann, `certificate:${annCert.id}:lapsed:${noteId}`, `/retraining/${noteId}`],
				[bob, `certificate:${bobCert.id}:lapsed:${noteId}`, `/retraining/${noteId}`]
			].sort()
		);
		expect(sent[0].title).toContain('overdue since 2026-06-08');
		const mail = db
			.select({ to: emailOutbox.toAddress, subject: emailOutbox.subject })
			.from(emailOutbox)
			.innerJoin(notifications, eq(notifications.id, emailOutbox.notificationId))
			.where(eq(notifications.kind, 'certificate-lapsed'))
			.all();
		expect(mail).toEqual([{ to: 'ann@example.test', subject: expect.stringContaining('has lapsed') }]);
	});

	it('is in force again once the retraining is completed, with no manual step', () => {
		recordRetrainingRead(ann, 'working-in-the-crm', 'interaction-logs', at(11));
		const later = at(12);
		expect(verifyCertificate(annCert.code, later)).toMatchObject({ status: 'valid', lapsedSince: null });
		expect(verifyCertificate(bobCert.code, later)).toMatchObject({ status: 'lapsed' });
		expect(certificateViews(ann, later).map((c) => c.status)).toEqual(['valid']);
		expect(countCertificates({ status: 'valid' }, later)).toBe(1);
		expect(countCertificates({ status: 'lapsed' }, later)).toBe(1);
		expect(actualsFor([ann, bob], ['2026-06'], later).get('2026-06')?.certificates).toBe(1);
		expect(trainerDashboard(tess, later).cohorts[0].lapsed.map((l) => l.name)).toEqual(['Bob Lapse']);
		// A past moment is judged by what was done by then: at 10 June Ann had not retrained yet.
		expect(actualsFor([ann, bob], ['2026-06'], at(10)).get('2026-06')?.certificates).toBe(0);
		expect(db.select().from(certificates).where(eq(certificates.userId, ann)).all()).toHaveLength(1);
	});
});

describe('a scenario retraining (completed by a call, not by a stored close)', () => {
	it('lapses and is restored by a qualifying call, the SQL filter agreeing with the derived status', () => {
		const sales = db
			.insert(programmes)
			.values({
				slug: 'sales-lapse',
				title: 'Sales lapse',
				rules: rules({ calls: [{ count: 1, minScore: 70, minRecordAccuracy: null, angryOnly: false, scenarios: ['sales-enquiry'] }] }),
				retrainingDays: 3,
				createdAt: at(-20),
				updatedAt: at(-20)
			})
			.returning()
			.get();
		playScriptedCall(bob, 'sales-enquiry', at(-5));
		evaluateAndIssue(bob, at(-5));
		const cert = certOf(bob).find((c) => c.programmeId === sales.id)!;
		expect(cert).toBeDefined();
		const { version, changed } = saveChangedSalesEnquiry(admin);
		const saved = { version };
		publishScenarioVersion('sales-enquiry', saved.version.number, admin, T0);
		const started = startRetraining({ kind: 'scenario', slug: 'sales-enquiry', title: 'Sales', toVersion: saved.version.number, ...changed }, admin, T0);
		const late = new Date(started.dueAt.getTime() + DAY);
		expect(verifyCertificate(cert.code, late)?.status).toBe('lapsed');
		const lapsedIds = () => new Set(certificateViews(bob, late).filter((c) => c.status === 'lapsed').map((c) => c.id));
		expect(late < dueAt).toBe(true); // Bob's course update (due 8 June) is not overdue yet
		expect(lapsedIds()).toEqual(new Set([cert.id]));
		expect(countCertificates({ status: 'lapsed' }, late)).toBe(1);

		playScriptedCall(bob, 'sales-enquiry', new Date(started.dueAt.getTime() + DAY / 2)); // late, but done
		expect(updatesDue([cert.id], late).size).toBe(0);
		expect(verifyCertificate(cert.code, late)?.status).toBe('valid');
		expect(lapsedIds()).toEqual(new Set());
		expect(countCertificates({ status: 'lapsed' }, late)).toBe(0); // SQL == derived
		expect(countCertificates({ status: 'valid' }, late)).toBe(3);
		expect(certOf(bob).filter((c) => c.programmeId === sales.id)).toHaveLength(1);
	});
});
